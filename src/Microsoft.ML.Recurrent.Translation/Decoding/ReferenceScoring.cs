using Microsoft.ML.Recurrent.Text.Vocabularies;
using Microsoft.ML.Recurrent.Translation.Network;

namespace Microsoft.ML.Recurrent.Translation.Decoding;

/// <summary>Log-probabilities of given target sequences (teacher forced, evaluation mode).</summary>
internal static class ReferenceScoring
{
    /// <summary>Returns log P(target, &lt;/s&gt; | source) of each pair, one batch for all.</summary>
    /// <param name="network">The network, in evaluation mode.</param>
    /// <param name="sources">Source ids, each ending with &lt;/s&gt;.</param>
    /// <param name="targets">Target ids without &lt;s&gt; and &lt;/s&gt;.</param>
    public static double[] LogProbabilities(Seq2SeqNetwork network, IReadOnlyList<int[]> sources, IReadOnlyList<int[]> targets)
    {
        var session = new DecoderSession(network, sources, 1);
        int count = sources.Count, vocabulary = network.TargetVocabularySize, steps = targets.Max(t => t.Length) + 1;
        var totals = new double[count];
        var ids = new int[count];
        ids.AsSpan().Fill(Vocabulary.BeginId);
        for (int t = 0; t < steps; t++)
        {
            session.Step(ids);
            for (int i = 0; i < count; i++)
            {
                int n = targets[i].Length;
                if (t <= n)
                {
                    int label = t < n ? targets[i][t] : Vocabulary.EndId;
                    totals[i] += session.LogProbabilities.Values[i * vocabulary + label];
                    ids[i] = label;
                }
                else
                {
                    ids[i] = Vocabulary.PadId;
                }
            }
        }

        return totals;
    }
}
