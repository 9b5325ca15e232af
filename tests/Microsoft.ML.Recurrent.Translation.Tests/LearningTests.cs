namespace Microsoft.ML.Recurrent.Translation.Tests;

public class LearningTests
{
    [Fact]
    public void LearnsStringReversal()
    {
        var (sources, targets) = SyntheticTasks.Reversal(3000, seed: 1);
        var (testSources, testTargets) = SyntheticTasks.Reversal(200, seed: 2);
        var translator = Translator.Fit(sources, targets, SyntheticTasks.SmallCharacterModel());
        var translations = translator.TranslateMany(testSources, DecodingOptions.Greedy);
        double exact = translations.Zip(testTargets).Count(p => p.First.Text == p.Second) / (double)testTargets.Length;
        Assert.True(exact >= 0.95, $"exact match {exact:P1}");
    }
}
