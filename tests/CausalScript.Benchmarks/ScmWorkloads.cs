using CausalScript.Models;

namespace CausalScript.Benchmarks;

/// <summary>A discrete network with one conditional query P(Y | evidence) and one interventional query
/// P(Y | do(X = x), evidence).</summary>
/// <param name="Model">The network (every mechanism a CPT).</param>
/// <param name="Y">The query variable.</param>
/// <param name="Evidence">The observed values.</param>
/// <param name="Intervention">The intervention do(X = x) of the interventional query.</param>
/// <param name="EdgeCount">Number of edges.</param>
public sealed record DiscreteWorkload(Scm Model, Variable Y, Assignment[] Evidence, Assignment Intervention, int EdgeCount)
{
    /// <summary>|An(Y ∪ E)|: the variables exact inference keeps after pruning barren ones.</summary>
    public int RelevantCount => Model.FullGraph.Ancestors(Evidence.Select(a => a.Variable.Name).Append(Y.Name)).Count;

    /// <summary>The same, in the intervened model (the intervened variable loses its parents).</summary>
    public int RelevantCountUnderDo =>
        Model.Do(Intervention).FullGraph.Ancestors(Evidence.Select(a => a.Variable.Name).Append(Y.Name)).Count;

    /// <summary>One line for the "Result" column and <c>--describe</c>.</summary>
    public string Description =>
        $"P({Y.Name} | {string.Join(", ", Evidence.Select(a => a.ToString()))}), do({Intervention}); " +
        $"{Model.Variables.Count} vars, {EdgeCount} edges, max {Model.Variables.Max(v => Model.ParentsOf(v).Count)} parents";
}

/// <summary>
/// Seeded structural causal models for the sampling and exact-inference benchmarks (issue 3). Deterministic and
/// cached, like <see cref="Workloads"/>.
/// </summary>
public static class ScmWorkloads
{
    /// <summary>Number of variables of the continuous SCMs.</summary>
    public const int ContinuousNodes = 100;

    /// <summary>Expected total degree of their DAG (<see cref="RandomDag"/>): Poisson(2.5) parents per node.</summary>
    public const double ContinuousDegree = 5.0;

    /// <summary>Seed of their DAG; the coefficients use <c>ContinuousSeed + 1</c>.</summary>
    public const int ContinuousSeed = 1;

    /// <summary>Number of variables of the discrete polytree.</summary>
    public const int DiscreteNodes = 30;

    /// <summary>Seed of the discrete polytree and its tables.</summary>
    public const int DiscreteSeed = 3;

    /// <summary>Largest number of parents of a polytree node.</summary>
    public const int MaxDiscreteParents = 3;

    private static readonly Lazy<Scm> LinearLazy = new(() => BuildContinuous(rff: false));
    private static readonly Lazy<Scm> RffLazy = new(() => BuildContinuous(rff: true));
    private static readonly Lazy<DiscreteWorkload> PolytreeLazy = new(BuildPolytree);

    /// <summary>The DAG of the continuous SCMs.</summary>
    public static GeneratedDag ContinuousDag => Workloads.Graph(ContinuousNodes, ContinuousDegree, ContinuousSeed);

    /// <summary>
    /// The 100-variable linear-Gaussian SCM: v := Σ w·pa + N(0, 1) with w = ±U(0.5, 1)/√|pa| (random sign), so the
    /// variances stay of order 1 along long paths. Roots are N(0, 1) (a linear mechanism with no parents).
    /// </summary>
    public static Scm LinearGaussian => LinearLazy.Value;

    /// <summary>The 100-variable random-Fourier-feature SCM on the same DAG: v := RFF[32](pa) + N(0, 0.5²) with
    /// length scale 1, scale 1, and seed = position in the topological order; roots are N(0, 1).</summary>
    public static Scm RandomFourier => RffLazy.Value;

    /// <summary>The 30-node discrete polytree (see <see cref="BuildPolytree"/>).</summary>
    public static DiscreteWorkload Polytree => PolytreeLazy.Value;

