using CausalScript.Data;
using CausalScript.Models;
using MathNet.Numerics.Random;

namespace CausalScript.Inference;

/// <summary>Options of the ancestral sampler.</summary>
/// <param name="IncludeLatent">Also return the latent variables' columns.</param>
/// <param name="ChunkSize">Rows per chunk: each chunk has its own random stream, so results do not depend on the
/// number of threads.</param>
/// <param name="MaxDegreeOfParallelism">Threads to use; -1 for all cores.</param>
public sealed record SamplingOptions(bool IncludeLatent = false, int ChunkSize = 4096, int MaxDegreeOfParallelism = -1)
{
    /// <summary>The defaults: observed columns only, 4096-row chunks, all cores.</summary>
    public static SamplingOptions Default { get; } = new();
}

/// <summary>
/// Vectorised, columnar ancestral sampling (Koller &amp; Friedman 2009, §12.1.1, by whole columns): variables are
/// visited in topological order and each mechanism computes a chunk of its column from its parents' columns and a
/// freshly drawn noise column. Chunks run in parallel; chunk k uses the random stream seeded by (seed, k), so a
/// seed (with the same <see cref="SamplingOptions.ChunkSize"/>) always gives the same table, whatever the machine's
/// core count. No allocation per row.
/// </summary>
public static class Sampler
{
    /// <summary>Draws <paramref name="rows"/> independent samples from the model (observational, or interventional
    /// when the model is an intervened one).</summary>
    /// <param name="model">The model.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="options">Chunking, parallelism and whether to include latent variables.</param>
    /// <returns>A dataset with a column per observed variable (and latent ones if asked).</returns>
    /// <exception cref="ModelException">A mechanism produced NaN, infinity or a value outside its domain (names the
    /// variable and its parents' values).</exception>
    public static Dataset Sample(Scm model, int rows, int seed = 0, SamplingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (rows < 0) throw new ArgumentOutOfRangeException(nameof(rows), "The number of rows must be at least 0.");
        options ??= SamplingOptions.Default;
        var columns = Run(model, rows, seed, options, noise: null, drawNoise: true);
        return ToDataset(model, columns, rows, options.IncludeLatent);
    }

    internal static Dataset ToDataset(Scm model, double[][] columns, int rows, bool includeLatent)
    {
        var keep = Enumerable.Range(0, model.Variables.Count).Where(i => includeLatent || !model.IsLatent(model.Variables[i])).ToArray();
        var variables = keep.Select(i => model.Variables[i]).ToArray();
        var data = keep.Select(i => model.Variables[i].Domain.IsFinite ? (Array)ToCodes(columns[i]) : columns[i]).ToArray();
        return Dataset.Wrap(variables, data, rows);
    }

    private static int[] ToCodes(double[] column)
    {
        var codes = new int[column.Length];
        for (var i = 0; i < column.Length; i++) codes[i] = (int)column[i];
        return codes;
    }

    /// <summary>The random stream of one chunk: Xoshiro256** seeded by a SplitMix64 hash of (seed, chunk).</summary>
    internal static Random ChunkRandom(int seed, int chunk)
    {
        var z = unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL + (ulong)chunk + 1);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return new Xoshiro256StarStar(unchecked((int)z ^ (int)(z >> 32)), threadSafe: false);
    }

    /// <summary>
    /// Computes every variable's column (indexed like <see cref="Scm.Variables"/>). With <paramref name="drawNoise"/>
    /// the noise is drawn per chunk (and stored into <paramref name="noise"/> when given); without, it is read from
    /// <paramref name="noise"/>: that is how counterfactual worlds share the units' noise.
    /// </summary>
    internal static double[][] Run(Scm model, int rows, int seed, SamplingOptions options, double[][]? noise, bool drawNoise)
    {
        var vars = model.Variables;
        var index = vars.Select((v, i) => (v, i)).ToDictionary(x => x.v, x => x.i);
        var order = model.TopologicalOrder.Select(v => index[v]).ToArray();
        var mechanisms = vars.Select(model.MechanismOf).ToArray();
        var columns = vars.Select(_ => new double[rows]).ToArray();
        var parentColumns = mechanisms.Select(m => m.Parents.Select(p => columns[index[p]]).ToArray()).ToArray();
        var chunk = Math.Max(1, options.ChunkSize);
        var chunks = (rows + chunk - 1) / chunk;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
        // A fixed number of workers take the chunks in turn, each with one noise buffer: what a call allocates does
        // not grow with the rows (Parallel.For over the chunks starts more tasks, each with its buffer, the busier the
        // machine). Which worker runs a chunk does not matter: chunk k always uses stream k.
        var workers = Math.Min(chunks, options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : Environment.ProcessorCount);
        var next = -1;

        var failures = new Exception?[chunks];
        Parallel.For(0, workers, parallel, _ =>
        {
            var scratch = new double[chunk];
            for (int k; (k = Interlocked.Increment(ref next)) < chunks;)
                try
                {
                    RunChunk(k, scratch);
                }
                catch (Exception e)
                {
                    failures[k] = e;
                }
        });
        // A mechanism's error (a ModelException naming the variable) reaches the caller as itself, not wrapped in an
        // AggregateException, and always the same one whatever the threads did: that of the first failing chunk.
        foreach (var failure in failures)
            if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        return columns;

        void RunChunk(int k, double[] scratch)
        {
            var start = k * chunk;
            var count = Math.Min(chunk, rows - start);
            var random = drawNoise ? ChunkRandom(seed, k) : null;
            foreach (var i in order)
            {
                var v = vars[i];
                var m = mechanisms[i];
                ReadOnlySpan<double> u = default;
                if (m.HasNoise)
                {
                    if (drawNoise)
                    {
                        m.DrawNoise(random!, scratch);
                        u = scratch.AsSpan(0, count);
                        if (noise is not null) u.CopyTo(noise[i].AsSpan(start, count));
                    }
                    else u = noise![i].AsSpan(start, count);
                }
                var output = columns[i].AsSpan(start, count);
                var parents = new Columns(parentColumns[i], start, count);
                m.Compute(v, parents, u, output);
                if (!v.Domain.IsFinite) CheckFinite(v, m, parents, output, start);
            }
        }
    }

    private static void CheckFinite(Variable v, Mechanism m, in Columns parents, ReadOnlySpan<double> output, int start)
    {
        // One vectorised sum detects NaN or infinity; only then look for the row.
        if (double.IsFinite(System.Numerics.Tensors.TensorPrimitives.Sum(output))) return;
        for (var r = 0; r < output.Length; r++)
            if (!double.IsFinite(output[r]))
            {
                var row = r;
                var p = parents;
                var at = ValueCodec.DescribeRow(m.Parents, j => p.At(j, row));
                throw new ModelException($"The mechanism of '{v.Name}' produced {output[r]} at row {start + r} ({at}).", v.Name);
            }
    }
}
