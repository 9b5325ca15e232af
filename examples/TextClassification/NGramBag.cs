using System.Collections;

namespace Microsoft.ML.Recurrent.Examples.TextClassification;

/// <summary>
/// A stand-in for ML.NET's FeaturizeText, for the wide part of wide-and-deep experiments without ML.NET: lowercased
/// word 1- and 2-grams (white-space tokens) and character 3-grams (with start and end markers), counted, each row
/// scaled to unit L2 norm. The n-gram dictionary is fitted on the training texts only.
/// </summary>
public sealed class NGramBag
{
    private readonly Dictionary<string, int> columns = new(StringComparer.Ordinal);

    private NGramBag()
    {
    }

    /// <summary>Number of n-grams: the length of every feature vector.</summary>
    public int Width => columns.Count;

    /// <summary>Collects every n-gram of <paramref name="texts"/>.</summary>
    public static NGramBag Fit(IEnumerable<string> texts)
    {
        var bag = new NGramBag();
        foreach (string text in texts)
        {
            foreach (string gram in Grams(text))
            {
                bag.columns.TryAdd(gram, bag.columns.Count);
            }
        }

        return bag;
    }

    /// <summary>The feature vectors of <paramref name="texts"/>; each dense row is built when read (rows are wide and mostly zero).</summary>
    public IReadOnlyList<float[]> Transform(IReadOnlyList<string> texts) => new LazyRows(texts.Select(Sparse).ToArray(), Width);

    private (int[] Columns, float[] Values) Sparse(string text)
    {
        var counts = new SortedDictionary<int, float>();
        foreach (string gram in Grams(text))
        {
            if (columns.TryGetValue(gram, out int column))
            {
                counts[column] = counts.GetValueOrDefault(column) + 1f;
            }
        }

        float norm = MathF.Sqrt(counts.Values.Sum(v => v * v));
        return (counts.Keys.ToArray(), counts.Values.Select(v => v / Math.Max(norm, 1e-12f)).ToArray());
    }

    private static IEnumerable<string> Grams(string text)
    {
        string lower = text.ToLowerInvariant();
        var words = lower.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < words.Length; i++)
        {
            yield return "w:" + words[i];
            if (i > 0)
            {
                yield return "w:" + words[i - 1] + " " + words[i];
            }
        }

        string marked = "\u0002" + lower + "\u0003";
        for (int i = 0; i + 3 <= marked.Length; i++)
        {
            yield return "c:" + marked.Substring(i, 3);
        }
    }

    private sealed class LazyRows((int[] Columns, float[] Values)[] rows, int width) : IReadOnlyList<float[]>
    {
        public int Count => rows.Length;

        public float[] this[int index]
        {
            get
            {
                var dense = new float[width];
                var (columns, values) = rows[index];
                for (int k = 0; k < columns.Length; k++)
                {
                    dense[columns[k]] = values[k];
                }

                return dense;
            }
        }

        public IEnumerator<float[]> GetEnumerator() => Enumerable.Range(0, Count).Select(i => this[i]).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
