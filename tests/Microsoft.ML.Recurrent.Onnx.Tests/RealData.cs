namespace Microsoft.ML.Recurrent.Onnx.Tests;

/// <summary>The real data the export tests train and compare on, from examples/data (copied next to the test assembly).</summary>
internal static class RealData
{
    private static readonly Lazy<(string[] Texts, int[] Labels)> MovieReviews = new(() =>
    {
        var negative = File.ReadAllLines(Path("rt-polarity", "rt-polarity.neg"));
        var positive = File.ReadAllLines(Path("rt-polarity", "rt-polarity.pos"));
        var texts = new List<string>();
        var labels = new List<int>();
        for (int i = 0; i < Math.Min(negative.Length, positive.Length); i++)
        {
            texts.Add(negative[i]);
            labels.Add(0);
            texts.Add(positive[i]);
            labels.Add(1);
        }

        return (texts.ToArray(), labels.ToArray());
    });

    /// <summary>MR movie-review sentences (Pang &amp; Lee 2005), negative and positive alternating: the first 2,000 for training.</summary>
    public static (string[] Texts, int[] Labels) ReviewTraining => (MovieReviews.Value.Texts[..2000], MovieReviews.Value.Labels[..2000]);

    /// <summary>1,000 further MR sentences, for comparing predictions.</summary>
    public static string[] ReviewTest => MovieReviews.Value.Texts[2000..3000];

    /// <summary>The first 300,000 characters of tinyshakespeare.</summary>
    public static string Shakespeare => Shakespeares.Value;

    private static readonly Lazy<string> Shakespeares = new(() => File.ReadAllText(Path("tinyshakespeare", "input.txt"))[..300_000]);

    /// <summary>English-Russian Tatoeba pairs of at most 8 English words, in file order after a seeded shuffle.</summary>
    public static (string English, string Russian)[] EnglishRussian => Pairs.Value;

    private static readonly Lazy<(string, string)[]> Pairs = new(() =>
    {
        var pairs = File.ReadLines(Path("eng-rus-tatoeba", "eng-rus.tsv"))
            .Select(line => line.Split('\t'))
            .Where(p => p.Length >= 2 && p[0].Split(' ').Length <= 8)
            .Select(p => (p[0], p[1]))
            .ToArray();
        new Random(7).Shuffle(pairs);
        return pairs;
    });

    /// <summary>The path of a file of examples/data.</summary>
    public static string Path(string folder, string file) => System.IO.Path.Combine(AppContext.BaseDirectory, "data", folder, file);
}
