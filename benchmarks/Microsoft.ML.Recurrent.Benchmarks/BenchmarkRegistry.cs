namespace Microsoft.ML.Recurrent.Benchmarks;

/// <summary>All benchmark configurations, in the order they run.</summary>
internal static class BenchmarkRegistry
{
    public static IEnumerable<BenchmarkCase> All()
    {
        yield return new RecurrentTrainingBenchmark("train-lstm-b64-t50-i32-h128", "lstm", 64, 50, 32, 128);
        yield return new RecurrentTrainingBenchmark("train-gru-b64-t50-i32-h128", "gru", 64, 50, 32, 128);
        yield return new RecurrentTrainingBenchmark("train-lstm-b64-t50-i32-h512", "lstm", 64, 50, 32, 512);
        yield return new RecurrentTrainingBenchmark("train-bilstm2-b64-t40-i128-h128", "lstm", 64, 40, 128, 128, numLayers: 2, bidirectional: true);
        yield return new RecurrentTrainingBenchmark("train-lstm-b32-t24-i1-h64", "lstm", 32, 24, 1, 64);
        yield return new RecurrentInferenceBenchmark("infer-lstm-b1-t50-i1-h64", "lstm", 1, 50, 1, 64);
        yield return new RecurrentInferenceBenchmark("infer-gru-b256-t50-i32-h128", "gru", 256, 50, 32, 128);
        yield return new RecurrentStreamingBenchmark("stream-gru-i32-h128", "gru", 32, 128);
        foreach (int n in new[] { 256, 512, 1024 })
        {
            yield return new GemmBenchmark(n);
        }

        foreach (var (m, k, n) in new[] { (64, 128, 512), (32, 512, 2048), (128, 128, 384), (1, 64, 256) })
        {
            yield return new GemmShapeBenchmark(m, k, n);
        }

        yield return new ForecasterFitBenchmark();
        yield return new ForecasterPredictBenchmark();
        yield return new TranslatorBenchmarks.EpochBenchmark();
        yield return new TranslatorBenchmarks.BeamBenchmark();
        yield return new TextClassifierFitBenchmark();
        yield return new TextClassifierPredictBenchmark();
        yield return new CharLanguageModelTrainingBenchmark();
        yield return new CharGenerationBenchmark();
    }
}
