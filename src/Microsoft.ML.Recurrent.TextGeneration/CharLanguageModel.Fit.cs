using Microsoft.ML.Recurrent.Engine.Losses;
using Microsoft.ML.Recurrent.Engine.Modules;
using Microsoft.ML.Recurrent.Engine.Optimization;
using Microsoft.ML.Recurrent.Engine.Persistence;
using Microsoft.ML.Recurrent.Engine.Tensors;
using Microsoft.ML.Recurrent.Engine.Training;

namespace Microsoft.ML.Recurrent.TextGeneration;

public sealed partial class CharLanguageModel
{
    /// <summary>
    /// Trains a model on <paramref name="trainingText"/> with stateful truncated backpropagation through time: the text is
    /// read as <see cref="CharLanguageModelOptions.BatchSize"/> parallel streams in windows of
    /// <see cref="CharLanguageModelOptions.SequenceLength"/> characters, the hidden state carried from window to window.
    /// Validation (after every epoch) uses <paramref name="validationText"/>, or else the last
    /// <see cref="CharLanguageModelOptions.ValidationFraction"/> of the training text; the best epoch's weights are kept.
    /// </summary>
    /// <param name="trainingText">The corpus; its characters form the model's alphabet.</param>
    /// <param name="options">Settings; null uses the defaults. The model keeps a copy.</param>
    /// <param name="validationText">Held-out text of at least two characters, or null to split it off the training text.</param>
    /// <exception cref="ArgumentException">
    /// A text is empty or too short for the batch layout, an option is invalid (named), or the checkpoint path cannot be written.
    /// </exception>
    public static CharLanguageModel Fit(string trainingText, CharLanguageModelOptions? options = null, string? validationText = null)
    {
        ArgumentNullException.ThrowIfNull(trainingText);
        options = (options ?? new CharLanguageModelOptions()).Clone();
        options.Validate();
        if (options.CheckpointPath is { } checkpoint)
        {
            ModelPath.RequireWritable(checkpoint, nameof(options.CheckpointPath));
        }

        if (trainingText.Length == 0)
        {
            throw new ArgumentException("Parameter 'trainingText' is empty; a language model needs text to learn from.", nameof(trainingText));
        }

        if (validationText is { Length: < 2 })
        {
            throw new ArgumentException($"Parameter 'validationText' has {validationText.Length} characters; validation needs at least 2, or pass null.", nameof(validationText));
        }

        if (validationText is null && options.ValidationFraction > 0f)
        {
            int cut = (int)(trainingText.Length * (1.0 - options.ValidationFraction));
            cut -= cut > 0 && char.IsLowSurrogate(trainingText[cut]) ? 1 : 0; // never split a surrogate pair
            validationText = trainingText[cut..];
            trainingText = trainingText[..cut];
        }

        var vocabulary = CharacterVocabulary.Build(trainingText);
        if (vocabulary.Count > SizeLimits.MaxVocabularySize)
        {
            throw new ArgumentException(
                $"Parameter 'trainingText' has {vocabulary.Count - Text.Vocabularies.Vocabulary.SpecialCount:N0} distinct characters; a character model holds at most {SizeLimits.MaxVocabularySize - Text.Vocabularies.Vocabulary.SpecialCount:N0}.",
                nameof(trainingText));
        }

        var ids = vocabulary.Encode(trainingText);
        long required = TrainingStreams.RequiredLength(options.BatchSize, options.SequenceLength);
        if (ids.Length < required)
        {
            throw new ArgumentException(
                $"Parameter 'trainingText' has {ids.Length} characters for training (after the validation split), but BatchSize {options.BatchSize} " +
                $"streams of SequenceLength {options.SequenceLength} need at least {required}; lower BatchSize or SequenceLength, or give more text.",
                nameof(trainingText));
        }

        int[]? validationIds = validationText is null ? null : vocabulary.Encode(validationText);
        if (validationIds is { Length: < 2 })
        {
            throw new ArgumentException($"The validation split has {validationIds.Length} characters; raise ValidationFraction or pass validationText.", nameof(trainingText));
        }

        var random = new RandomSource(options.Seed);
        var network = new CharNetwork(vocabulary.Count, options, random);
        var model = new CharLanguageModel(vocabulary, network, options);
        model.TrainingResult = Train(model, network, ids, validationIds, random);
        return model;
    }

    private static TrainingResult Train(CharLanguageModel model, CharNetwork network, int[] ids, int[]? validationIds, RandomSource random)
    {
        var options = model.options;
        var streams = new TrainingStreams(ids, options.BatchSize, options.SequenceLength);
        var bptt = new TruncatedBptt(network.Recurrent, options.BatchSize);
        var loss = new SoftmaxCrossEntropyLoss();
        var inputs = new int[options.BatchSize * options.SequenceLength];
        var labels = new int[inputs.Length];
        var optimizer = new Adam(network.TrainableParameters, options.LearningRate);

        float TrainWindow(int epoch, int window)
        {
            if (window == 0)
            {
                streams.StartEpoch(epoch, random);
                bptt.Reset();
            }

            streams.Fill(window, inputs, labels);
            return network.TrainWindow(bptt, inputs, labels, options.SequenceLength, options.BatchSize, loss);
        }

        void Report(EpochProgress progress)
        {
            if (options.CheckpointPath is { } path && progress.IsBest)
            {
                network.CopyTiedWeight();
                model.Save(path);
            }

            options.Progress?.Invoke(progress);
        }

        var training = new TrainingOptions
        {
            Epochs = options.Epochs,
            GradientClipNorm = options.GradientClipNorm,
            Schedule = options.LearningRateDecay < 1f ? new StepDecaySchedule(options.LearningRate, 1, options.LearningRateDecay) : null,
            EarlyStoppingPatience = validationIds is null ? 0 : options.EarlyStoppingPatience,
            TimeBudget = options.TimeBudget,
            Progress = Report,
        };
        Func<float>? validate = validationIds is null ? null : () => (float)TextScorer.Score(network, validationIds).NatsPerCharacter;
        var result = TrainingLoop.Run(network, optimizer, streams.WindowsPerEpoch, TrainWindow, validate, training);
        network.CopyTiedWeight();
        network.Eval();
        return result;
    }
}
