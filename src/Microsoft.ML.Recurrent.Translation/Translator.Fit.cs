using Microsoft.ML.Recurrent.Engine.Tensors;
using Microsoft.ML.Recurrent.Text.Normalization;
using Microsoft.ML.Recurrent.Text.Pipeline;
using Microsoft.ML.Recurrent.Text.Tokenization;
using Microsoft.ML.Recurrent.Translation.Decoding;
using Microsoft.ML.Recurrent.Translation.Network;
using Microsoft.ML.Recurrent.Translation.Training;

namespace Microsoft.ML.Recurrent.Translation;

public sealed partial class Translator
{
    private const int ValidationBatchSize = 64;

    /// <summary>
    /// Trains a translator on sentence pairs: learns each side's vocabulary (words or BPE subwords) from the training
    /// texts, then trains the encoder-decoder, choosing the epoch by <see cref="TranslatorOptions.EarlyStopping"/> on the
    /// validation pairs (passed here, or a <see cref="TranslatorOptions.ValidationFraction"/> of the training pairs).
    /// </summary>
    /// <param name="sources">Source sentences.</param>
    /// <param name="targets">Their translations, one per source.</param>
    /// <param name="options">Settings; null uses the defaults.</param>
    /// <param name="validationSources">Optional held-out source sentences.</param>
    /// <param name="validationTargets">Their translations (required with <paramref name="validationSources"/>).</param>
    /// <exception cref="ArgumentException">The counts differ, a sentence is null or blank, or no pair fits <see cref="TranslatorOptions.MaxTrainingLength"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is invalid (the message names it).</exception>
    public static Translator Fit(
        IReadOnlyList<string> sources, IReadOnlyList<string> targets, TranslatorOptions? options = null,
        IReadOnlyList<string>? validationSources = null, IReadOnlyList<string>? validationTargets = null)
    {
        options = (options ?? new TranslatorOptions()).Clone();
        options.Validate();
        CheckPairs(sources, targets, nameof(sources), nameof(targets));
        if ((validationSources is null) != (validationTargets is null))
        {
            throw new ArgumentException(
                "Parameters 'validationSources' and 'validationTargets' must be passed together (or both null).",
                validationSources is null ? nameof(validationSources) : nameof(validationTargets));
        }

        var random = new RandomSource(options.Seed);
        if (validationSources is not null)
        {
            CheckPairs(validationSources, validationTargets!, nameof(validationSources), nameof(validationTargets));
        }
        else if (options.ValidationFraction > 0f && sources.Count > 1)
        {
            (sources, targets, validationSources, validationTargets) = HoldOut(sources, targets, options.ValidationFraction, random.Fork());
        }

        var (sourceEncoder, targetEncoder) = FitEncoders(sources, targets, options);
        var corpus = TrainingCorpus.Create(sourceEncoder, targetEncoder, sources, targets, options.MaxTrainingLength);
        if (corpus.Count == 0)
        {
            throw new ArgumentException(
                $"No training pair has between 1 and MaxTrainingLength ({options.MaxTrainingLength}) tokens on both sides.", nameof(sources));
        }

        var network = new Seq2SeqNetwork(options, sourceEncoder.Vocabulary.Count, targetEncoder.Vocabulary.Count, random.Fork());
        var history = new List<TranslatorProgress>();
        var translator = new Translator(options, sourceEncoder, targetEncoder, network, history);
        Func<float>? validate = validationSources is null ? null : translator.Validation(validationSources, validationTargets!, options.EarlyStopping);
        history.AddRange(Seq2SeqTrainer.Run(network, corpus, validate, options.EarlyStopping, options, random.Fork()));
        return translator;
    }

    /// <summary>Each side's text pipeline, learned from its training texts as the options say.</summary>
    internal static (TextEncoder Source, TextEncoder Target) FitEncoders(IReadOnlyList<string> sources, IReadOnlyList<string> targets, TranslatorOptions options)
    {
        var normalizer = new TextNormalizer { Lowercase = options.Lowercase, CollapseWhitespace = true };
        Tokenizer tokenizer = options.Tokenization == TranslationTokenization.Characters ? new CharacterTokenizer(normalizer) : new WordTokenizer(normalizer);
        int? merges = options.Tokenization == TranslationTokenization.Subwords ? options.SubwordMerges : null;
        return (TextEncoder.Fit(sources, tokenizer, merges, options.MinTokenFrequency, options.MaxVocabularySize),
            TextEncoder.Fit(targets, tokenizer, merges, options.MinTokenFrequency, options.MaxVocabularySize));
    }

    /// <summary>The validation score to minimise: the references' cross-entropy per token, or −BLEU of greedy translations.</summary>
    private Func<float> Validation(IReadOnlyList<string> sources, IReadOnlyList<string> targets, EarlyStoppingMetric metric)
    {
        if (metric == EarlyStoppingMetric.Bleu)
        {
            return () => -(float)Score(TranslateMany(sources, DecodingOptions.Greedy).Select(t => t.Text).ToArray(), targets).Bleu;
        }

        var pairs = TrainingCorpus.Create(SourceEncoder, TargetEncoder, sources, targets, int.MaxValue);
        int tokens = pairs.Targets.Sum(t => t.Length + 1);
        return () =>
        {
            double total = 0;
            for (int start = 0; start < pairs.Count; start += ValidationBatchSize)
            {
                int count = Math.Min(ValidationBatchSize, pairs.Count - start);
                total += ReferenceScoring.LogProbabilities(network, pairs.Sources.Skip(start).Take(count).ToArray(), pairs.Targets.Skip(start).Take(count).ToArray()).Sum();
            }

            return (float)(-total / tokens);
        };
    }

    private static void CheckPairs(IReadOnlyList<string> sources, IReadOnlyList<string> targets, string sourcesName, string targetsName)
    {
        ArgumentNullException.ThrowIfNull(sources, sourcesName);
        ArgumentNullException.ThrowIfNull(targets, targetsName);
        if (sources.Count != targets.Count)
        {
            throw new ArgumentException(
                $"Parameter '{targetsName}' has {targets.Count} sentences, but '{sourcesName}' has {sources.Count}; pass one translation per source sentence.", targetsName);
        }

        if (sources.Count == 0)
        {
            throw new ArgumentException($"Parameter '{sourcesName}' is empty; training needs at least one sentence pair.", sourcesName);
        }

        for (int i = 0; i < sources.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(sources[i]) || string.IsNullOrWhiteSpace(targets[i]))
            {
                string name = string.IsNullOrWhiteSpace(sources[i]) ? sourcesName : targetsName;
                throw new ArgumentException($"Parameter '{name}' has a null or blank sentence at index {i}; every pair needs text on both sides.", name);
            }
        }
    }

    private static (string[], string[], string[], string[]) HoldOut(IReadOnlyList<string> sources, IReadOnlyList<string> targets, float fraction, RandomSource random)
    {
        int[] order = Enumerable.Range(0, sources.Count).ToArray();
        random.Shuffle(order.AsSpan());
        int held = Math.Clamp((int)Math.Round(sources.Count * fraction), 1, sources.Count - 1);
        var validation = order[..held];
        var training = order[held..];
        return (training.Select(i => sources[i]).ToArray(), training.Select(i => targets[i]).ToArray(),
            validation.Select(i => sources[i]).ToArray(), validation.Select(i => targets[i]).ToArray());
    }
}
