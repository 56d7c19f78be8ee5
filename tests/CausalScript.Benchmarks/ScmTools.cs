using System.Diagnostics;
using CausalScript.Inference;
using CausalScript.Models;

namespace CausalScript.Benchmarks;

/// <summary>The <c>--scm</c> helper mode: describes the SCM workloads, checks that a seed gives the same table on 1
/// and on all threads (printing a hash of every bit of it, to compare across commits), and times each case with a
/// Stopwatch (a quick check and profiling target; the reported numbers come from BenchmarkDotNet).</summary>
public static class ScmTools
{
    /// <summary>Runs the mode.</summary>
    /// <param name="rows">Rows per sample.</param>
    /// <param name="seconds">Seconds of timed repetitions per case.</param>
    public static void Run(int rows, double seconds)
    {
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
        var w = ScmWorkloads.Polytree;
        Console.WriteLine($"polytree: {w.Description}");
        var conditional = w.Model.Query([w.Y], w.Evidence);
        var intervened = w.Model.Do(w.Intervention).Query([w.Y], w.Evidence);
        Console.WriteLine($"  P(Y | E) = [{string.Join(", ", conditional.Values.Select(p => p.ToString("R")))}], |An(Y ∪ E)| = {w.RelevantCount}, " +
            $"median {Time(() => w.Model.Query([w.Y], w.Evidence), seconds):F3} ms");
        Console.WriteLine($"  P(Y | do(X), E) = [{string.Join(", ", intervened.Values.Select(p => p.ToString("R")))}], |An(Y ∪ E)| = {w.RelevantCountUnderDo}, " +
            $"median {Time(() => w.Model.Do(w.Intervention).Query([w.Y], w.Evidence), seconds):F3} ms");
    }

    /// <summary>FNV-1a over the bits of every value, column by column.</summary>
    private static ulong Hash(Scm model, Data.Dataset data)
    {
        var h = 14695981039346656037UL;
        foreach (var v in data.Variables)
            foreach (var x in data.Reals(v))
                h = unchecked((h ^ (ulong)BitConverter.DoubleToInt64Bits(x)) * 1099511628211UL);
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
