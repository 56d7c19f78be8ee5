using CausalScript.Graphs;

namespace CausalScript.Models;

/// <summary>
/// The parallel-worlds network of a model (Avin, Shpitser &amp; Pearl 2005; the twin network of Balke &amp; Pearl
/// 1994 when there are two worlds): one copy of the model per intervention, all sharing the exogenous noise. The copy
/// of Y in a world is named by the intervened variables that reach it, <c>Y[X=x]</c> (plain <c>Y</c> when none does),
/// so a variable unaffected by an intervention is the factual one, worlds that agree on Y's intervened ancestors share
/// Y's copy, and the network has no redundant nodes (Shpitser &amp; Pearl 2007, Lemma 24, for the merges that need
/// only the graph). Node names match <see cref="Graphs.Admg.ParallelWorlds"/>.
/// </summary>
public sealed class ParallelWorlds
{
    private readonly Dictionary<(Variable Original, int World), Variable> _copy = [];
    private readonly List<Node> _nodes = [];

    /// <summary>A node of the network: a copy of a model variable in one world.</summary>
    /// <param name="Copy">The copy (the factual variable when it is shared by all worlds).</param>
    /// <param name="Original">The model variable it copies.</param>
    /// <param name="Parents">The copies it reads.</param>
    /// <param name="Mechanism">The model's mechanism, or a constant where the world intervenes.</param>
    /// <param name="Intervened">True where the world sets the variable.</param>
    public sealed record Node(Variable Copy, Variable Original, IReadOnlyList<Variable> Parents, Mechanism Mechanism, bool Intervened);

    /// <summary>Builds the network of <paramref name="model"/> for the given worlds (the factual world, with no
    /// intervention, is always included).</summary>
    /// <param name="model">The model.</param>
    /// <param name="worlds">Each world's intervention (hard assignments).</param>
    /// <returns>The network.</returns>
    public static ParallelWorlds Build(Scm model, IEnumerable<IEnumerable<Assignment>> worlds)
    {
        ArgumentNullException.ThrowIfNull(model);
        var list = new List<Assignment[]> { Array.Empty<Assignment>() };
        foreach (var w in worlds)
        {
            var sorted = w.Select(a => { model.Require(a.Variable); return a; }).OrderBy(a => a.Variable.Name, StringComparer.Ordinal).ToArray();
            if (!list.Any(x => x.SequenceEqual(sorted))) list.Add(sorted);
        }
        return new ParallelWorlds(model, list);
    }

    private ParallelWorlds(Scm model, List<Assignment[]> worlds)
    {
        Model = model;
        Worlds = worlds;
        var named = new HashSet<string>(StringComparer.Ordinal);
        for (var w = 0; w < worlds.Count; w++)
        {
            var intervention = worlds[w];
            // reach[v]: the intervened variables (with values) that v depends on in this world; they name v's copy,
            // so worlds that agree on them share the copy (and the factual world shares every unaffected variable).
            var reach = new Dictionary<Variable, Assignment[]>();
            foreach (var v in model.TopologicalOrder)
            {
                var isSet = intervention.Any(a => a.Variable.Equals(v));
                var own = isSet
                    ? intervention.Where(a => a.Variable.Equals(v)).ToArray()
                    : model.ParentsOf(v).SelectMany(p => reach[p]).DistinctBy(a => a.Variable.Name).OrderBy(a => a.Variable.Name, StringComparer.Ordinal).ToArray();
                reach[v] = own;
                var copy = own.Length == 0 ? v : v.Under(own);
                _copy[(v, w)] = copy;
                if (!named.Add(copy.Name)) continue;
                _nodes.Add(isSet
                    ? new Node(copy, v, [], Mechanism.Constant(own[0].Value), true)
                    : new Node(copy, v, model.ParentsOf(v).Select(p => _copy[(p, w)]).ToArray(), model.MechanismOf(v), false));
            }
        }
        var builder = Admg.CreateBuilder().Nodes(_nodes.Select(n => n.Copy.Name));
        foreach (var n in _nodes)
            foreach (var p in n.Parents) builder.Edge(p.Name, n.Copy.Name);
        builder.Latent(_nodes.Where(n => model.IsLatent(n.Original)).Select(n => n.Copy.Name));
        FullGraph = builder.Build();
    }

    /// <summary>The model.</summary>
    public Scm Model { get; }

    /// <summary>The worlds' interventions; world 0 is the factual one.</summary>
    public IReadOnlyList<IReadOnlyList<Assignment>> Worlds { get; }

    /// <summary>The nodes in a topological order.</summary>
    public IReadOnlyList<Node> Nodes => _nodes;

    /// <summary>The DAG over all copies (latent ones flagged). Copies of one variable share its noise, which this
    /// DAG leaves implicit; <see cref="Graph"/> makes it explicit.</summary>
    public Admg FullGraph { get; }

    /// <summary>The ADMG over the observed copies: the latent projection of <see cref="FullGraph"/>, plus a
    /// bidirected edge between any two copies of the same variable that are not set by an intervention (their
    /// shared noise U_V).</summary>
    public Admg Graph
    {
        get
        {
            var projected = FullGraph.ProjectLatents();
            var builder = Admg.CreateBuilder().Nodes(projected.Nodes);
            foreach (var e in projected.DirectedEdges) builder.Edge(e.From, e.To);
            foreach (var e in projected.BidirectedEdges) builder.Bidirected(e.From, e.To);
            var observed = _nodes.Where(n => !n.Intervened && !Model.IsLatent(n.Original) && n.Mechanism.HasNoise).GroupBy(n => n.Original);
            foreach (var group in observed)
            {
                var copies = group.Select(n => n.Copy.Name).ToArray();
                for (var i = 0; i < copies.Length; i++)
                    for (var j = i + 1; j < copies.Length; j++)
                        if (!projected.Spouses(copies[i]).Contains(copies[j])) builder.Bidirected(copies[i], copies[j]);
            }
            return builder.Build();
        }
    }

    /// <summary>The copy of <paramref name="variable"/> in the world of <paramref name="intervention"/>: the
    /// factual variable itself when the intervention does not affect it.</summary>
    /// <param name="variable">A model variable.</param>
    /// <param name="intervention">One of the worlds' interventions.</param>
    public Variable CopyOf(Variable variable, IEnumerable<Assignment> intervention)
    {
        var sorted = intervention.OrderBy(a => a.Variable.Name, StringComparer.Ordinal).ToArray();
        var w = Worlds.Select((x, i) => (x, i)).FirstOrDefault(t => t.x.SequenceEqual(sorted), (Array.Empty<Assignment>(), -1)).Item2;
        if (w < 0) throw new ModelException($"No world of this network has the intervention ({string.Join(", ", sorted)}).");
        return _copy[(Model.Require(variable), w)];
    }

    /// <summary>The copy that stands for a (possibly counterfactual) variable <c>Y</c> or <c>Y.Under(x)</c>.</summary>
    /// <param name="variable">A model variable or a counterfactual variable.</param>
    public Variable Resolve(Variable variable) =>
        variable.Base is { } b ? CopyOf(b, variable.Intervention) : CopyOf(variable, []);
}
