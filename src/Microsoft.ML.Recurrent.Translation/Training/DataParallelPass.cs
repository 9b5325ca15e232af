using System.Runtime.ExceptionServices;
using Microsoft.ML.Recurrent.Engine.Modules;
using Microsoft.ML.Recurrent.Engine.Tensors;
using Microsoft.ML.Recurrent.Engine.Threading;
using Microsoft.ML.Recurrent.Text.Batching;
using Microsoft.ML.Recurrent.Translation.Network;

namespace Microsoft.ML.Recurrent.Translation.Training;

/// <summary>
/// One batch's forward and backward pass split into shards, one per engine thread (<see cref="EngineThreads.Count"/>
/// when created): the network and replicas that share its weights, run at the same time. Rows are dealt to the shards
/// in turn, so all get sources of similar lengths. A decoder step is many small products; each shard runs them on one
/// core instead of handing each one between cores. The replicas' gradients are then added to the network's: together
/// they are the gradient of the mean loss over the batch's target tokens. As everywhere in the engine, results are
/// reproducible for a given seed and thread count.
/// </summary>
internal sealed class DataParallelPass : ParallelJob
{
    private readonly ModuleReplica[] replicas;
    private readonly Shard[] shards;
    private int meanOver;
    private float teacherForcing;

    /// <param name="network">The network the optimizer trains.</param>
    /// <param name="labelSmoothing">Label smoothing of the loss.</param>
    /// <param name="random">Seeds the replicas' dropout and each shard's scheduled-sampling draws.</param>
    /// <param name="shardCount">Number of shards; defaults to the engine's thread count.</param>
    public DataParallelPass(Seq2SeqNetwork network, float labelSmoothing, RandomSource random, int? shardCount = null)
    {
        int count = shardCount ?? EngineThreads.Count;
        replicas = new ModuleReplica[count - 1];
        for (int r = 0; r < replicas.Length; r++)
        {
            replicas[r] = network.CreateReplica(random.Fork());
        }

        shards = new Shard[count];
        for (int s = 0; s < count; s++)
        {
            var shardNetwork = s == 0 ? network : (Seq2SeqNetwork)replicas[s - 1].Replica;
            shards[s] = new Shard(new TrainingPass(shardNetwork, labelSmoothing), random.Fork());
        }
    }

    /// <summary>Runs forward and backward for the pairs at <paramref name="indices"/> and returns the mean loss per target token.</summary>
    /// <param name="corpus">The training pairs.</param>
    /// <param name="indices">The batch: indices of pairs in <paramref name="corpus"/>.</param>
    /// <param name="teacherForcingRatio">The epoch's teacher-forcing ratio.</param>
    public float Run(TrainingCorpus corpus, int[] indices, float teacherForcingRatio)
    {
        int used = Math.Min(shards.Length, indices.Length);
        meanOver = 0;
        for (int s = 0; s < used; s++)
        {
            var shard = shards[s];
            int[] rows = new int[(indices.Length - s + used - 1) / used];
            for (int i = 0; i < rows.Length; i++)
            {
                rows[i] = indices[s + i * used];
            }

            shard.Source = PaddedBatch.Create(corpus.Sources, rows);
            shard.Targets = Array.ConvertAll(rows, i => corpus.Targets[i]);
            meanOver += shard.Targets.Sum(t => t.Length + 1);
        }

        teacherForcing = teacherForcingRatio;
        if (used == 1)
        {
            Execute(0, 1);
        }
        else
        {
            WorkerPool.Run(this, used);
        }

        double loss = 0;
        for (int s = 0; s < used; s++)
        {
            if (shards[s].Failure is { } failure)
            {
                shards[s].Failure = null;
                ExceptionDispatchInfo.Throw(failure);
            }

            loss += shards[s].Loss;
        }

        for (int s = 1; s < used; s++)
        {
            replicas[s - 1].MoveGradients();
        }

        return (float)(loss / meanOver);
    }

    /// <inheritdoc/>
    public override void Execute(int part, int partCount)
    {
        var shard = shards[part];
        try
        {
            shard.Loss = shard.Pass.Forward(shard.Source!, shard.Targets, teacherForcing, shard.Random, meanOver);
            shard.Pass.Backward();
        }
        catch (Exception ex)
        {
            shard.Failure = ex;
        }
    }

    /// <summary>One shard: its training pass, its scheduled-sampling draws and its rows of the current batch.</summary>
    private sealed class Shard(TrainingPass pass, RandomSource random)
    {
        public TrainingPass Pass { get; } = pass;

        public RandomSource Random { get; } = random;

        public PaddedBatch? Source;
        public int[][] Targets = [];
        public double Loss;
        public Exception? Failure;
    }
}
