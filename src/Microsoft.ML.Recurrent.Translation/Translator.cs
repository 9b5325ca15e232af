using Microsoft.ML.Recurrent.Text.Metrics;
using Microsoft.ML.Recurrent.Text.Pipeline;
using Microsoft.ML.Recurrent.Translation.Decoding;
using Microsoft.ML.Recurrent.Translation.Network;

namespace Microsoft.ML.Recurrent.Translation;

/// <summary>
/// A trained sequence-to-sequence translator: a recurrent encoder-decoder with optional attention, and the text
/// pipelines (tokenizer, optional subwords, vocabulary) of both sides. Create one with <see cref="Fit"/> or
/// <see cref="Load(string)"/>. The prediction methods are thread safe.
/// </summary>
public sealed partial class Translator
{
    private const int DecodingBatchSize = 32;

    private readonly TranslatorOptions options;
    private readonly Seq2SeqNetwork network;

    internal Translator(TranslatorOptions options, TextEncoder sourceEncoder, TextEncoder targetEncoder, Seq2SeqNetwork network, IReadOnlyList<TranslatorProgress> history)
    {
        this.options = options;
        this.network = network;
        SourceEncoder = sourceEncoder;
        TargetEncoder = targetEncoder;
        TrainingHistory = history;
    }

    /// <summary>The source side's tokenizer, subwords and vocabulary.</summary>
    public TextEncoder SourceEncoder { get; }

    /// <summary>The target side's tokenizer, subwords and vocabulary.</summary>
    public TextEncoder TargetEncoder { get; }

    /// <summary>A copy of the options the model was trained with.</summary>
    public TranslatorOptions Options => options.Clone();

    /// <summary>Progress of every training epoch (empty for a loaded model).</summary>
    public IReadOnlyList<TranslatorProgress> TrainingHistory { get; }

    /// <summary>Number of trainable weights (a tied embedding counted once).</summary>
    public long ParameterCount => network.TrainableParameters.Sum(p => (long)p.Length);

    internal Seq2SeqNetwork Network => network;

    /// <summary>Translates one sentence (beam search with 5 beams unless <paramref name="decoding"/> says otherwise).</summary>
    /// <exception cref="ArgumentException"><paramref name="source"/> is null, empty or has no tokens.</exception>
    public Translation Translate(string source, DecodingOptions? decoding = null) => TranslateNBest(source, 1, decoding)[0];

    /// <summary>
    /// The <paramref name="count"/> best translations of one sentence, best first; the beam is widened to
    /// <paramref name="count"/> when it is narrower.
    /// </summary>
    public IReadOnlyList<Translation> TranslateNBest(string source, int count, DecodingOptions? decoding = null)
    {
        if (count is < 1 or > DecodingOptions.MaxBeamSize)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Parameter 'count' is {count}; it must be at least 1 and at most {DecodingOptions.MaxBeamSize}.");
        }

        var settings = Settings(decoding);
        var ids = EncodeSource(source, nameof(source));
        if (settings.BeamSize < count)
        {
            settings.BeamSize = count;
        }

        var results = settings.BeamSize == 1
            ? [GreedySearch.Run(network, [ids], settings)[0]]
            : BeamSearch.Run(network, [ids], settings, count)[0];
        return results.Select(r => ToTranslation(source, r)).ToList();
    }

    /// <summary>Translates many sentences, in batches of similar length; results are in input order.</summary>
    /// <exception cref="ArgumentException">A source is null, empty or has no tokens (the message gives its index).</exception>
    public IReadOnlyList<Translation> TranslateMany(IReadOnlyList<string> sources, DecodingOptions? decoding = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var settings = Settings(decoding);
        var ids = sources.Select((s, i) => EncodeSource(s, $"{nameof(sources)}[{i}]")).ToArray();
        var results = new Translation[sources.Count];
        int[] order = Enumerable.Range(0, ids.Length).OrderBy(i => ids[i].Length).ToArray();
        foreach (var chunk in order.Chunk(DecodingBatchSize))
        {
            var batch = chunk.Select(i => ids[i]).ToArray();
            var decoded = settings.BeamSize == 1
                ? GreedySearch.Run(network, batch, settings)
                : BeamSearch.Run(network, batch, settings, 1).Select(list => list[0]).ToArray();
            for (int j = 0; j < chunk.Length; j++)
            {
                results[chunk[j]] = ToTranslation(sources[chunk[j]], decoded[j]);
            }
        }

        return results;
    }

    /// <summary>Translates <paramref name="sources"/> and scores the translations against <paramref name="references"/> with corpus BLEU and chrF.</summary>
    /// <exception cref="ArgumentException">The counts differ, the corpus is empty, or a source has no tokens.</exception>
    public TranslationMetrics Evaluate(IReadOnlyList<string> sources, IReadOnlyList<string> references, DecodingOptions? decoding = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(references);
        if (sources.Count != references.Count)
        {
            throw new ArgumentException($"Parameter 'references' has {references.Count} entries, but 'sources' has {sources.Count}; pass one reference per source.", nameof(references));
        }

        if (sources.Count == 0)
        {
            throw new ArgumentException("Parameter 'sources' is empty; evaluation needs at least one sentence.", nameof(sources));
        }

        var hypotheses = TranslateMany(sources, decoding).Select(t => t.Text).ToArray();
        return Score(hypotheses, references);
    }

    /// <summary>Corpus BLEU and chrF of <paramref name="hypotheses"/> against one reference each.</summary>
    internal static TranslationMetrics Score(IReadOnlyList<string> hypotheses, IReadOnlyList<string> references) =>
        new(new Bleu().CorpusScore(hypotheses, references).Score, new Chrf().CorpusScore(hypotheses, references).Score);

    /// <summary>Source ids ending with &lt;/s&gt;; throws naming <paramref name="parameterName"/> when there is nothing to translate.</summary>
    internal int[] EncodeSource(string text, string parameterName)
    {
        if (text is null)
        {
            throw new ArgumentException($"Parameter '{parameterName}' is null; pass the text to translate.", parameterName);
        }

        var ids = SourceEncoder.Encode(text, addEnd: true);
        if (ids.Length < 2)
        {
            throw new ArgumentException($"Parameter '{parameterName}' (\"{text}\") has no tokens to translate; pass a non-empty sentence.", parameterName);
        }

        return ids;
    }

    private static DecodingOptions Settings(DecodingOptions? decoding)
    {
        var settings = decoding?.Clone() ?? new DecodingOptions();
        settings.Validate();
        return settings;
    }

    private Translation ToTranslation(string source, DecodedSequence decoded)
    {
        var vocabulary = TargetEncoder.Vocabulary;
        var tokens = decoded.Ids.Select(vocabulary.GetToken).ToArray();
        var sourceTokens = SourceEncoder.Tokenize(source).Append(Text.Vocabularies.Vocabulary.EndToken).ToArray();
        float[,]? matrix = null;
        if (network.Attention is not null && decoded.Attention is { } rows)
        {
            matrix = new float[rows.Length, sourceTokens.Length];
            for (int i = 0; i < rows.Length; i++)
            {
                for (int j = 0; j < sourceTokens.Length; j++)
                {
                    matrix[i, j] = rows[i][j];
                }
            }
        }

        return new Translation(TargetEncoder.Decode(decoded.Ids), tokens, sourceTokens, decoded.Score, decoded.LogProbability, matrix);
    }
}
