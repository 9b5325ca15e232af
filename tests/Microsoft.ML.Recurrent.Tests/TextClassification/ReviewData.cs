namespace Microsoft.ML.Recurrent.Tests.TextClassification;

/// <summary>Small synthetic review and topic corpora whose classes hinge on a few words, for fast trainer tests.</summary>
internal static class ReviewData
{
    private static readonly string[] Positive = ["great", "wonderful", "moving", "superb", "delightful"];
    private static readonly string[] Negative = ["dull", "awful", "boring", "clumsy", "tedious"];
    private static readonly string[] Filler = ["the", "film", "was", "a", "story", "with", "actors", "and", "plot", "really", "quite", "its"];
    private static readonly string[][] Topics =
    [
        ["goal", "match", "striker", "league"],
        ["vote", "senate", "election", "minister"],
        ["recipe", "oven", "flour", "bake"],
    ];

    public sealed class Review
    {
        public string Text { get; set; } = string.Empty;

        public bool Label { get; set; }
    }

    public sealed class Article
    {
        public string Text { get; set; } = string.Empty;

        public string Topic { get; set; } = string.Empty;
    }

    /// <summary>Reviews of 4–9 words: filler plus one sentiment word (two for some).</summary>
    public static Review[] Reviews(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            bool positive = random.Next(2) == 1;
            var words = Enumerable.Range(0, random.Next(3, 8)).Select(_ => Filler[random.Next(Filler.Length)]).ToList();
            var cue = positive ? Positive : Negative;
            words.Insert(random.Next(words.Count + 1), cue[random.Next(cue.Length)]);
            return new Review { Text = string.Join(' ', words) + (random.Next(2) == 0 ? "." : "!"), Label = positive };
        }).ToArray();
    }

    /// <summary>Articles of three topics, each with two topic words among filler.</summary>
    public static Article[] Articles(int count, int seed)
    {
        var random = new Random(seed);
        string[] names = ["sport", "politics", "cooking"];
        return Enumerable.Range(0, count).Select(_ =>
        {
            int topic = random.Next(Topics.Length);
            var words = Enumerable.Range(0, random.Next(3, 7)).Select(_ => Filler[random.Next(Filler.Length)]).ToList();
            for (int k = 0; k < 2; k++)
            {
                words.Insert(random.Next(words.Count + 1), Topics[topic][random.Next(Topics[topic].Length)]);
            }

            return new Article { Text = string.Join(' ', words), Topic = names[topic] };
        }).ToArray();
    }

    /// <summary>Small, fast settings that still learn these corpora.</summary>
    public static LstmTextClassifierOptions SmallOptions() => new()
    {
        EmbeddingDimension = 16,
        HiddenSize = 16,
        Epochs = 15,
        BatchSize = 16,
        LearningRate = 1e-2f,
        Dropout = 0.1f,
        EarlyStoppingPatience = 0,
        ValidationFraction = 0f,
    };
}
