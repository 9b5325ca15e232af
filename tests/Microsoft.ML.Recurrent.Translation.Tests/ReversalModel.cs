namespace Microsoft.ML.Recurrent.Translation.Tests;

/// <summary>A character-level translator trained once on string reversal, shared by the decoding tests.</summary>
public sealed class ReversalModel
{
    public ReversalModel()
    {
        var (sources, targets) = SyntheticTasks.Reversal(4000, seed: 1);
        var options = SyntheticTasks.SmallCharacterModel();
        options.Epochs = 20;
        Translator = Translator.Fit(sources, targets, options);
        (TestSources, TestTargets) = SyntheticTasks.Reversal(200, seed: 2);
    }

    public Translator Translator { get; }

    public string[] TestSources { get; }

    public string[] TestTargets { get; }
}
