using System.Globalization;
using Microsoft.ML.Recurrent.Examples.Translation;
using Microsoft.ML.Recurrent.Translation;

// Usage: dotnet run -c Release --project examples/Translation -- [addition | engrus [budgetSeconds [attention...]] | export DIR | score-peer DIR]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
string dataPath = Path.Combine(AppContext.BaseDirectory, "data", "eng-rus.tsv");
string mode = args.Length > 0 ? args[0] : "addition";
switch (mode)
{
    case "addition":
        AdditionTask.Run();
        break;
    case "engrus":
        var attentions = args.Length > 2 ? args[2..].Select(Enum.Parse<AttentionType>).ToArray() : [AttentionType.None, AttentionType.Bahdanau, AttentionType.Luong];
        EngRusComparison.Run(EngRusSplit.Load(dataPath), TimeSpan.FromSeconds(args.Length > 1 ? double.Parse(args[1]) : 300), attentions);
        break;
    case "export" when args.Length > 1:
        PeerExchange.Export(EngRusSplit.Load(dataPath), args[1]);
        break;
    case "score-peer" when args.Length > 1:
        PeerExchange.Score(EngRusSplit.Load(dataPath), args[1]);
        break;
    default:
        Console.Error.WriteLine("Usage: [addition | engrus [budgetSeconds [None|Bahdanau|Luong|LuongDot ...]] | export DIR | score-peer DIR]");
        return 2;
}

return 0;
