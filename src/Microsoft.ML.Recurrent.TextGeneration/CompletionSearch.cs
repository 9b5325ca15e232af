namespace Microsoft.ML.Recurrent.TextGeneration;

/// <summary>
/// Beam search for autocomplete: extends the prefix one character at a time, keeping the <c>beamWidth</c> most likely
/// unfinished continuations; a continuation finishes when its next character is a stop character (white space or
/// punctuation) or it reaches the length limit. Scores are exact log-probabilities, which only fall as a continuation
/// grows, so the search ends once <c>count</c> finished continuations score at least as well as the best unfinished one.
/// </summary>
internal sealed class CompletionSearch(CharacterVocabulary vocabulary, InferenceSession session)
{
    public IReadOnlyList<Completion> Run(ReadOnlySpan<int> context, int count, int maxLength)
    {
        int beamWidth = session.Batch, classes = vocabulary.Count;
        var finished = new List<Completion>();
        var beams = new List<Beam> { new(string.Empty, 0, 0) };
        var candidates = new List<Beam>();
        var logits = session.Prime(context);
        var ids = new int[beamWidth];
        var logSoftmax = new float[classes];
        for (int length = 1; length <= maxLength && beams.Count > 0; length++)
        {
            candidates.Clear();
            foreach (var beam in beams)
            {
                var row = logits.Slice(beam.Row * classes, classes);
                float logTotal = LogSumExp(row);
                for (int id = 0; id < classes; id++)
                {
                    if (!CharacterVocabulary.IsCharacter(id))
                    {
                        continue;
                    }

                    double score = beam.Score + row[id] - logTotal;
                    if (vocabulary.IsStop(id))
                    {
                        finished.Add(new Completion(beam.Text, score, vocabulary.Decode(id)));
                    }
                    else if (length == maxLength)
                    {
                        finished.Add(new Completion(beam.Text + vocabulary.Decode(id), score, null));
                    }
                    else
                    {
                        candidates.Add(new Beam(beam.Text + vocabulary.Decode(id), score, beam.Row) { NextId = id });
                    }
                }
            }

            finished.Sort((a, b) => b.LogProbability.CompareTo(a.LogProbability));
            if (finished.Count > count)
            {
                finished.RemoveRange(count, finished.Count - count);
            }

            candidates.Sort((a, b) => b.Score.CompareTo(a.Score));
            if (candidates.Count > beamWidth)
            {
                candidates.RemoveRange(beamWidth, candidates.Count - beamWidth);
            }

            if (candidates.Count == 0 || (finished.Count == count && finished[^1].LogProbability >= candidates[0].Score))
            {
                break;
            }

            ReorderState(candidates);
            beams.Clear();
            for (int i = 0; i < candidates.Count; i++)
            {
                beams.Add(candidates[i] with { Row = i });
                ids[i] = candidates[i].NextId;
            }

            logits = session.Step(ids);
        }

        return finished;
    }

    private static float LogSumExp(ReadOnlySpan<float> row)
    {
        float max = TensorPrimitives.Max(row);
        double sum = 0;
        foreach (float z in row)
        {
            sum += Math.Exp(z - max);
        }

        return (float)(max + Math.Log(sum));
    }

    /// <summary>Row i of the session's state becomes the state of candidate i's parent beam.</summary>
    private void ReorderState(List<Beam> kept)
    {
        foreach (var tensor in new[] { session.State.Hidden, session.State.Cell })
        {
            if (tensor is null)
            {
                continue;
            }

            int layers = tensor.Dim(0), batch = tensor.Dim(1), h = tensor.Dim(2);
            var copy = tensor.Values.ToArray();
            var target = tensor.Span;
            for (int l = 0; l < layers; l++)
            {
                for (int i = 0; i < kept.Count; i++)
                {
                    copy.AsSpan((l * batch + kept[i].Row) * h, h).CopyTo(target.Slice((l * batch + i) * h, h));
                }
            }
        }
    }

    private sealed record Beam(string Text, double Score, int Row)
    {
        public int NextId { get; init; }
    }
}