    private static Scm BuildContinuous(bool rff)
    {
        var dag = ContinuousDag;
        var position = dag.Order.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i);
        var variables = dag.Order.Select(Variable.Real).ToArray();
        var rng = new Random(ContinuousSeed + 1);
        var b = Scm.Create(rff ? "rff-100" : "linear-gaussian-100");
        for (var i = 0; i < variables.Length; i++)
        {
            var parents = dag.Graph.Parents(dag.Order[i]).Select(p => position[p]).Order().Select(p => variables[p]).ToArray();
            Mechanism m;
            if (!rff || parents.Length == 0)
            {
                var norm = Math.Sqrt(Math.Max(1, parents.Length));
                var weights = parents.Select(p => (p, (rng.Next(2) == 0 ? -1 : 1) * (0.5 + 0.5 * rng.NextDouble()) / norm)).ToArray();
                m = Mechanism.Linear(0, weights, Noise.Normal(0, 1));
            }
            else m = Mechanism.RandomFourierFeatures(parents, Noise.Normal(0, 0.5), features: 32, lengthScale: 1, scale: 1, seed: i);
            b.Node(variables[i], m);
        }
        return b.Build();
    }

    /// <summary>
    /// A random polytree (a DAG whose skeleton is a tree, so its treewidth is 1 and variable elimination stays
    /// linear): node i ≥ 1 is joined to a uniform earlier node j, as i → j or j → i with probability ½ each (always
    /// j → i once j has <see cref="MaxDiscreteParents"/> parents). Each node is binary or ternary (probability ½),
    /// named x0 … x29; each CPT row is uniform random numbers normalised to sum 1. Queries: Y = the sink with the
    /// most ancestors; evidence = the next three sinks by ancestor count, each observed at value 0; intervention =
    /// do(X = 1) for the proper ancestor X of Y with the most ancestors of its own (ties by name).
    /// </summary>
    private static DiscreteWorkload BuildPolytree()
    {
        const int n = DiscreteNodes;
        var rng = new Random(DiscreteSeed);
        var variables = new Variable[n];
        for (var i = 0; i < n; i++) variables[i] = Variable.Range("x" + i, 0, rng.Next(2) == 0 ? 1 : 2);
        var parents = Enumerable.Range(0, n).Select(_ => new List<int>()).ToArray();
        for (var i = 1; i < n; i++)
        {
            var j = rng.Next(i);
            if (rng.Next(2) == 0 && parents[j].Count < MaxDiscreteParents) parents[j].Add(i);
            else parents[i].Add(j);
        }
        var b = Scm.Create("polytree-30");
        for (var i = 0; i < n; i++)
        {
            var pa = parents[i].Order().Select(p => variables[p]).ToArray();
            var configs = pa.Aggregate(1, (acc, p) => acc * p.Size);
            var size = variables[i].Size;
            var table = new double[configs * size];
            for (var c = 0; c < configs; c++)
            {
                var sum = 0.0;
                for (var k = 0; k < size; k++) sum += table[c * size + k] = 0.05 + rng.NextDouble();
                for (var k = 0; k < size; k++) table[c * size + k] /= sum;
            }
            b.Node(variables[i], Mechanism.Cpt(pa, table));
        }
        var model = b.Build();
        var g = model.FullGraph;
        var sinks = variables.Where(v => g.Children(v.Name).Count == 0)
            .OrderByDescending(v => g.Ancestors(v.Name).Count).ThenBy(v => v.Name, StringComparer.Ordinal).ToArray();
        var y = sinks[0];
        var evidence = sinks.Skip(1).Take(3).Select(v => v.Is(0)).ToArray();
        var x = variables.Where(v => !v.Equals(y) && g.Ancestors(y.Name).Contains(v.Name))
            .OrderByDescending(v => g.Ancestors(v.Name).Count).ThenBy(v => v.Name, StringComparer.Ordinal).First();
        return new DiscreteWorkload(model, y, evidence, x.Is(1), parents.Sum(p => p.Count));
    }
}
