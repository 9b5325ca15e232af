using System.Text.Json;
using Microsoft.ML.Recurrent.Text.Metrics;

namespace Microsoft.ML.Recurrent.Text.Tests.Metrics;

/// <summary>BLEU on pre-tokenized corpora against NLTK's corpus_bleu (TestData/metrics/nltk_corpus_bleu.py).</summary>
public class NltkBleuTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var item in Load().RootElement.GetProperty("cases").EnumerateArray())
        {
            data.Add(item.GetProperty("name").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesNltkCorpusBleu(string name)
    {
        var item = Load().RootElement.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        var hypotheses = item.GetProperty("hypotheses").EnumerateArray().Select(h => h.GetString()!).ToList();
        var references = item.GetProperty("references").EnumerateArray()
            .Select(r => (IReadOnlyList<string>)r.EnumerateArray().Select(x => x.GetString()!).ToList()).ToList();
        var bleu = new Bleu { Tokenization = BleuTokenization.None, Smoothing = BleuSmoothing.None };
        Assert.Equal(item.GetProperty("bleu").GetDouble(), bleu.CorpusScore(hypotheses, references).Score / 100, 1e-12);
    }

    private static JsonDocument Load() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "metrics", "nltk_corpus_bleu.json")));
}
