// Loads an ML.NET model file the way an app that did not train it does, in a process of its own: a new MLContext,
// Microsoft.ML.Recurrent's loader registered (unless told not to), mlContext.Model.Load. It applies the model to data
// saved in ML.NET's binary format and saves the result in the same format, for FreshProcessTests to compare with the
// outputs of the process that trained the model.
// Usage: dotnet Microsoft.ML.Recurrent.FreshProcess.dll <model.zip> <input.idv> <output.idv> [--without-registration]
// Exit code 0: done; 1: wrong usage; 2: loading or applying the model failed (the exception, with its causes, on stderr).
using Microsoft.ML;
using Microsoft.ML.Recurrent;

if (args.Length is < 3 or > 4 || (args.Length == 4 && args[3] != "--without-registration"))
{
    Console.Error.WriteLine("Usage: Microsoft.ML.Recurrent.FreshProcess <model.zip> <input.idv> <output.idv> [--without-registration]");
    return 1;
}

try
{
    var mlContext = new MLContext();
    if (args.Length == 3)
    {
        mlContext.ComponentCatalog.RegisterRecurrentTransformers();
    }

    var model = mlContext.Model.Load(args[0], out _);
    var input = mlContext.Data.LoadFromBinary(args[1]);
    using var output = File.Create(args[2]);
    mlContext.Data.SaveAsBinary(model.Transform(input), output);
    return 0;
}
catch (Exception error)
{
    Console.Error.WriteLine(error);
    return 2;
}
