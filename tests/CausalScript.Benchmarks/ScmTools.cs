using System.Diagnostics;
using CausalScript.Inference;
using CausalScript.Models;

namespace CausalScript.Benchmarks;

/// <summary>The <c>--scm</c> helper mode: checks the sampler's own normal draws against MathNet's and its vector cosine
/// against Math.Cos (error and speed), describes the SCM workloads, checks that a seed gives the same table on 1, 2
/// and all threads (printing a hash of every bit of it, to compare across commits, JIT settings and vector widths),
/// and times each case with a Stopwatch (a quick check and profiling target; the reported numbers come from
/// BenchmarkDotNet).</summary>
public static class ScmTools
{
    /// <summary>Runs the mode.</summary>
    /// <param name="rows">Rows per sample.</param>
    /// <param name="seconds">Seconds of timed repetitions per case.</param>
    public static void Run(int rows, double seconds)
    {
        CheckNormalSampler();
        CheckCosine();
        CheckRffSlices();
        foreach (var (name, model) in new[] { ("linear-Gaussian", ScmWorkloads.LinearGaussian), ("RFF", ScmWorkloads.RandomFourier) })
        {
            var hashes = new[] { 1, 2, -1 }.Select(t => Hash(model, model.Sample(rows, 42, new SamplingOptions(MaxDegreeOfParallelism: t)))).ToArray();
            if (hashes.Distinct().Count() != 1) throw new InvalidOperationException($"{name}: the sample depends on the thread count.");
            var edges = model.Variables.Sum(v => model.ParentsOf(v).Count);
            var ms = Time(() => model.Sample(rows, 42), seconds);
            var draws = (double)rows * model.Variables.Count;
            Console.WriteLine($"{name}: {model.Variables.Count} vars, {edges} edges; {rows} rows, seed 42: hash {hashes[0]:x16} (1, 2, all threads); " +
                $"median {ms:F2} ms = {draws / (ms / 1000) / 1e6:F1} M draws/s");
        }
        AllocationCheck(ScmWorkloads.LinearGaussian);
        var w = ScmWorkloads.Polytree;
        var tableHashes = new[] { 1, 2, -1 }.Select(t => Hash(w.Model, w.Model.Sample(rows, 42, new SamplingOptions(MaxDegreeOfParallelism: t)))).ToArray();
        if (tableHashes.Distinct().Count() != 1) throw new InvalidOperationException("polytree: the sample depends on the thread count.");
        Console.WriteLine($"polytree: {w.Description}; {rows} rows, seed 42: hash {tableHashes[0]:x16} (1, 2, all threads)");
        var conditional = w.Model.Query([w.Y], w.Evidence);
        var intervened = w.Model.Do(w.Intervention).Query([w.Y], w.Evidence);
        Console.WriteLine($"  P(Y | E) = [{string.Join(", ", conditional.Values.Select(p => p.ToString("R")))}], |An(Y ∪ E)| = {w.RelevantCount}, " +
            $"median {Time(() => w.Model.Query([w.Y], w.Evidence), seconds):F3} ms");
        Console.WriteLine($"  P(Y | do(X), E) = [{string.Join(", ", intervened.Values.Select(p => p.ToString("R")))}], |An(Y ∪ E)| = {w.RelevantCountUnderDo}, " +
            $"median {Time(() => w.Model.Do(w.Intervention).Query([w.Y], w.Evidence), seconds):F3} ms");
    }

