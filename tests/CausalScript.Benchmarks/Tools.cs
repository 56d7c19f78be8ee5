using System.Diagnostics;
using CausalScript.Graphs;

namespace CausalScript.Benchmarks;

/// <summary>Non-BenchmarkDotNet modes: describing the workloads, the seed search for the dense case, a Stopwatch
/// sweep giving the median time per query over many random queries, and the SCM checks (<see cref="ScmTools"/>).</summary>
public static class Tools
{
    /// <summary>Runs a tool mode; returns false when the arguments are for BenchmarkDotNet.</summary>
    public static bool Run(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "--describe": Describe(); return true;
            case "--search-dense": SearchDense(args.Length > 1 ? int.Parse(args[1]) : 30); return true;
            case "--compact": Compact(); return true;
            case "--scm": ScmTools.Run(args.Length > 1 ? int.Parse(args[1]) : 100_000, args.Length > 2 ? double.Parse(args[2]) : 3); return true;
            case "--id-loop":
                IdTools.Loop(int.Parse(args[1]), double.Parse(args[2]), args.Length > 3 && args[3] == "effect",
                    args.Length > 4 ? int.Parse(args[4]) : 1, args.Length > 5 ? int.Parse(args[5]) : null);
                return true;
            case "--id-dump": IdTools.Dump(args.Length > 1 ? int.Parse(args[1]) : 3, args.Length > 2 ? int.Parse(args[2]) : 50); return true;
            case "--id-queries": IdTools.List(args.Length > 1 ? int.Parse(args[1]) : 1); return true;
            case "--id": IdTools.Run(args.Length > 1 ? int.Parse(args[1]) : 1, args.Length > 2 ? double.Parse(args[2]) : 20); return true;
            case "--sweep": Sweep(args.Length > 1 ? int.Parse(args[1]) : 10, args.Length > 2 ? int.Parse(args[2]) : 10); return true;
            default: return false;
        }
    }

    /// <summary>Prints every workload: graph sizes, the chosen queries and what they return.</summary>
    private static void Describe()
    {
        foreach (var n in new[] { 100, 1_000, 5_000, 10_000 })
        {
            var d = Workloads.Sparse(n);
            Console.WriteLine($"sparse n={n}: m={d.EdgeCount}, mean degree {d.MeanDegree:F2}, seed {Workloads.SparseSeed}");
            if (n <= 5_000)
            {
                var q = Workloads.SparseQuery(n);
                var g = d.Graph;
                Console.WriteLine($"  adjustment query {q.X} -> {q.Y}: |An(X∪Y)|={q.AncestralSize}, minimal sets={q.MinimalSetCount}, " +
                    $"canonical |Z|={g.CanonicalAdjustmentSet(q.XSet, q.YSet)!.Count}, one minimal |Z|={g.FindMinimalAdjustmentSet(q.XSet, q.YSet)!.Count}");
            }
            if (n >= 1_000)
                foreach (var s in Workloads.Separation(n))
                    Console.WriteLine($"  d-separation: {s.Description} -> {d.Graph.IsMSeparated(s.X, s.Y, s.Z)} (expected {s.Expected})");
        }
        var dq = Workloads.Dense;
        Console.WriteLine($"dense n=100: m={dq.Dag.EdgeCount}, mean degree {dq.Dag.MeanDegree:F2}, seed {Workloads.DenseSeed}; " +
            $"query {dq.X} -> {dq.Y}: |An(X∪Y)|={dq.AncestralSize}, minimal sets={dq.MinimalSetCount}");
        var g100 = Workloads.Sparse(100).Graph;
        Console.WriteLine($"implied independencies (sparse n=100): all={g100.ImpliedIndependencies().Count()}, " +
            $"one per pair={g100.ImpliedIndependencies(policy: SeparatorPolicy.OnePerPair).Count()}");
    }

    /// <summary>Searches graph seeds 1..seeds (n = 100, degree 4) and ten random ancestor pairs each for queries with
    /// 400–600 minimal adjustment sets; the dense workload fixes one of them.</summary>
    private static void SearchDense(int seeds)
    {
        for (var seed = 1; seed <= seeds; seed++)
        {
            var dag = RandomDag.Generate(100, Workloads.DenseDegree, seed);
            var rng = new Random(seed + 1);
            for (var t = 0; t < 10; t++)
            {
                if (Workloads.DrawAncestorPair(dag, rng) is not { } pair) continue;
                var c = Workloads.CountMinimalSets(dag.Graph, pair.X, pair.Y, 2_000);
                if (c is >= 400 and <= 600)
                    Console.WriteLine($"seed={seed} draw={t} x={pair.X} y={pair.Y} minimal sets={c} |An|={dag.Graph.Ancestors(pair.X, pair.Y).Count}");
            }
        }
    }

    /// <summary>
    /// Time per all-minimal-sets query over many random queries: for n in {100, 1000, 5000}, graph seeds 1..graphs and
    /// queriesPerGraph draws of <see cref="Workloads.DrawAncestorPair"/> each (rng seed = graph seed + 1). Each query is
    /// run once to warm up (and count its sets), then repeated until 20 ms have passed (at least once); its time is the
    /// median of the repeats. Enumeration is capped at 100,000 sets. Two rows per n: all drawn queries, and the
    /// "meaningful" ones (the filter of <see cref="Workloads.SparseQuery"/>: |An(X ∪ Y)| ≥ 10, ∅ not valid,
    /// 2–1,000 minimal sets).
    /// </summary>
    private static void Sweep(int graphs, int queriesPerGraph)
    {
        const int cap = 100_000;
        Console.WriteLine("| n | queries | median ms | p25 ms | p75 ms | p90 ms | max ms | median sets | max sets | capped |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        var worst = new List<string>();
        foreach (var n in new[] { 100, 1_000, 5_000 })
        {
            var all = new List<(double Ms, int Sets)>();
            var meaningful = new List<(double Ms, int Sets)>();
            (double Ms, int Sets, string What) slowest = (0, 0, "");
            for (var seed = 1; seed <= graphs; seed++)
            {
                var dag = Workloads.Graph(n, Workloads.SparseDegree, seed);
                var g = dag.Graph;
                var rng = new Random(seed + 1);
                for (var t = 0; t < queriesPerGraph; t++)
                {
                    if (Workloads.DrawAncestorPair(dag, rng) is not { } pair) continue;
                    var (x, y) = (g.Set(pair.X), g.Set(pair.Y));
                    int Enumerate() { var c = 0; foreach (var _ in g.ListMinimalAdjustmentSets(x, y, maxResults: cap)) c++; return c; }
                    var sets = Enumerate();
                    var reps = new List<double>();
                    var total = Stopwatch.StartNew();
                    do
                    {
                        var sw = Stopwatch.StartNew();
                        Enumerate();
                        reps.Add(sw.Elapsed.TotalMilliseconds);
                    } while (total.Elapsed.TotalMilliseconds < 20);
                    var ms = Median(reps);
                    var an = g.Ancestors(x.Union(y)).Count;
                    all.Add((ms, sets));
                    if (an >= Workloads.MinAncestralSize && !g.IsAdjustmentSet(x, y, []) && sets is >= 2 and <= Workloads.MaxMeaningfulSets)
                        meaningful.Add((ms, sets));
                    if (ms > slowest.Ms) slowest = (ms, sets, $"seed {seed}, {pair.X} -> {pair.Y}, |An(X∪Y)| = {an}");
                }
            }
            Row(n, "all", all, cap);
            Row(n, "meaningful", meaningful, cap);
            worst.Add($"n={n}: slowest query {slowest.What}: {slowest.Sets} sets{(slowest.Sets >= cap ? " (capped)" : "")} in {slowest.Ms:F1} ms " +
                $"({1000 * slowest.Ms / Math.Max(1, slowest.Sets):F1} us per set)");
        }
        foreach (var w in worst) Console.WriteLine(w);
    }

    private static void Row(int n, string label, List<(double Ms, int Sets)> rows, int cap)
    {
        if (rows.Count == 0) return;
        var times = rows.Select(r => r.Ms).Order().ToList();
        var sets = rows.Select(r => (double)r.Sets).Order().ToList();
        Console.WriteLine($"| {n} | {rows.Count} {label} | {Quantile(times, 0.5):F3} | {Quantile(times, 0.25):F3} | {Quantile(times, 0.75):F3} | " +
            $"{Quantile(times, 0.9):F3} | {times[^1]:F1} | {Quantile(sets, 0.5):F0} | {sets[^1]:F0} | {rows.Count(r => r.Sets >= cap)} |");
    }

    /// <summary>
    /// Where the listing time goes: enumerates the minimal adjustment sets of a query on the n-node graph and on a
    /// fresh graph built from G[An(X ∪ Y)] alone (same sets: minimal adjustment sets lie in An(X ∪ Y), and the induced
    /// subgraph on an ancestral set preserves d-separation). The difference is the cost that depends on n rather than
    /// on the ancestral graph the algorithm works on.
    /// </summary>
    private static void Compact()
    {
        var cases = new (int N, int Seed, string X, string Y, int Cap)[]
        {
            (5_000, Workloads.SparseSeed, Workloads.SparseQuery(5_000).X, Workloads.SparseQuery(5_000).Y, int.MaxValue),
            (1_000, Workloads.SparseSeed, Workloads.SparseQuery(1_000).X, Workloads.SparseQuery(1_000).Y, int.MaxValue),
            (5_000, 10, "v415", "v4099", 20_000),
            (1_000, 10, "v77", "v908", 20_000),
        };
        Console.WriteLine("| n | query | |An(X∪Y)| | sets | full graph ms | G[An] rebuilt ms | us/set full | us/set G[An] |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var (n, seed, x, y, cap) in cases)
        {
            var g = Workloads.Graph(n, Workloads.SparseDegree, seed).Graph;
            var an = g.Ancestors(x, y);
            var b = Admg.CreateBuilder().Nodes(an);
            foreach (var e in g.DirectedEdges)
                if (an.Contains(e.From) && an.Contains(e.To)) b.Edge(e.From, e.To);
            var small = b.Build();
            double Time(Admg h, out int sets)
            {
                var (xs, ys) = (h.Set(x), h.Set(y));
                int Run() { var c = 0; foreach (var _ in h.ListMinimalAdjustmentSets(xs, ys, maxResults: cap)) c++; return c; }
                sets = Run();
                var reps = new List<double>();
                var total = Stopwatch.StartNew();
                do { var sw = Stopwatch.StartNew(); Run(); reps.Add(sw.Elapsed.TotalMilliseconds); } while (total.Elapsed.TotalMilliseconds < 500);
                return Median(reps);
            }
            var full = Time(g, out var setsFull);
            var compact = Time(small, out var setsSmall);
            if (setsFull != setsSmall) throw new InvalidOperationException($"set counts differ: {setsFull} vs {setsSmall}");
            Console.WriteLine($"| {n} (seed {seed}) | {x} → {y} | {an.Count} | {setsFull}{(setsFull >= cap ? " (capped)" : "")} | {full:F3} | {compact:F3} | " +
                $"{1000 * full / setsFull:F1} | {1000 * compact / setsFull:F1} |");
        }
    }

    private static double Median(List<double> xs) => Quantile(xs.Order().ToList(), 0.5);

    private static double Quantile(List<double> sorted, double q)
    {
        var pos = q * (sorted.Count - 1);
        var lo = (int)Math.Floor(pos);
        var hi = (int)Math.Ceiling(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}
