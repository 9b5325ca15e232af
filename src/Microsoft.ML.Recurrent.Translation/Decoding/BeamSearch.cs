using Microsoft.ML.Recurrent.Text.Vocabularies;
using Microsoft.ML.Recurrent.Translation.Network;

namespace Microsoft.ML.Recurrent.Translation.Decoding;

/// <summary>
/// Beam search over a batch of sources, <see cref="DecodingOptions.BeamSize"/> rows each. Every step ranks, per source,
/// the extensions of its live hypotheses by log-probability (the best 2·beam tokens of each, ties to the earlier
/// hypothesis and the smaller id); an end of sentence among the best beam-size candidates finishes a hypothesis, and the
/// best other candidates fill the beam again. A source is done once it has beam-size finished hypotheses, or when the
/// live ones reach the length limit (they are then kept unfinished). Finished hypotheses are ranked by the
/// length-normalised score. With beam size 1 this is exactly greedy decoding.
/// </summary>
internal static class BeamSearch
{
    /// <summary>Returns the best <paramref name="nBest"/> (≤ beam size) translations of each source, best first.</summary>
    public static List<DecodedSequence>[] Run(Seq2SeqNetwork network, IReadOnlyList<int[]> sources, DecodingOptions options, int nBest)
    {
        int beam = options.BeamSize, count = sources.Count, rows = count * beam, vocabulary = network.TargetVocabularySize;
        var session = new DecoderSession(network, sources, beam);
        var nodes = new HypothesisNode?[rows];
        var scores = new double[rows];
        var live = new bool[rows];
        var finished = Enumerable.Range(0, count).Select(_ => new List<DecodedSequence>()).ToArray();
        var done = new bool[count];
        var ids = new int[rows];
        var parents = new int[rows];
        var candidates = new List<Candidate>(2 * beam * beam);
        var top = new int[2 * beam];
        var nextNodes = new HypothesisNode?[beam];
        var nextScores = new double[beam];
        for (int s = 0; s < count; s++)
        {
            live[s * beam] = true;
        }

        ids.AsSpan().Fill(Vocabulary.BeginId);
        for (int remaining = count; remaining > 0;)
        {
            session.Step(ids);
            for (int s = 0; s < count; s++)
            {
                int first = s * beam;
                for (int k = 0; k < beam; k++)
                {
                    parents[first + k] = first + k;
                }

                if (done[s])
                {
                    continue;
                }

                candidates.Clear();
                for (int r = first; r < first + beam; r++)
                {
                    if (!live[r])
                    {
                        continue;
                    }

                    var row = session.LogProbabilities.Span.Slice(r * vocabulary, vocabulary);
                    NGramBlocking.Apply(nodes[r], options.NoRepeatNGramSize, row);
                    int found = TopTokens(row, top);
                    for (int i = 0; i < found; i++)
                    {
                        candidates.Add(new Candidate(scores[r] + row[top[i]], r, top[i]));
                    }
                }

                candidates.Sort();
                int filled = 0;
                for (int rank = 0; rank < candidates.Count && (filled < beam || rank < beam); rank++)
                {
                    var c = candidates[rank];
                    if (c.Token == Vocabulary.EndId)
                    {
                        if (rank < beam)
                        {
                            finished[s].Add(DecodedSequence.Finish(nodes[c.Row], c.Score, ended: true, options));
                        }
                    }
                    else if (filled < beam && !double.IsNegativeInfinity(c.Score))
                    {
                        nextNodes[filled] = new HypothesisNode(nodes[c.Row], c.Token, GreedySearch.AttentionRow(session, c.Row));
                        nextScores[filled] = c.Score;
                        parents[first + filled] = c.Row;
                        ids[first + filled] = c.Token;
                        filled++;
                    }
                }

                for (int k = 0; k < beam; k++)
                {
                    live[first + k] = k < filled;
                    nodes[first + k] = k < filled ? nextNodes[k] : null;
                    scores[first + k] = k < filled ? nextScores[k] : double.NegativeInfinity;
                }

                bool atLimit = filled > 0 && nodes[first]!.Length >= options.LengthLimit(sources[s].Length - 1);
                if (finished[s].Count >= beam || atLimit || filled == 0)
                {
                    if (finished[s].Count < beam)
                    {
                        for (int k = 0; k < filled; k++)
                        {
                            finished[s].Add(DecodedSequence.Finish(nodes[first + k], scores[first + k], ended: false, options));
                        }
                    }

                    done[s] = true;
                    remaining--;
                }
            }

            session.Reorder(parents);
        }

        return finished.Select(list => list.OrderByDescending(d => d.Score).ThenByDescending(d => d.LogProbability).Take(nBest).ToList()).ToArray();
    }

    /// <summary>Writes the ids of the largest values (ties to the smaller id), largest first; returns how many were written.</summary>
    private static int TopTokens(ReadOnlySpan<float> row, Span<int> top)
    {
        int found = 0;
        for (int id = 0; id < row.Length; id++)
        {
            float value = row[id];
            if (float.IsNegativeInfinity(value) || (found == top.Length && value <= row[top[found - 1]]))
            {
                continue;
            }

            int at = Math.Min(found, top.Length - 1);
            while (at > 0 && row[top[at - 1]] < value)
            {
                top[at] = top[at - 1];
                at--;
            }

            top[at] = id;
            found = Math.Min(found + 1, top.Length);
        }

        return found;
    }

    private readonly record struct Candidate(double Score, int Row, int Token) : IComparable<Candidate>
    {
        public int CompareTo(Candidate other)
        {
            int byScore = other.Score.CompareTo(Score);
            return byScore != 0 ? byScore : Row != other.Row ? Row.CompareTo(other.Row) : Token.CompareTo(other.Token);
        }
    }
}