    /// <summary>The sampler's allocation-free normal draws (<see cref="Noise.FillNormal"/>) must equal MathNet's
    /// <c>Normal.Samples</c> value for value and leave the random source in the same state.</summary>
    private static void CheckNormalSampler()
    {
        foreach (var n in new[] { 0, 1, 2, 3, 7, 100, 1696, 4096, 5001 })
            for (var seed = 0; seed < 20; seed++)
            {
                var (r1, r2) = (Sampler.ChunkRandom(seed, n), Sampler.ChunkRandom(seed, n));
                var (a, b) = (new double[n], new double[n]);
                MathNet.Numerics.Distributions.Normal.Samples(r1, a, 0.5, 2);
                Noise.FillNormal(r2, b, 0.5, 2);
                for (var i = 0; i < n; i++)
                    if (BitConverter.DoubleToInt64Bits(a[i]) != BitConverter.DoubleToInt64Bits(b[i]))
                        throw new InvalidOperationException($"FillNormal differs from MathNet at n = {n}, seed {seed}, i = {i}.");
                if (r1.NextDouble() != r2.NextDouble()) throw new InvalidOperationException($"FillNormal leaves another random state (n = {n}).");
            }
        Console.WriteLine("normal sampler: identical to MathNet.Numerics Normal.Samples (9 lengths × 20 seeds)");
        var buffer = new double[4096];
        var random = Sampler.ChunkRandom(1, 0);
        for (var round = 0; round < 3; round++)
            Console.WriteLine($"normal sampler: FillNormal {PerValue(buffer.Length, 2000, () => Noise.FillNormal(random, buffer, 0, 1)):F2} ns CPU per value; " +
                $"MathNet Normal.Samples {PerValue(buffer.Length, 2000, () => MathNet.Numerics.Distributions.Normal.Samples(random, buffer, 0, 1)):F2} ns");
    }

    /// <summary>The RFF mechanism's vector cosine (<see cref="Cosine.Of"/>) against Math.Cos: largest absolute
    /// error over 10⁶ uniform arguments per range, plus a few special values.</summary>
    private static void CheckCosine()
    {
        var rng = new Random(7);
        var width = System.Numerics.Vector<double>.Count;
        var lanes = new double[width];
        foreach (var range in new[] { 1.0, 10, 100, 1e4, 1e6, 1e7 })
        {
            var worst = 0.0;
            for (var i = 0; i < 1_000_000 / width; i++)
            {
                for (var l = 0; l < width; l++) lanes[l] = (2 * rng.NextDouble() - 1) * range;
                var c = Cosine.Of(new System.Numerics.Vector<double>(lanes));
                for (var l = 0; l < width; l++) worst = Math.Max(worst, Math.Abs(c[l] - Math.Cos(lanes[l])));
            }
            Console.WriteLine($"cosine: |x| ≤ {range:G3}: max |Cosine.Of − Math.Cos| = {worst:G3}");
        }
        // Speed, single-threaded CPU time per value, against the two alternatives it replaces or agrees with.
        var xs = new double[4096];
        var ys = new double[xs.Length];
        for (var i = 0; i < xs.Length; i++) xs[i] = (2 * rng.NextDouble() - 1) * 10;
        var ours = PerValue(xs.Length, 5_000, () => { for (var i = 0; i < xs.Length; i += width) Cosine.Of(new System.Numerics.Vector<double>(xs, i)).CopyTo(ys, i); });
        var tensor = PerValue(xs.Length, 5_000, () => System.Numerics.Tensors.TensorPrimitives.Cos(xs, ys));
        var math = PerValue(xs.Length, 500, () => { for (var i = 0; i < xs.Length; i++) ys[i] = Math.Cos(xs[i]); });
        Console.WriteLine($"cosine: {ours:F2} ns CPU per value (vector width {width}); TensorPrimitives.Cos {tensor:F2} ns; Math.Cos {math:F2} ns");
        double[] taylor = [Cosine.C1, Cosine.C2, Cosine.C3, Cosine.C4, Cosine.C5, Cosine.C6, Cosine.C7, Cosine.C8, Cosine.C9, Cosine.C10, Cosine.C11];
        for (var j = 1; j <= taylor.Length; j++)
            if (taylor[j - 1] != (j % 2 == 0 ? 1 : -1) / Enumerable.Range(1, 2 * j).Aggregate(1.0, (f, i) => f * i))
                throw new InvalidOperationException($"Cosine.C{j} is not (−1)^{j}/({2 * j})!.");
        double[] special = [0, -0.0, Math.PI / 2, Math.PI, 1e-300, double.Epsilon, double.PositiveInfinity, double.NaN];
        foreach (var x in special)
        {
            var c = Cosine.Of(new System.Numerics.Vector<double>(x))[0];
            if (!(Math.Abs(c - Math.Cos(x)) <= 1e-15 || double.IsNaN(c) && double.IsNaN(Math.Cos(x))))
                throw new InvalidOperationException($"Cosine.Of({x}) = {c}, Math.Cos = {Math.Cos(x)}.");
        }
    }

