using CausalScript.Graphs;

namespace CausalScript.Benchmarks;

/// <summary>A generated DAG with its nodes listed in the topological order the generator used.</summary>
/// <param name="Graph">The graph.</param>
/// <param name="Order">Node names in generation (topological) order: every parent comes before its children.</param>
/// <param name="EdgeCount">Number of directed edges.</param>
public sealed record GeneratedDag(Admg Graph, string[] Order, int EdgeCount)
{
    /// <summary>Mean total degree (in + out), 2m / n.</summary>
    public double MeanDegree => 2.0 * EdgeCount / Order.Length;
}

/// <summary>
/// Seeded random DAGs for the benchmarks. Deterministic: <c>new Random(seed)</c> uses the seeded legacy algorithm,
/// which is stable across .NET versions and platforms.
/// </summary>
/// <remarks>
/// Model: draw a random topological order v_0 … v_{n-1}. Node v_i (i ≥ 1) gets k_i parents, k_i ~ Poisson(d / 2)
/// capped at i, drawn uniformly without replacement from v_0 … v_{i-1}; so the expected total degree is ≈ d.
/// Nodes are declared to the builder in a second, independent random order, so node ids are not topologically sorted.
/// Node names are <c>v{position in the topological order}</c>.
/// </remarks>
public static class RandomDag
{
    /// <summary>Generates a random DAG.</summary>
    /// <param name="n">Number of nodes.</param>
    /// <param name="expectedDegree">Expected total degree d (expected parents per node d / 2).</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The graph and its generation order.</returns>
    public static GeneratedDag Generate(int n, double expectedDegree, int seed)
    {
        var rng = new Random(seed);
        var order = new string[n];
        for (var i = 0; i < n; i++) order[i] = "v" + i;

        var declared = (string[])order.Clone();
        Shuffle(rng, declared);
        var b = Admg.CreateBuilder().Nodes(declared);

        var edges = 0;
        var chosen = new HashSet<int>();
        for (var i = 1; i < n; i++)
        {
            var k = Math.Min(i, Poisson(rng, expectedDegree / 2));
            chosen.Clear();
            while (chosen.Count < k) chosen.Add(rng.Next(i));
            foreach (var p in chosen.Order())
            {
                b.Edge(order[p], order[i]);
                edges++;
            }
        }
        return new GeneratedDag(b.Build(), order, edges);
    }

    private static void Shuffle<T>(Random rng, T[] a)
    {
        for (var i = a.Length - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (a[i], a[j]) = (a[j], a[i]);
        }
    }

    /// <summary>Knuth's multiplication method; fine for the small means used here.</summary>
    private static int Poisson(Random rng, double mean)
    {
        var limit = Math.Exp(-mean);
        var k = 0;
        var p = rng.NextDouble();
        while (p > limit)
        {
            k++;
            p *= rng.NextDouble();
        }
        return k;
    }
}
