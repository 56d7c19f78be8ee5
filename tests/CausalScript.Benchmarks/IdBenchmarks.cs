using BenchmarkDotNet.Attributes;
using CausalScript.Graphs;
using CausalScript.Identification;

namespace CausalScript.Benchmarks;

/// <summary>Identification of P(y | do(x)) on the latent projections of random DAGs with many hidden nodes
/// (<see cref="IdWorkloads"/>): one operation is one query, averaged over the size's
/// <see cref="IdWorkloads.QueriesPerSize"/> queries (each invocation runs them all).</summary>
[Config(typeof(BenchConfig))]
public class IdQueries : IDescribed
{
    /// <summary>Number of observed nodes.</summary>
    [Params(10, 20, 50, 100, 200)] public int N;

    private Admg _g = null!;
    private IdQuery[] _queries = null!;

    /// <summary>Builds the graph (and its projection) and draws the queries.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var w = IdWorkloads.For(N);
        (_g, _queries) = (w.Graph.Projection, w.Queries);
    }

    /// <summary>The ID algorithm alone (<see cref="Id.Identify"/>): the raw estimand or the hedge.</summary>
    /// <returns>How many queries were identified.</returns>
    [Benchmark(OperationsPerInvoke = IdWorkloads.QueriesPerSize)]
    public int RawId()
    {
        var identified = 0;
        foreach (var q in _queries)
            if (Id.Identify(_g, q.Outcomes, q.Treatments) is Identified) identified++;
        return identified;
    }

    /// <summary>The user entry point (<see cref="Identify.Effect"/> with the default options): adjustment, front
    /// door, then ID and the Tikka–Karvanen simplifier.</summary>
    /// <returns>How many queries were identified.</returns>
    [Benchmark(OperationsPerInvoke = IdWorkloads.QueriesPerSize)]
    public int FullEffect()
    {
        var identified = 0;
        foreach (var q in _queries)
            if (Identify.Effect(_g, q.Query) is Identified) identified++;
        return identified;
    }

    /// <inheritdoc />
    public string Describe(string method)
    {
        Setup();
        var w = IdWorkloads.For(N);
        var g = w.Graph;
        var shortcut = method == nameof(FullEffect) ? $", {w.ShortcutCount} by adj./front door" : "";
        return $"{w.IdentifiedCount}/{_queries.Length} identified{shortcut}; largest district {g.DistrictSizes[0]}, " +
            $"node-median {g.NodeMedianDistrictSize}";
    }
}