    /// <summary>Bytes allocated by one <see cref="Scm.Sample"/> call beyond its output columns (all threads'
    /// allocations, median of 9 calls), on one thread and on all, at three row counts.</summary>
    private static void AllocationCheck(Scm model)
    {
        foreach (var threads in new[] { 1, -1 })
        {
            var cells = new List<string>();
            foreach (var rows in new[] { 10_000, 100_000, 1_000_000 })
            {
                var options = new SamplingOptions(MaxDegreeOfParallelism: threads);
                model.Sample(rows, 42, options);
                var beyond = new List<long>();
                for (var rep = 0; rep < 9; rep++)
                {
                    var before = GC.GetTotalAllocatedBytes(precise: true);
                    model.Sample(rows, 42, options);
                    beyond.Add(GC.GetTotalAllocatedBytes(precise: true) - before - (long)rows * model.Variables.Count * sizeof(double));
                }
                beyond.Sort();
                cells.Add($"{rows:N0} rows: {beyond[4] / 1024.0:N1} KB");
            }
            Console.WriteLine($"  allocated beyond the output, {(threads == 1 ? "1 thread" : "all threads")}: {string.Join("; ", cells)}");
        }
    }

    /// <summary>The RFF mean of a row must not depend on where it falls in a chunk: every slice (start, length) of a
    /// column block, including those shorter than a vector and those whose last vector overlaps, must reproduce the
    /// bits of the whole block's evaluation.</summary>
    private static void CheckRffSlices()
    {
        var parents = new[] { Variable.Real("a"), Variable.Range("b", -2, 3), Variable.Real("c") };
        var m = (RffMechanism)Mechanism.RandomFourierFeatures(parents, Noise.Normal(), features: 16, seed: 11);
        var rng = new Random(3);
        const int n = 257;
        var columns = new[] { Enumerable.Range(0, n).Select(_ => 4 * rng.NextDouble() - 2).ToArray(),
            Enumerable.Range(0, n).Select(_ => (double)rng.Next(6)).ToArray(), Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray() };
        var whole = new double[n];
        m.Mean(new Columns(columns, 0, n), whole);
        var slices = 0;
        for (var start = 0; start < 40; start++)
            foreach (var length in new[] { 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 100, n - start })
            {
                if (start + length > n) continue;
                var part = new double[length];
                m.Mean(new Columns(columns, start, length), part);
                for (var r = 0; r < length; r++)
                    if (BitConverter.DoubleToInt64Bits(part[r]) != BitConverter.DoubleToInt64Bits(whole[start + r]))
                        throw new InvalidOperationException($"RFF mean of row {start + r} differs in the slice ({start}, {length}).");
                slices++;
            }
        Console.WriteLine($"RFF mechanism: {slices} slices of a {n}-row block reproduce its bits (vector width {System.Numerics.Vector<double>.Count})");
    }

    /// <summary>Single-threaded CPU time per value of <paramref name="run"/>, which handles <paramref name="values"/>
    /// values per call, after a warm-up past tier-0 code (tiered compilation recompiles hot methods in the background,
    /// after a quiet period).</summary>
    private static double PerValue(int values, int reps, Action run)
    {
        for (var warm = Stopwatch.StartNew(); warm.ElapsedMilliseconds < 1000;) run();
        Thread.Sleep(300);
        for (var it = 0; it < 50; it++) run();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var it = 0; it < reps; it++) run();
        return (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds * 1e6 / ((double)reps * values);
    }

    /// <summary>FNV-1a over the bits of every value, column by column.</summary>
    private static ulong Hash(Scm model, Data.Dataset data)
    {
        var h = 14695981039346656037UL;
        foreach (var v in data.Variables)
            if (v.Domain.IsFinite)
                foreach (var c in data.Codes(v)) h = unchecked((h ^ (ulong)c) * 1099511628211UL);
            else
                foreach (var x in data.Reals(v)) h = unchecked((h ^ (ulong)BitConverter.DoubleToInt64Bits(x)) * 1099511628211UL);
        return h;
    }

    private static double Time(Action action, double seconds)
    {
        action();
        var reps = new List<double>();
        var total = Stopwatch.StartNew();
        do { var sw = Stopwatch.StartNew(); action(); reps.Add(sw.Elapsed.TotalMilliseconds); } while (total.Elapsed.TotalSeconds < seconds || reps.Count < 3);
        reps.Sort();
        return reps[reps.Count / 2];
    }
}
