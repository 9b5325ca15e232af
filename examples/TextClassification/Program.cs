using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.Recurrent.Examples.TextClassification;
using Microsoft.ML.Recurrent.TextClassification;

// Usage: dotnet run -c Release --project examples/TextClassification -- mr|sms|trec [--wide] [--folds N] [--verbose] [Option=Value ...]
//   mr    10-fold cross-validation on movie-review polarity (seed 1; the folds of benchmarks/peers/sklearn_text.py)
//   sms   SMS spam, fixed stratified 80/20 split (fold 0 of 5, seed 1)
//   trec  TREC-6 question types, official train/test split
//   --wide         train the wide-and-deep model: the recurrent model plus an n-gram bag (NGramBag) as extra features
//   --folds N      MR: run only the first N folds
//   --verbose      print every epoch
//   Option=Value   override a TextClassifierOptions property, for example Pooling=Attention Cell=Gru HiddenSize=64
if (args.Length == 0 || args[0] is not ("mr" or "sms" or "trec"))
{
    Console.Error.WriteLine("Usage: mr|sms|trec [--wide] [--folds N] [--verbose] [Option=Value ...]");
    return 2;
}

var options = new TextClassifierOptions();
bool wide = false, verbose = false;
int folds = 10;
for (int i = 1; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--wide":
            wide = true;
            break;
        case "--verbose":
            verbose = true;
            break;
        case "--folds" when i + 1 < args.Length:
            folds = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        default:
            Report.SetOption(options, args[i]);
            break;
    }
}

if (verbose)
{
    options.Progress = p => Console.WriteLine(
        $"  epoch {p.Epoch,2}: train {p.TrainingLoss:F4}  validation {p.ValidationLoss:F4}{(p.IsBest ? " *" : "  ")}  {p.Elapsed.TotalSeconds:F1} s");
}

Console.WriteLine($"Options: {Report.Describe(options)}");
Console.WriteLine();
Console.WriteLine(wide ? "== wide and deep: recurrent model + n-gram bag ==" : "== recurrent model ==");
var watch = Stopwatch.StartNew();
switch (args[0])
{
    case "mr":
        var corpus = DataSets.MovieReviews();
        var assignment = CrossValidation.AssignFolds(corpus.Labels, 10, seed: 1);
        var scores = new List<ClassificationMetrics>();
        for (int k = 0; k < folds; k++)
        {
            var foldWatch = Stopwatch.StartNew();
            var training = Enumerable.Range(0, assignment.Length).Where(i => assignment[i] != k).ToArray();
            var test = Enumerable.Range(0, assignment.Length).Where(i => assignment[i] == k).ToArray();
            scores.Add(Experiment.TrainAndTest(corpus.Subset(training), corpus.Subset(test), options, wide, showAttention: k == 0));
            Console.WriteLine($"fold {k}: accuracy {scores[^1].Accuracy:P2}  ({foldWatch.Elapsed.TotalSeconds:F0} s)");
        }

        Report.Print(new CrossValidationResult(scores), corpus.ClassNames);
        break;
    case "sms":
        var sms = DataSets.SmsSpam();
        var smsFolds = CrossValidation.AssignFolds(sms.Labels, 5, seed: 1);
        var smsTest = Enumerable.Range(0, sms.Texts.Length).Where(i => smsFolds[i] == 0).ToArray();
        var smsTraining = Enumerable.Range(0, sms.Texts.Length).Where(i => smsFolds[i] != 0).ToArray();
        Report.Print(Experiment.TrainAndTest(sms.Subset(smsTraining), sms.Subset(smsTest), options, wide, showAttention: true), sms.ClassNames);
        break;
    default:
        var trecTest = DataSets.Trec("TREC.test");
        Report.Print(Experiment.TrainAndTest(DataSets.Trec("TREC.train"), trecTest, options, wide, showAttention: true), trecTest.ClassNames);
        break;
}

Console.WriteLine($"time: {watch.Elapsed.TotalSeconds:F0} s");

return 0;
