using Microsoft.ML.Recurrent.Text.Vocabularies;
using Microsoft.ML.Recurrent.Translation.Network;

namespace Microsoft.ML.Recurrent.Translation.Decoding;

/// <summary>Greedy decoding of a batch of sources: each step takes the most likely token (ties to the smallest id).</summary>
internal static class GreedySearch
{
    /// <summary>Translates <paramref name="sources"/> (ids ending with &lt;/s&gt;) in one batch.</summary>
    public static DecodedSequence[] Run(Seq2SeqNetwork network, IReadOnlyList<int[]> sources, DecodingOptions options)
    {
        var session = new DecoderSession(network, sources, 1);
        int count = sources.Count, vocabulary = network.TargetVocabularySize;
        var nodes = new HypothesisNode?[count];
        var logProbabilities = new double[count];
        var results = new DecodedSequence?[count];
        var ids = new int[count];
        ids.AsSpan().Fill(Vocabulary.BeginId);
        for (int remaining = count; remaining > 0;)
        {
            session.Step(ids);
            for (int i = 0; i < count; i++)
            {
                if (results[i] is not null)
                {
                    ids[i] = Vocabulary.PadId;
                    continue;
                }

                var row = session.LogProbabilities.Span.Slice(i * vocabulary, vocabulary);
                NGramBlocking.Apply(nodes[i], options.NoRepeatNGramSize, row);
                int token = TensorPrimitives.IndexOfMax(row);
                logProbabilities[i] += row[token];
                if (token == Vocabulary.EndId)
                {
                    results[i] = DecodedSequence.Finish(nodes[i], logProbabilities[i], ended: true, options);
                    remaining--;
                    continue;
                }

                nodes[i] = new HypothesisNode(nodes[i], token, AttentionRow(session, i));
                ids[i] = token;
                if (nodes[i]!.Length == options.LengthLimit(sources[i].Length - 1))
                {
                    results[i] = DecodedSequence.Finish(nodes[i], logProbabilities[i], ended: false, options);
                    remaining--;
                }
            }
        }

        return results!;
    }

    /// <summary>A copy of row <paramref name="row"/>'s attention weights over its real source tokens, or null without attention.</summary>
    internal static float[]? AttentionRow(DecoderSession session, int row) =>
        session.Weights?.Values.Slice(row * session.SourceSteps, session.SourceLengths[row]).ToArray();
}
