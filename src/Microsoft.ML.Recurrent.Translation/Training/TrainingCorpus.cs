using Microsoft.ML.Recurrent.Text.Pipeline;

namespace Microsoft.ML.Recurrent.Translation.Training;

/// <summary>Sentence pairs as ids: sources end with &lt;/s&gt;; targets carry neither &lt;s&gt; nor &lt;/s&gt;.</summary>
internal sealed class TrainingCorpus
{
    public TrainingCorpus(int[][] sources, int[][] targets)
    {
        Sources = sources;
        Targets = targets;
    }

    public IReadOnlyList<int[]> Sources { get; }

    public IReadOnlyList<int[]> Targets { get; }

    public int Count => Sources.Count;

    /// <summary>Encodes the pairs, leaving out those with an empty side or more than <paramref name="maxLength"/> tokens on a side.</summary>
    public static TrainingCorpus Create(TextEncoder sourceEncoder, TextEncoder targetEncoder, IReadOnlyList<string> sources, IReadOnlyList<string> targets, int maxLength)
    {
        var kept = new List<(int[] Source, int[] Target)>();
        for (int i = 0; i < sources.Count; i++)
        {
            var source = sourceEncoder.Encode(sources[i], addEnd: true);
            var target = targetEncoder.Encode(targets[i]);
            if (source.Length > 1 && target.Length > 0 && source.Length - 1 <= maxLength && target.Length <= maxLength)
            {
                kept.Add((source, target));
            }
        }

        return new TrainingCorpus(kept.Select(p => p.Source).ToArray(), kept.Select(p => p.Target).ToArray());
    }
}
