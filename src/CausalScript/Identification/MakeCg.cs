using System.Collections.Immutable;
using CausalScript.Expressions;
using CausalScript.Graphs;

namespace CausalScript.Identification;

/// <summary>A node of a counterfactual graph: a copy of a variable, named like <c>Y[X=0]</c> by the constants that
/// reach it (its canonical subscript), or an intervened (constant) copy named <c>X[X=0]</c>.</summary>
/// <param name="Name">The node's name in <see cref="CounterfactualGraph.Graph"/>.</param>
/// <param name="Variable">The variable it copies.</param>
/// <param name="Subscript">Its subscript: the constant nodes that are its ancestors (variable → value label); for a
/// constant, its own assignment.</param>
/// <param name="IsConstant">True for an intervened copy (no parents, a fixed value).</param>
/// <param name="Value">The constant's value, or the value γ′ gives the node; null when γ′ does not mention it.</param>
public sealed record CounterfactualNode(string Name, string Variable, ImmutableSortedDictionary<string, string> Subscript, bool IsConstant, string? Value);

/// <summary>Why make-cg found a conjunction inconsistent: one counterfactual variable with two values.</summary>
/// <param name="Node">The (merged) node, e.g. <c>Z</c> for Z_x merged with Z.</param>
/// <param name="Variable">Its variable.</param>
/// <param name="First">One value label.</param>
/// <param name="Second">The other value label.</param>
public sealed record CounterfactualClash(string Node, string Variable, string First, string Second)
{
    /// <summary>"Z takes both 0 and 1".</summary>
    public override string ToString() => $"{Node} takes both {First} and {Second}";
}

/// <summary>The result of make-cg (Shpitser &amp; Pearl 2008, JMLR; identification-algorithms.md §3.2): the
/// counterfactual graph G′ of a conjunction γ and the conjunction γ′ over its nodes, or INCONSISTENT.</summary>
public sealed class CounterfactualGraph
{
    internal CounterfactualGraph(Admg graph, IReadOnlyList<CounterfactualNode> nodes, IReadOnlyList<string?> eventNodes, CounterfactualClash? clash)
    {
        Graph = graph;
        Nodes = nodes;
        EventNodes = eventNodes;
        Clash = clash;
    }

    /// <summary>G′: the copies that are ancestors of γ′ (constants included, as parentless nodes), with the
    /// directed edges of their worlds and a bidirected edge between copies that share an exogenous term (copies of
    /// one variable; copies of the endpoints of a bidirected edge of G). When <see cref="IsInconsistent"/>, the
    /// graph at the point of the clash, before the restriction to ancestors.</summary>
    public Admg Graph { get; }

    /// <summary>The nodes of <see cref="Graph"/>.</summary>
    public IReadOnlyList<CounterfactualNode> Nodes { get; }

    /// <summary>For each event of the (canonical) input conjunction, in order, the node that stands for it; null for
    /// a tautology X_{X=x} = x, which names a constant.</summary>
    public IReadOnlyList<string?> EventNodes { get; }

    /// <summary>γ′: one event per node that carries a value, with the node's subscript.</summary>
    public IReadOnlyList<CounterfactualEvent> Gamma =>
        Nodes.Where(n => !n.IsConstant && n.Value is not null).Select(n => new CounterfactualEvent(n.Variable, n.Value!, n.Subscript)).ToArray();

    /// <summary>The clash that makes the conjunction inconsistent; null when it is consistent.</summary>
    public CounterfactualClash? Clash { get; }

    /// <summary>True when the conjunction has probability 0 (two values for one counterfactual variable).</summary>
    public bool IsInconsistent => Clash is not null;

    /// <summary>The node with this name.</summary>
    /// <param name="name">A node name.</param>
    public CounterfactualNode this[string name] => Nodes.FirstOrDefault(n => n.Name == name) ?? throw new UnknownNodeException(name, NameSuggestion.Closest(name, Nodes.Select(n => n.Name)));

    /// <summary>"INCONSISTENT (…)" or the graph.</summary>
    public override string ToString() => IsInconsistent ? $"INCONSISTENT ({Clash})" : Graph.ToString();
}

