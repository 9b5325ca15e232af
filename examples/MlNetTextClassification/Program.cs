using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Recurrent;
using Microsoft.ML.Recurrent.Examples.TextClassification;

// The recurrent text classifier in ML.NET pipelines, each time beside ML.NET's FeaturizeText + logistic regression
// baseline on the same splits, then saved, reloaded and served through a PredictionEngine.
// Usage: dotnet run -c Release --project examples/MlNetTextClassification -- [reviews|sms|trec|mr|mr-wide|all] [--folds N]
//   reviews  movie-review polarity (MR), 80/20 split (ML.NET's TrainTestSplit, seed 1)   (default; about a minute)
//   sms   SMS spam, 80/20 split (TrainTestSplit, seed 1)
//   trec  TREC-6 question types, official train/test split (multiclass)
//   mr    movie-review polarity, 10-fold cross-validation (ML.NET's CrossValidationSplit, seed 1)    (several minutes)
//   mr-wide  the same with FeaturizeText's n-gram bag joined to the recurrent model as extra features (wide and deep)
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string task = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "reviews";
int folds = args.SkipWhile(a => a != "--folds").Skip(1).Select(int.Parse).FirstOrDefault(10);
var ml = new MLContext(seed: 1);

if (task is "reviews" or "all")
{
    var split = ml.Data.TrainTestSplit(Load(DataSets.MovieReviews()), testFraction: 0.2, seed: 1);
    Console.WriteLine("== MR movie reviews (binary), 80/20 split: the recurrent classifier beside FeaturizeText + SdcaLogisticRegression ==");
    Console.WriteLine(ml.BinaryClassification.CompareWithBaseline(split.TrainSet, split.TestSet, new LstmTextClassifierOptions()));
    Console.WriteLine();
}

if (task is "sms" or "all")
{
    var split = ml.Data.TrainTestSplit(Load(DataSets.SmsSpam()), testFraction: 0.2, seed: 1);
    Console.WriteLine("== SMS spam (binary), 80/20 split ==");
    Console.WriteLine(ml.BinaryClassification.CompareWithBaseline(split.TrainSet, split.TestSet, new LstmTextClassifierOptions()));

    // A pipeline as an app would ship it: fit, save with ML.NET's Model.Save; the app registers the library's loader
    // in its own MLContext, loads with ML.NET's Model.Load and predicts.
    var model = ml.BinaryClassification.Trainers.LstmTextClassifier(labelColumnName: "Label", textColumnName: "Text").Fit(split.TrainSet);
    string path = Path.Combine(Path.GetTempPath(), "sms-lstm.zip");
    ml.Model.Save(model, split.TrainSet.Schema, path);
    var app = new MLContext();
    app.ComponentCatalog.RegisterRecurrentTransformers();
    var engine = app.Model.CreatePredictionEngine<Message, SpamPrediction>(app.Model.Load(path, out _));
    foreach (string text in new[] { "WINNER!! Claim your free prize now, text WIN to 80086", "Are we still on for lunch tomorrow?" })
    {
        var p = engine.Predict(new Message { Text = text });
        Console.WriteLine($"{(p.PredictedLabel ? "spam" : "ham "),-5} p(spam) = {p.Probability:F3}  \"{text}\"");
    }

    Console.WriteLine();
}

if (task is "trec" or "all")
{
    var toKey = ml.Transforms.Conversion.MapValueToKey("Label", "Topic").Fit(Load(DataSets.Trec("TREC.train"), multiclass: true));
    var train = toKey.Transform(Load(DataSets.Trec("TREC.train"), multiclass: true));
    var test = toKey.Transform(Load(DataSets.Trec("TREC.test"), multiclass: true));
    Console.WriteLine("== TREC-6 question types (multiclass), official split ==");
    Console.WriteLine(ml.MulticlassClassification.CompareWithBaseline(train, test, new LstmTextClassifierOptions()));
    Console.WriteLine();
}

if (task is "mr" or "all")
{
    Console.WriteLine($"== MR movie reviews (binary), {folds}-fold cross-validation: recurrent model ==");
    Console.WriteLine(ml.BinaryClassification.CrossValidateWithBaseline(Load(DataSets.MovieReviews()), new LstmTextClassifierOptions(), folds));
    Console.WriteLine();
}

if (task is "mr-wide" or "all")
{
    var reviews = Load(DataSets.MovieReviews());
    Console.WriteLine($"== MR, {folds}-fold cross-validation: wide and deep (recurrent model + FeaturizeText n-gram bag) ==");
    var wide = new LstmTextClassifierOptions { ExtraFeaturesColumnName = "Bag" };
    Console.WriteLine(ml.BinaryClassification.CrossValidateWithBaseline(reviews, wide, folds, featurizer: ml.Transforms.Text.FeaturizeText("Bag", "Text")));
}

return 0;

// Binary corpora get a Boolean label; multiclass ones a text label (Topic) to map to keys.
IDataView Load(Corpus corpus, bool multiclass = false) => multiclass
    ? ml.Data.LoadFromEnumerable(corpus.Texts.Select((t, i) => new Question { Text = t, Topic = corpus.ClassNames[corpus.Labels[i]] }))
    : ml.Data.LoadFromEnumerable(corpus.Texts.Select((t, i) => new Message { Text = t, Label = corpus.Labels[i] == 1 }));

/// <summary>A binary example: text and a Boolean label.</summary>
internal sealed class Message
{
    public string Text { get; set; } = string.Empty;

    public bool Label { get; set; }
}

/// <summary>A multiclass example: text and its class name.</summary>
internal sealed class Question
{
    public string Text { get; set; } = string.Empty;

    public string Topic { get; set; } = string.Empty;
}

/// <summary>The binary classifier's output columns.</summary>
internal sealed class SpamPrediction
{
    public bool PredictedLabel { get; set; }

    public float Probability { get; set; }

    public float Score { get; set; }
}
