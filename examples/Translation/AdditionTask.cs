using System.Diagnostics;
using Microsoft.ML.Recurrent.Engine.Tensors;
using Microsoft.ML.Recurrent.Translation;

namespace Microsoft.ML.Recurrent.Examples.Translation;

/// <summary>
/// Addition as string translation (Keras' addition_rnn task): "123+45" → "168", operands of 1–3 digits, character
/// tokens. 50,000 training questions, 5,000 for validation and 5,000 held-out test questions, all distinct.
/// </summary>
internal static class AdditionTask
{
    public static void Run()
    {
        var questions = Questions(60_000, new RandomSource(7));
        var train = questions[..50_000];
        var validation = questions[50_000..55_000];
        var test = questions[55_000..];
        var options = new TranslatorOptions
        {
            Tokenization = TranslationTokenization.Characters,
            EmbeddingDimension = 32,
            HiddenSize = 128,
            Attention = AttentionType.Luong,
            Dropout = 0f,
            LabelSmoothing = 0f,
            BatchSize = 64,
            LearningRate = 3e-3f,
            Epochs = 30,
            EarlyStopping = EarlyStoppingMetric.Loss,
            EarlyStoppingPatience = 4,
            Progress = p => Console.WriteLine($"epoch {p.Epoch,2}: loss {p.TrainingLoss:F4}, validation {p.ValidationLoss:F4}, {p.Elapsed.TotalSeconds:F1} s"),
        };
        var watch = Stopwatch.StartNew();
        var translator = Translator.Fit(train.Select(q => q.Question).ToArray(), train.Select(q => q.Answer).ToArray(), options,
            validation.Select(q => q.Question).ToArray(), validation.Select(q => q.Answer).ToArray());
        double seconds = watch.Elapsed.TotalSeconds;
        var answers = translator.TranslateMany(test.Select(q => q.Question).ToArray(), DecodingOptions.Greedy);
        int exact = answers.Zip(test).Count(p => p.First.Text == p.Second.Answer);
        Console.WriteLine($"| addition, 50k questions | {translator.ParameterCount:N0} | {100.0 * exact / test.Length:F2} % of {test.Length:N0} | {seconds:F0} s |");
        foreach (var q in test.Take(5))
        {
            Console.WriteLine($"{q.Question} = {translator.Translate(q.Question).Text} (expected {q.Answer})");
        }
    }

    private static (string Question, string Answer)[] Questions(int count, RandomSource random)
    {
        var seen = new HashSet<string>();
        var result = new List<(string, string)>(count);
        while (result.Count < count)
        {
            int a = Number(random), b = Number(random);
            string question = $"{a}+{b}";
            if (seen.Add(question))
            {
                result.Add((question, (a + b).ToString()));
            }
        }

        return result.ToArray();
    }

    /// <summary>A number of 1–3 digits, each digit count equally likely.</summary>
    private static int Number(RandomSource random)
    {
        int digits = 1 + random.NextInt(3);
        return random.NextInt((int)Math.Pow(10, digits));
    }
}
