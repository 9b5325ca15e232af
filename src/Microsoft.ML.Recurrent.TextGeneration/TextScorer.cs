using Microsoft.ML.Recurrent.Engine.Losses;

namespace Microsoft.ML.Recurrent.TextGeneration;

/// <summary>
/// Mean cross-entropy of every next character of a text given all before it. The text is scored in up to
/// <see cref="MaxStreams"/> parallel streams over contiguous segments; each stream first reads the
/// <see cref="WarmUp"/> characters before its segment without scoring them, so the state it scores with matches one
/// long pass closely while the streams share the cores' matrix products.
/// </summary>
internal static class TextScorer
{
    public const int MaxStreams = 64;
    public const int WarmUp = 256;
    private const int MinSegment = 1024;
    private const int Chunk = 256;
    private const int Ignored = -1;

    /// <summary>Scores ids[1..] given the preceding ids; needs at least two ids. The network must be in evaluation mode.</summary>
    public static LanguageModelMetrics Score(CharNetwork network, int[] ids)
    {
        int predictions = ids.Length - 1;
        int streams = Math.Clamp(predictions / MinSegment, 1, MaxStreams);
        int segment = (predictions + streams - 1) / streams;
        streams = (predictions + segment - 1) / segment;
        int steps = Math.Min(predictions, segment + WarmUp);
        var loss = new SoftmaxCrossEntropyLoss(ignoreIndex: Ignored);
        var state = network.NewState(streams);
        var inputs = new int[Chunk * streams];
        var labels = new int[Chunk * streams];
        double total = 0;
        for (int first = 0; first < steps; first += Chunk)
        {
            int length = Math.Min(Chunk, steps - first), scored = 0;
            for (int b = 0; b < streams; b++)
            {
                int scoreStart = b * segment, scoreEnd = Math.Min(predictions, scoreStart + segment);
                int start = Math.Max(0, scoreStart - WarmUp);
                for (int t = 0; t < length; t++)
                {
                    int position = start + first + t, slot = t * streams + b;
                    bool inStream = position < scoreEnd;
                    inputs[slot] = inStream ? ids[position] : 0;
                    labels[slot] = inStream && position >= scoreStart ? ids[position + 1] : Ignored;
                    scored += labels[slot] == Ignored ? 0 : 1;
                }
            }

            var logits = network.Logits(inputs.AsSpan(0, length * streams), length, streams, state);
            if (scored > 0)
            {
                total += (double)loss.Compute(logits, labels.AsSpan(0, length * streams)) * scored;
            }
        }

        return new LanguageModelMetrics(total / predictions, predictions);
    }
}