/// <summary>
/// make-cg (Shpitser &amp; Pearl 2008, JMLR, "Complete identification methods for the causal hierarchy"):
/// the counterfactual graph of a conjunction of counterfactual events. The parallel-worlds graph of the events'
/// subscripts is built with canonical copies (a copy is named by the intervened nodes that reach it, as
/// <see cref="Admg.ParallelWorlds"/> does), then copies of one variable are merged in topological order whenever
/// Lemma 24 shows they are the same random variable given γ: every parent is the same node or has the same value
/// (constant or observed in γ). Of two parents with the same value the merged node keeps the observed (non-constant)
/// one, so that P(y_x, x) becomes P(x, y) in the bow graph (identification-algorithms.md §3.2, lines 183–186).
/// Two values on merged copies make γ inconsistent.
/// </summary>
public static class MakeCg
{
    /// <summary>Runs make-cg on the canonical form of γ.</summary>
    /// <param name="graph">The causal ADMG (latent nodes are projected away).</param>
    /// <param name="gamma">The conjunction γ.</param>
    /// <returns>G′ and γ′, or INCONSISTENT.</returns>
    /// <exception cref="UnknownNodeException">An event names a variable that is not in the graph.</exception>
    public static CounterfactualGraph Build(Admg graph, IEnumerable<CounterfactualEvent> gamma)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(gamma);
        var g = CfQuery.Observed(graph);
        var events = gamma.ToList();
        var symbols = new ValueSymbols(events);
        var canonical = CfQuery.ToSymbols(g, events.Select(e => e.Canonical(g)), symbols);
        var cg = Cg.Build(g, canonical, symbols.Contains, s => CfQuery.Label(symbols, s));
        return cg.ToPublic(s => CfQuery.Label(symbols, s));
    }
}

/// <summary>A node of the working counterfactual graph.</summary>
internal sealed class CgNode(int id, string variable, bool isConstant, Symbol? value, ImmutableSortedSet<Symbol> world)
{
    /// <summary>The canonical subscript of the copy as created (its world's interventions that reach it); a merge
    /// keeps the survivor's.</summary>
    public ImmutableSortedSet<Symbol> World { get; } = world;

    public int Id { get; } = id;

    public string Variable { get; } = variable;

    public bool IsConstant { get; } = isConstant;

    /// <summary>The constant's value or the γ′ value (null: not mentioned).</summary>
    public Symbol? Value { get; set; } = value;

    /// <summary>True if an event of γ′ sits on this node.</summary>
    public bool InGamma { get; set; }

    /// <summary>Parent variable of G → the copy this node reads (empty for constants).</summary>
    public Dictionary<string, CgNode> Parents { get; } = new(StringComparer.Ordinal);

    public override string ToString() => $"#{Id} {Variable}";
}

/// <summary>The working counterfactual graph over symbols: make-cg proper (identification-algorithms.md §3.2).</summary>
internal sealed class Cg
{
    private readonly Admg _g;
    private readonly Func<Symbol, string> _label;
    private readonly Dictionary<CgNode, ImmutableSortedSet<Symbol>> _sub = [];
    private Dictionary<CgNode, string>? _names;

    private Cg(Admg g, List<CgNode> nodes, CgNode?[] eventNodes, Func<Symbol, string> label)
    {
        _g = g;
        Nodes = nodes;
        EventNodes = eventNodes;
        _label = label;
    }

    /// <summary>The nodes (after the merges; restricted to An(γ′) unless inconsistent), in creation order.</summary>
    public List<CgNode> Nodes { get; private set; }

    /// <summary>The node of each input event (null: a tautology on a constant).</summary>
    public CgNode?[] EventNodes { get; }

    /// <summary>The clash (node, two values) when γ is inconsistent.</summary>
    public (CgNode Node, Symbol First, Symbol Second)? Clash { get; private set; }

    public bool Inconsistent => Clash is not null;

