namespace Microsoft.ML.Recurrent.Examples.TextClassification;

/// <summary>A labelled text corpus.</summary>
/// <param name="Texts">The texts.</param>
/// <param name="Labels">The class of each text.</param>
/// <param name="ClassNames">Name of each class, by index.</param>
public sealed record Corpus(string[] Texts, int[] Labels, string[] ClassNames);

/// <summary>Loads the example corpora copied from examples/data (see each SOURCE.md for its origin and format).</summary>
public static class DataSets
{
    /// <summary>MR (rt-polarity): the negative sentences (label 0), then the positive ones (label 1).</summary>
    public static Corpus MovieReviews()
    {
        var negative = File.ReadAllLines(Data("rt-polarity.neg"));
        var positive = File.ReadAllLines(Data("rt-polarity.pos"));
        return new Corpus([.. negative, .. positive], [.. negative.Select(_ => 0), .. positive.Select(_ => 1)], ["negative", "positive"]);
    }

    /// <summary>SMS Spam Collection in file order: ham 0, spam 1.</summary>
    public static Corpus SmsSpam()
    {
        var rows = File.ReadAllLines(Data("SMSSpamCollection")).Select(line => line.Split('\t', 2)).ToArray();
        return new Corpus(rows.Select(r => r[1]).ToArray(), rows.Select(r => r[0] == "spam" ? 1 : 0).ToArray(), ["ham", "spam"]);
    }

    /// <summary>TREC question types (coarse labels in sorted order) of TREC.train or TREC.test.</summary>
    public static Corpus Trec(string file)
    {
        string[] classes = ["ABBR", "DESC", "ENTY", "HUM", "LOC", "NUM"];
        var rows = File.ReadAllLines(Data(file)).Select(line => line.Split(' ', 2)).ToArray();
        return new Corpus(rows.Select(r => r[1]).ToArray(), rows.Select(r => Array.IndexOf(classes, r[0].Split(':')[0])).ToArray(), classes);
    }

    /// <summary>The rows at <paramref name="indices"/>.</summary>
    public static Corpus Subset(this Corpus corpus, IReadOnlyList<int> indices) =>
        new(indices.Select(i => corpus.Texts[i]).ToArray(), indices.Select(i => corpus.Labels[i]).ToArray(), corpus.ClassNames);

    private static string Data(string file) => Path.Combine(AppContext.BaseDirectory, "data", file);
}
