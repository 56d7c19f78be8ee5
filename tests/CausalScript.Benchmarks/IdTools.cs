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

    /// <summary>Lists the queries of the benchmark workloads with their verdicts and what answers them.</summary>
    public static void List()
    {
        foreach (var n in IdWorkloads.Sizes)
        {
            var w = IdWorkloads.For(n);
            var p = w.Graph.Projection;
            Console.WriteLine($"n = {n}:");
            foreach (var q in w.Queries)
            {
                var id = Id.Identify(p, q.Outcomes, q.Treatments);
                var effect = Identify.Effect(p, q.Query);
                var an = p.Ancestors([.. q.Outcomes]).Count;
                Console.WriteLine($"  {q.Query}{(q.Relaxed ? " (relaxed)" : "")}: |An(Y)| = {an}, ID {(id is Identified ? "identified" : "not identified")} " +
                    $"({id.Derivation.Steps.Count} steps), Effect by {effect.Derivation.Steps[0].Algorithm}");
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
