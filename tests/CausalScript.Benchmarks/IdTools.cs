using System.Diagnostics;
using CausalScript.Identification;

namespace CausalScript.Benchmarks;

/// <summary>The <c>--id</c> helper mode: describes the ID workloads (graph and district sizes, verdicts) and times
/// every query with a Stopwatch, on the benchmark graphs (seed 1) and on further seeds.</summary>
public static class IdTools
{
    /// <summary>Prints, per size and graph seed 1 … seeds: hidden nodes, edges, districts, the fraction of the queries
    /// identified, and Stopwatch medians per query for <see cref="Id.Identify"/> and <see cref="Identify.Effect"/>
    /// (each query repeated for at least <paramref name="msPerQuery"/> ms after one warm-up call).</summary>
    /// <param name="seeds">Graph seeds per size (seed 1 is the benchmark's graph).</param>
    /// <param name="msPerQuery">Minimum repetition time per query and method.</param>
    public static void Run(int seeds, double msPerQuery)
    {
        Console.WriteLine("| n | seed | hidden | → | ↔ | districts | largest | node-median district | identified | adj./front door | ID median ms | ID max ms | Effect median ms | Effect max ms |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var n in IdWorkloads.Sizes)
        {
            var idAll = new List<double>();
            var effectAll = new List<double>();
            for (var seed = 1; seed <= seeds; seed++)
            {
                IdWorkload w;
                try
                {
                    w = seed == IdWorkloads.Seed
                        ? IdWorkloads.For(n)
                        : new IdWorkload(IdWorkloads.Graph(n, seed), IdWorkloads.DrawQueries(IdWorkloads.Graph(n, seed), new Random(seed + 1), IdWorkloads.QueriesPerSize));
                }
                catch (InvalidOperationException)
                {
                    Console.WriteLine($"| {n} | {seed} | (too few descendants for {IdWorkloads.QueriesPerSize} queries: skipped) |");
                    continue;
                }
                var g = w.Graph;
                var p = g.Projection;
                var idMs = w.Queries.Select(q => Time(() => Id.Identify(p, q.Outcomes, q.Treatments), msPerQuery)).ToList();
                var effectMs = w.Queries.Select(q => Time(() => Identify.Effect(p, q.Query), msPerQuery)).ToList();
                idAll.AddRange(idMs);
                effectAll.AddRange(effectMs);
                Console.WriteLine($"| {n} | {seed} | {g.Hidden} | {p.DirectedEdges.Count} | {p.BidirectedEdges.Count} | {g.DistrictSizes.Length} | " +
                    $"{g.DistrictSizes[0]} | {g.NodeMedianDistrictSize} | {w.IdentifiedCount}/{w.Queries.Length}{(w.Queries.Any(q => q.Relaxed) ? $" ({w.Queries.Count(q => q.Relaxed)} relaxed)" : "")} | {w.ShortcutCount} | " +
                    $"{IdWorkloads.Median(idMs):F4} | {idMs.Max():F4} | {IdWorkloads.Median(effectMs):F4} | {effectMs.Max():F4} |");
            }
            if (seeds > 1 && idAll.Count > 0)
                Console.WriteLine($"| {n} | all | | | | | | | | | {IdWorkloads.Median(idAll):F4} | {idAll.Max():F4} | {IdWorkloads.Median(effectAll):F4} | {effectAll.Max():F4} |");
        }
    }

    /// <summary>Profiling aid: runs the n-node workload's queries (graph seed <paramref name="seed"/>; only query
    /// <paramref name="index"/> when it is given) in a loop for the given time (raw ID, or <see cref="Identify.Effect"/>
    /// when <paramref name="effect"/>), for a sampling profiler to attach to; prints the wall and process CPU time and
    /// the bytes allocated per query.</summary>
    public static void Loop(int n, double seconds, bool effect, int seed = 1, int? index = null)
    {
        var w = seed == IdWorkloads.Seed
            ? IdWorkloads.For(n)
            : new IdWorkload(IdWorkloads.Graph(n, seed), IdWorkloads.DrawQueries(IdWorkloads.Graph(n, seed), new Random(seed + 1), IdWorkloads.QueriesPerSize));
        var p = w.Graph.Projection;
        var queries = index is { } i ? [w.Queries[i]] : w.Queries;
        foreach (var q in queries) _ = effect ? Identify.Effect(p, q.Query) : Id.Identify(p, q.Outcomes, q.Treatments);
        var bytes0 = GC.GetAllocatedBytesForCurrentThread();
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var total = Stopwatch.StartNew();
        var calls = 0;
        while (total.Elapsed.TotalSeconds < seconds)
            foreach (var q in queries)
            {
                _ = effect ? Identify.Effect(p, q.Query) : Id.Identify(p, q.Outcomes, q.Treatments);
                calls++;
            }
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds;
        Console.WriteLine($"{calls} queries in {total.Elapsed.TotalSeconds:F1} s: {1000 * total.Elapsed.TotalSeconds / calls:F3} ms per query " +
            $"(process CPU time {cpu / calls:F3} ms per query; {(GC.GetAllocatedBytesForCurrentThread() - bytes0) / 1024.0 / calls:F1} KB allocated per query)");
    }

    /// <summary>Regression aid: writes every result (estimand text, derivation, hedge with its forests) of raw ID on
    /// the workload queries of sizes 10–200 and graph seeds 1 … seeds, of IDC with one extra condition per query
    /// (a non-descendant of the treatments when there is one), and of <see cref="Identify.Effect"/> on sizes up to
    /// <paramref name="maxEffectSize"/>,
    /// so that two builds can be compared with <c>diff</c>.</summary>
    public static void Dump(int seeds, int maxEffectSize = 50)
    {
        static string Show(IdentificationResult r) => r switch
        {
            Identified i => $"identified: {i.Estimand.ToText()}\n{i.Derivation}",
            NotIdentified h => $"not identified: {h.Hedge}; edges {string.Join(" ", h.Hedge.ForestEdges)}; prime {string.Join(" ", h.Hedge.PrimeForestEdges)}\n{h.Derivation}",
            _ => r.ToString(),
        };
        foreach (var n in IdWorkloads.Sizes)
            for (var seed = 1; seed <= seeds; seed++)
            {
                IdQuery[] queries;
                try { queries = IdWorkloads.DrawQueries(IdWorkloads.Graph(n, seed), new Random(seed + 1), IdWorkloads.QueriesPerSize); }
                catch (InvalidOperationException) { continue; }
                var p = IdWorkloads.Graph(n, seed).Projection;
                var rng = new Random(seed + 7);
                foreach (var q in queries)
                {
                    Console.WriteLine($"== n={n} seed={seed} {q.Query}");
                    Console.WriteLine(Show(Id.Identify(p, q.Outcomes, q.Treatments)));
                    var nonDescendants = p.Nodes.Except(p.Descendants(q.Treatments)).Except(q.Outcomes).ToArray();
                    var others = nonDescendants.Length > 0 ? nonDescendants : p.Nodes.Except(q.Treatments).Except(q.Outcomes).ToArray();
                    if (others.Length > 0)
                    {
                        var z = others[rng.Next(others.Length)];
                        Console.WriteLine($"-- IDC given {z}");
                        Console.WriteLine(Show(Idc.Identify(p, q.Outcomes, q.Treatments, [z])));
                    }
                    if (n <= maxEffectSize)
                    {
                        Console.WriteLine("-- Effect");
                        Console.WriteLine(Show(Identify.Effect(p, q.Query)));
                    }
                }
            }
    }

    /// <summary>Lists the queries of the workloads (graph seed <paramref name="seed"/>; 1 is the benchmark's) with
    /// their verdicts, |An(Y)|, the number of derivation steps, what answers <see cref="Identify.Effect"/>, and the
    /// Stopwatch median of each (repeated for at least 20 ms).</summary>
    public static void List(int seed)
    {
        foreach (var n in IdWorkloads.Sizes)
        {
            IdWorkload w;
            try
            {
                w = seed == IdWorkloads.Seed
                    ? IdWorkloads.For(n)
                    : new IdWorkload(IdWorkloads.Graph(n, seed), IdWorkloads.DrawQueries(IdWorkloads.Graph(n, seed), new Random(seed + 1), IdWorkloads.QueriesPerSize));
            }
            catch (InvalidOperationException) { continue; }
            var p = w.Graph.Projection;
            Console.WriteLine($"n = {n}, seed {seed}:");
            foreach (var q in w.Queries)
            {
                var id = Id.Identify(p, q.Outcomes, q.Treatments);
                var effect = Identify.Effect(p, q.Query);
                var an = p.Ancestors([.. q.Outcomes]).Count;
                var idMs = Time(() => Id.Identify(p, q.Outcomes, q.Treatments), 20);
                var effectMs = Time(() => Identify.Effect(p, q.Query), 20);
                Console.WriteLine($"  {q.Query}{(q.Relaxed ? " (relaxed)" : "")}: |An(Y)| = {an}, ID {(id is Identified ? "identified" : "not identified")} " +
                    $"({id.Derivation.Steps.Count} steps, {idMs:F3} ms), Effect by {effect.Derivation.Steps[0].Algorithm} ({effectMs:F3} ms)");
            }
        }
    }

    /// <summary>Median time of <paramref name="action"/> in ms: one warm-up call, then repeats for at least
    /// <paramref name="minMs"/> ms.</summary>
    private static double Time(Func<object> action, double minMs)
    {
        action();
        var reps = new List<double>();
        var total = Stopwatch.StartNew();
        do
        {
            var sw = Stopwatch.StartNew();
            action();
            reps.Add(sw.Elapsed.TotalMilliseconds);
        } while (total.Elapsed.TotalMilliseconds < minMs);
        return IdWorkloads.Median(reps);
    }
}
