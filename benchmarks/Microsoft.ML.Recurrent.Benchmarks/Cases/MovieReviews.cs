namespace Microsoft.ML.Recurrent.Benchmarks;

/// <summary>The MR (rt-polarity) sentences, negative (0) then positive (1), as examples/TextClassification reads them.</summary>
internal static class MovieReviews
{
    public static (string[] Texts, int[] Labels) Load()
    {
        var negative = File.ReadAllLines(DataFiles.Find("rt-polarity", "rt-polarity.neg"));
        var positive = File.ReadAllLines(DataFiles.Find("rt-polarity", "rt-polarity.pos"));
        return ([.. negative, .. positive], [.. negative.Select(_ => 0), .. positive.Select(_ => 1)]);
    }
}