    /// <summary>make-cg(G, γ). <paramref name="known"/> tells which symbols are values of the query (distinct
    /// symbols of one variable that are both known are distinct values; a summation index may equal anything).</summary>
    public static Cg Build(Admg g, IReadOnlyList<CfEvent> events, Func<Symbol, bool> known, Func<Symbol, string> label)
    {
        var topo = g.TopologicalOrder;
        // Line 1: one world per distinct subscript; copies are canonical (named by the intervened nodes that reach
        // them), so worlds that agree on a variable's intervened ancestors share its copy.
        var worlds = new List<ImmutableSortedSet<Symbol>>();
        foreach (var e in events)
            if (!worlds.Any(w => w.SetEquals(e.Sub))) worlds.Add(e.Sub);
        var byKey = new Dictionary<string, CgNode>(StringComparer.Ordinal);
        var copyIn = new Dictionary<(int World, string Variable), CgNode>();
        var nodes = new List<CgNode>();
        for (var w = 0; w < worlds.Count; w++)
        {
            var reach = new Dictionary<string, ImmutableSortedSet<Symbol>>(StringComparer.Ordinal);
            foreach (var v in topo)
            {
                Symbol? set = null;
                foreach (var s in worlds[w]) if (s.Variable == v) set = s;
                var r = set is { } c ? [c] : g.Parents(v).Aggregate(ImmutableSortedSet<Symbol>.Empty, (acc, p) => acc.Union(reach[p]));
                reach[v] = r;
                var key = v + "|" + (set is null ? "" : "const|") + string.Join(",", r);
                if (!byKey.TryGetValue(key, out var node))
                {
                    node = new CgNode(nodes.Count, v, set is not null, set, r);
                    if (set is null)
                        foreach (var p in g.Parents(v)) node.Parents[p] = copyIn[(w, p)];
                    byKey[key] = node;
                    nodes.Add(node);
                }
                copyIn[(w, v)] = node;
            }
        }
        var eventNodes = new CgNode?[events.Count];
        var cg = new Cg(g, nodes, eventNodes, label);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var node = copyIn[(worlds.FindIndex(w => w.SetEquals(e.Sub)), e.Variable)];
            if (node.IsConstant)
            {
                // X_{X=x} = x is a tautology; X_{X=x} = x′ is impossible (ID* lines 2–3 remove these first).
                if (node.Value == e.Value) continue;
                cg.Clash = (node, node.Value!.Value, e.Value);
                return cg.Distinct(node.Value!.Value, e.Value, known);
            }
            eventNodes[i] = node;
            node.InGamma = true;
            if (node.Value is { } previous && previous != e.Value)
            {
                cg.Clash = (node, previous, e.Value);
                return cg.Distinct(previous, e.Value, known);
            }
            node.Value = e.Value;
        }
        // Lines 2–3: merge copies of each variable in the topological order of G (worlds interleaved).
        foreach (var v in topo)
        {
            while (true)
            {
                var copies = cg.Nodes.Where(n => n.Variable == v && !n.IsConstant).ToList();
                (CgNode A, CgNode B)? pair = null;
                for (var i = 0; i < copies.Count && pair is null; i++)
                    for (var j = i + 1; j < copies.Count && pair is null; j++)
                        if (Lemma24(copies[i], copies[j])) pair = (copies[i], copies[j]);
                if (pair is not { } p) break;
                if (p.A.Value is { } va && p.B.Value is { } vb && va != vb)
                {
                    cg.Clash = (p.A, va, vb);
                    return cg.Distinct(va, vb, known);
                }
                cg.Merge(p.A, p.B);
            }
        }
        // Line 4: G′[An(γ′)].
        var keep = new HashSet<CgNode>();
        var stack = new Stack<CgNode>(cg.Nodes.Where(n => n.InGamma));
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (!keep.Add(n)) continue;
            foreach (var p in n.Parents.Values) stack.Push(p);
        }
        cg.Nodes = cg.Nodes.Where(keep.Contains).ToList();
        return cg;
    }

    /// <summary>A clash between two symbols is an inconsistency only when both are values of the query; a summation
    /// index could coincide with the other value. The algorithms never compare an index this way (a merge of two
    /// copies whose parents agree in a sub-call already happened in the calling make-cg), so this is an internal
    /// error rather than a silent 0.</summary>
    private Cg Distinct(Symbol a, Symbol b, Func<Symbol, bool> known) =>
        known(a) && known(b) ? this
        : throw new InvalidOperationException($"make-cg compared the values {a} and {b} of '{a.Variable}', one of which is a summation index; please report this query.");

    /// <summary>Lemma 24: for every parent slot, the same node, or two nodes with the same value.</summary>
    private static bool Lemma24(CgNode a, CgNode b)
    {
        foreach (var (slot, pa) in a.Parents)
        {
            var pb = b.Parents[slot];
            if (ReferenceEquals(pa, pb)) continue;
            if (pa.Value is { } va && pb.Value is { } vb && va == vb) continue;
            return false;
        }
        return true;
    }

    /// <summary>Lemma 25: merges b into a. In each parent slot where the two copies read different nodes (with the same
    /// value), the merged node reads the observed one rather than the constant, and of two observed ones the one
    /// with fewer constant ancestors (identification-algorithms.md §3.2, line 178: the copy whose differing parents
    /// are observed survives; the factual copy if present).</summary>
    private void Merge(CgNode a, CgNode b)
    {
        foreach (var slot in a.Parents.Keys.ToList())
        {
            var pa = a.Parents[slot];
            var pb = b.Parents[slot];
            if (ReferenceEquals(pa, pb)) continue;
            var better = pa.IsConstant != pb.IsConstant ? (pa.IsConstant ? pb : pa)
                : Sub(pb).Count < Sub(pa).Count ? pb : pa;
            a.Parents[slot] = better;
        }
        a.InGamma |= b.InGamma;
        a.Value ??= b.Value;
        foreach (var n in Nodes)
            foreach (var slot in n.Parents.Keys.ToList())
                if (ReferenceEquals(n.Parents[slot], b)) n.Parents[slot] = a;
        for (var i = 0; i < EventNodes.Length; i++)
            if (ReferenceEquals(EventNodes[i], b)) EventNodes[i] = a;
        Nodes.Remove(b);
        _sub.Clear();
        _names = null;
    }

    /// <summary>sub(α): the values of the constants that are ancestors of α (its canonical subscript); a constant's is
    /// its own value.</summary>
    public ImmutableSortedSet<Symbol> Sub(CgNode node)
    {
        if (_sub.TryGetValue(node, out var s)) return s;
        s = node.IsConstant ? [node.Value!.Value] : node.Parents.Values.Aggregate(ImmutableSortedSet<Symbol>.Empty, (acc, p) => acc.Union(Sub(p)));
        _sub[node] = s;
        return s;
    }

    /// <summary>True when merges made the node's constant ancestors come from worlds that disagree (two values of one
    /// variable): a copy whose parent was merged with a copy of another world. Its constant ancestors are then no
    /// subscript; ID* line 8 sees the disagreement as a conflict.</summary>
    public bool Mixed(CgNode node) => Sub(node).Select(s => s.Variable).Distinct().Count() < Sub(node).Count;

    /// <summary>The subscript of the node as an event: its constant ancestors, or, for a <see cref="Mixed"/> node, the
    /// canonical subscript of its own copy (the same random variable given γ, by Lemma 25).</summary>
    public ImmutableSortedSet<Symbol> EventSub(CgNode node) => Mixed(node) ? node.World : Sub(node);

    /// <summary>Copy names as <see cref="Admg.ParallelWorlds"/> gives them: <c>Y[X=0]</c>, <c>X[X=0]</c> for a constant.</summary>
    public string Name(CgNode node)
    {
        if (_names is null)
        {
            _names = [];
            var used = new HashSet<string>(StringComparer.Ordinal);
            foreach (var n in Nodes)
            {
                var name = Admg.CopyName(n.Variable, EventSub(n).ToDictionary(s => s.Variable, s => _label(s)));
                var unique = name;
                for (var k = 2; !used.Add(unique); k++) unique = $"{name}#{k}";
                _names[n] = unique;
            }
        }
        return _names[node];
    }

    /// <summary>True when the two non-constant copies share an exogenous term: same variable (U_V) or a bidirected
    /// edge of G between their variables.</summary>
    public bool Confounded(CgNode a, CgNode b) =>
        !a.IsConstant && !b.IsConstant && (a.Variable == b.Variable || _g.HasBidirectedEdge(a.Variable, b.Variable));

    /// <summary>C(G′): the c-components of the non-constant nodes, each in creation order, ordered by their first node.</summary>
    public List<List<CgNode>> Districts()
    {
        var free = Nodes.Where(n => !n.IsConstant).ToList();
        var component = new Dictionary<CgNode, int>();
        var result = new List<List<CgNode>>();
        foreach (var start in free)
        {
            if (component.ContainsKey(start)) continue;
            var members = new List<CgNode>();
            var stack = new Stack<CgNode>([start]);
            component[start] = result.Count;
            while (stack.Count > 0)
            {
                var n = stack.Pop();
                members.Add(n);
                foreach (var m in free)
                    if (!component.ContainsKey(m) && Confounded(n, m))
                    {
                        component[m] = result.Count;
                        stack.Push(m);
                    }
            }
            result.Add(members.OrderBy(n => Nodes.IndexOf(n)).ToList());
        }
        return result;
    }

    /// <summary>G′ as an ADMG over the copy names.</summary>
    public Admg Graph()
    {
        var builder = Admg.CreateBuilder().Nodes(Nodes.Select(Name));
        foreach (var n in Nodes)
            foreach (var p in n.Parents.Values) builder.Edge(Name(p), Name(n));
        for (var i = 0; i < Nodes.Count; i++)
            for (var j = i + 1; j < Nodes.Count; j++)
                if (Confounded(Nodes[i], Nodes[j])) builder.Bidirected(Name(Nodes[i]), Name(Nodes[j]));
        return builder.Build();
    }

    public CounterfactualGraph ToPublic(Func<Symbol, string> label)
    {
        var nodes = Nodes.Select(n => new CounterfactualNode(Name(n), n.Variable,
            EventSub(n).ToImmutableSortedDictionary(s => s.Variable, label, StringComparer.Ordinal), n.IsConstant,
            n.Value is { } v ? label(v) : null)).ToArray();
        var clash = Clash is { } c ? new CounterfactualClash(Name(c.Node), c.Node.Variable, label(c.First), label(c.Second)) : null;
        return new CounterfactualGraph(Graph(), nodes, EventNodes.Select(n => n is null ? null : Name(n)).ToArray(), clash);
    }
}
