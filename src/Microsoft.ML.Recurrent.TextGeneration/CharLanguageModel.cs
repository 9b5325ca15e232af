using System.Collections.Concurrent;
using Microsoft.ML.Recurrent.Engine.Modules;
using Microsoft.ML.Recurrent.Engine.Training;

namespace Microsoft.ML.Recurrent.TextGeneration;

/// <summary>
/// A character-level recurrent language model: trained with <see cref="Fit"/> on one long text, it generates text
/// (<see cref="Generate"/>, <see cref="GenerateStreaming"/>), suggests completions of a prefix (<see cref="Complete"/>)
/// and scores held-out text (<see cref="Evaluate"/>). Every prediction method is thread safe.
/// </summary>
public sealed partial class CharLanguageModel
{
    /// <summary>The context used for an empty prefix: text is generated as if it began after a line break.</summary>
    public const string EmptyPrefixContext = "\n";

    /// <summary>Most characters <see cref="Generate"/> returns in one string: 1,000,000 (<see cref="GenerateStreaming"/> has no limit).</summary>
    public const int MaxGenerateLength = 1_000_000;

    /// <summary>Most completions <see cref="Complete"/> returns: 100.</summary>
    public const int MaxCompletionCount = 100;

    /// <summary>Longest completion <see cref="Complete"/> searches for: 1,000 characters.</summary>
    public const int MaxCompletionLength = 1000;

    /// <summary>Widest beam of <see cref="Complete"/>: 1,000 continuations.</summary>
    public const int MaxBeamWidth = 1000;

    private readonly CharacterVocabulary vocabulary;
    private readonly CharNetwork network;
    private readonly CharLanguageModelOptions options;
    private readonly ConcurrentDictionary<int, ConcurrentBag<InferenceSession>> sessions = new();

    private CharLanguageModel(CharacterVocabulary vocabulary, CharNetwork network, CharLanguageModelOptions options)
    {
        this.vocabulary = vocabulary;
        this.network = network;
        this.options = options;
    }

    /// <summary>A copy of the options the model was trained with.</summary>
    public CharLanguageModelOptions Options => options.Clone();

    /// <summary>The characters the model knows, in id order; any other character is read as the unknown character.</summary>
    public IReadOnlyList<string> Characters => vocabulary.Vocabulary.Tokens.Skip(Text.Vocabularies.Vocabulary.SpecialCount).ToList();

    /// <summary>Number of trainable weights.</summary>
    public long ParameterCount => network.TrainableParameters.Sum(p => (long)p.Length);

    /// <summary>Epoch history of <see cref="Fit"/>; null for a loaded model.</summary>
    public TrainingResult? TrainingResult { get; private set; }

    internal CharNetwork Network => network;

    internal CharacterVocabulary Alphabet => vocabulary;

    /// <summary>Generates <paramref name="length"/> characters continuing <paramref name="prefix"/>; returns them without the prefix.</summary>
    /// <param name="prefix">Text to continue; empty starts as after a line break (<see cref="EmptyPrefixContext"/>).</param>
    /// <param name="length">Number of characters to generate, from 0 to <see cref="MaxGenerateLength"/> (stream longer texts with <see cref="GenerateStreaming"/>).</param>
    /// <param name="sampling">Temperature, top-k, top-p and seed; null samples from the full distribution with a fresh seed.</param>
    public string Generate(string prefix, int length, SamplingOptions? sampling = null)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, MaxGenerateLength);
        return string.Concat(GenerateStreaming(prefix, length, sampling));
    }

    /// <summary>
    /// Like <see cref="Generate"/>, but yields each character (a string, since characters beyond U+FFFF take two UTF-16
    /// units) as soon as it is sampled, one engine step per character. Arguments are checked before the first character.
    /// </summary>
    public IEnumerable<string> GenerateStreaming(string prefix, int length, SamplingOptions? sampling = null)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        sampling ??= new SamplingOptions();
        sampling.Validate();
        int seed = sampling.Seed ?? Random.Shared.Next();
        return Stream(Context(prefix), length, new TokenSampler(sampling, vocabulary.Count, seed));
    }

    /// <summary>
    /// The <paramref name="count"/> most likely completions of the word that <paramref name="prefix"/> ends with: continuations up
    /// to a stop character (white space or punctuation), found by beam search, best first, with their log-probabilities.
    /// </summary>
    /// <param name="prefix">Text typed so far; empty starts as after a line break.</param>
    /// <param name="count">Number of completions wanted, from 1 to <see cref="MaxCompletionCount"/>.</param>
    /// <param name="maxLength">
    /// Longest completion in characters, from 1 to <see cref="MaxCompletionLength"/>; longer continuations are returned cut,
    /// with no stop character (so the search ends even for an alphabet without stop characters).
    /// </param>
    /// <param name="beamWidth">Unfinished continuations kept per step, from 1 to <see cref="MaxBeamWidth"/>; null for max(2·count, 8).</param>
    public IReadOnlyList<Completion> Complete(string prefix, int count = 5, int maxLength = 24, int? beamWidth = null)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        SizeLimits.Require(count, 1, MaxCompletionCount, nameof(count));
        SizeLimits.Require(maxLength, 1, MaxCompletionLength, nameof(maxLength));
        int width = beamWidth ?? Math.Max(2 * count, 8);
        SizeLimits.Require(width, 1, MaxBeamWidth, nameof(beamWidth));
        var session = Rent(width);
        try
        {
            return new CompletionSearch(vocabulary, session).Run(Context(prefix), count, maxLength);
        }
        finally
        {
            Return(session);
        }
    }

    /// <summary>Cross-entropy of each character of <paramref name="text"/> given those before it (the first is context only).</summary>
    /// <param name="text">Held-out text, at least two characters; characters the model does not know count as the unknown character.</param>
    public LanguageModelMetrics Evaluate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = vocabulary.Encode(text);
        if (ids.Length < 2)
        {
            throw new ArgumentException($"Parameter 'text' has {ids.Length} characters; evaluation needs at least 2 (the first is only context).", nameof(text));
        }

        return TextScorer.Score(network, ids);
    }

    private int[] Context(string prefix) => vocabulary.Encode(prefix.Length == 0 ? EmptyPrefixContext : prefix);

    private IEnumerable<string> Stream(int[] context, int length, TokenSampler sampler)
    {
        var session = Rent(1);
        try
        {
            session.Prime(context);
            var next = new int[1];
            for (int i = 0; i < length; i++)
            {
                next[0] = sampler.Sample(session.Logits);
                yield return vocabulary.Decode(next[0]);
                if (i + 1 < length)
                {
                    session.Step(next);
                }
            }
        }
        finally
        {
            Return(session);
        }
    }

    private InferenceSession Rent(int batch)
    {
        if (sessions.GetOrAdd(batch, _ => []).TryTake(out var session))
        {
            session.Reset();
            return session;
        }

        return new InferenceSession(network, batch);
    }

    private void Return(InferenceSession session) => sessions[session.Batch].Add(session);
}
