namespace Microsoft.ML.Recurrent.Forecasting;

/// <summary>
/// Every training window of every series (stride 1), encoded once: inputs [count, Lookback, InputWidth], known features
/// of the output steps, targets and loss weights. Windows whose targets reach into the last validation-tail rows of their
/// series are listed as validation windows; windows without any observed target are left out.
/// </summary>
internal sealed class TrainingWindows
{
    private TrainingWindows(ModelLayout layout, int capacity)
    {
        Layout = layout;
        Inputs = new float[capacity * layout.Lookback * layout.InputWidth];
        Extras = new float[capacity * layout.ExtraWidth];
        Targets = new float[capacity * layout.OutputSteps];
        Weights = new float[capacity * layout.OutputSteps];
    }

    /// <summary>The encoding.</summary>
    public ModelLayout Layout { get; }

    /// <summary>Encoded inputs, window after window.</summary>
    public float[] Inputs { get; }

    /// <summary>Known features of each window's output steps.</summary>
    public float[] Extras { get; }

    /// <summary>Targets [count, OutputSteps].</summary>
    public float[] Targets { get; }

    /// <summary>Loss weights [count, OutputSteps].</summary>
    public float[] Weights { get; }

    /// <summary>Windows used for training while searching the epoch count.</summary>
    public List<int> Training { get; } = [];

    /// <summary>Windows used to validate that search.</summary>
    public List<int> Validation { get; } = [];

    /// <summary>All windows (training, then validation).</summary>
    public int[] All => [.. Training, .. Validation];

    /// <summary>Encodes the windows of <paramref name="frames"/>.</summary>
    /// <exception cref="ArgumentException">No series is long enough for a single window; names the longest and what it needs.</exception>
    public static TrainingWindows Build(IReadOnlyList<SeriesFrame> frames, ModelLayout layout, SeasonalProfile? profile, int validationTail)
    {
        long capacity = frames.Sum(f => (long)Math.Max(0, f.Length - layout.Lookback - layout.OutputSteps + 1));
        if (capacity * layout.Lookback * layout.InputWidth > Array.MaxLength)
        {
            throw new ArgumentException(
                $"The training windows would hold {capacity:N0} windows × LookbackWindow {layout.Lookback:N0} × {layout.InputWidth} features, " +
                $"more values than an array can ({Array.MaxLength:N0}); lower LookbackWindow or train on fewer or shorter series.",
                nameof(ForecasterOptions.LookbackWindow));
        }

        var windows = new TrainingWindows(layout, (int)capacity);
        var encoder = new WindowEncoder(layout);
        var indices = new float[profile?.Period ?? 0];
        var scratch = new float[2 * indices.Length];
        int count = 0, inputSize = layout.Lookback * layout.InputWidth, outputs = layout.OutputSteps;
        foreach (var frame in frames)
        {
            bool seasonal = profile is not null && frame.SeasonalCycles > 0;
            int first = layout.Lookback - 1;
            while (seasonal && first < frame.Length && profile!.CyclesKnown(first + 1) < frame.SeasonalCycles)
            {
                first++;
            }

            for (int end = first; end + outputs < frame.Length; end++)
            {
                if (seasonal)
                {
                    profile!.Indices(frame.Values, frame.Observed, frame.Trend, end, indices, scratch);
                }

                var seasonalIndices = seasonal ? indices : ReadOnlySpan<float>.Empty;
                float level = encoder.Encode(
                    frame, end, seasonalIndices, windows.Inputs.AsSpan(count * inputSize, inputSize), windows.Extras.AsSpan(count * layout.ExtraWidth, layout.ExtraWidth));
                if (!encoder.Targets(frame, end, level, seasonalIndices, windows.Targets.AsSpan(count * outputs, outputs), windows.Weights.AsSpan(count * outputs, outputs)))
                {
                    continue;
                }

                (validationTail > 0 && end + outputs >= frame.Length - validationTail ? windows.Validation : windows.Training).Add(count);
                count++;
            }
        }

        if (count == 0)
        {
            var longest = frames.MaxBy(f => f.Length)!;
            throw new ArgumentException(
                $"No series is long enough to train on: the longest, '{longest.Id}', has {longest.Length} steps, but a window needs " +
                $"LookbackWindow ({layout.Lookback}) + {outputs} target step(s) with at least one observed target.",
                "series");
        }

        if (windows.Training.Count == 0)
        {
            // Too short to hold out a tail: train on everything and skip the epoch search.
            windows.Training.AddRange(windows.Validation);
            windows.Validation.Clear();
        }

        return windows;
    }
}
