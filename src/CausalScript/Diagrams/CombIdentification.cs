using System.Collections.Immutable;
using System.Numerics;
using CausalScript.Expressions;
using CausalScript.Graphs;
using CausalScript.Identification;
using CausalScript.Inference;
using CausalScript.Models;

namespace CausalScript.Diagrams;

/// <summary>
/// Where the boxes of a causal diagram sit in its comb shape ω = f[g] (JKZ 2019): the hole g holds the boxes of
/// <see cref="HoleBoxes"/>, whose outputs leaving the hole are <see cref="Hole"/> and whose only inputs from outside
/// are the cut variables (and the context); the comb f holds the other boxes, split into the first tooth (before the
/// hole: the cut variables, their causes, the context) and the second tooth (after it). Bidirected edges of an ADMG
/// appear as hidden boxes named "a↔b". Boxes that cannot affect the cut variables, the outcomes or the context are
/// left out (they are marginalised away: f ; ◊ = ◊).
/// </summary>
/// <param name="Cut">X: the cut (intervened) variables, produced by the first tooth.</param>
/// <param name="Hole">B: the hole's outputs — the observed variables the formula sums over.</param>
/// <param name="Outcomes">Y.</param>
/// <param name="Context">Z: the context (empty for P(y | do(x))).</param>
/// <param name="HoleBoxes">The boxes of g, in topological order: B and the hidden or unused variables whose every
/// effect stays inside the hole.</param>
/// <param name="FirstTooth">The boxes of f before the hole, in topological order.</param>
/// <param name="SecondTooth">The boxes of f after the hole, in topological order.</param>
public sealed record CombWitness(ImmutableArray<string> Cut, ImmutableArray<string> Hole, ImmutableArray<string> Outcomes,
    ImmutableArray<string> Context, ImmutableArray<string> HoleBoxes, ImmutableArray<string> FirstTooth, ImmutableArray<string> SecondTooth)
{
    /// <summary>The boxes of the comb f (both teeth).</summary>
    public IReadOnlyList<string> CombBoxes => [.. FirstTooth, .. SecondTooth];

    /// <summary>"f = {H, S | C}, g = {T}: hole T".</summary>
    public override string ToString() =>
        $"f = {{{string.Join(", ", FirstTooth)} | {string.Join(", ", SecondTooth)}}}, g = {{{string.Join(", ", HoleBoxes)}}}, hole outputs {{{string.Join(", ", Hole)}}}";
}

/// <summary>The answer of <see cref="CombIdentification"/>: computable by comb disintegration, or not.</summary>
public abstract record CombResult
{
    /// <summary>True when a comb witness was found.</summary>
    public bool IsComputable => this is CombComputable;
}

/// <summary>The effect is computable by comb disintegration.</summary>
/// <param name="Estimand">Σ_b P(b | x, z) Σ_x′ P(x′ | z) P(y | x′, b, z) (the front-door formula; P(y | z) when no
/// directed path leads from X to Y).</param>
/// <param name="Witness">Which boxes form f and which form g.</param>
public sealed record CombComputable(Expression Estimand, CombWitness Witness) : CombResult
{
    /// <summary>"Computable by comb: estimand (witness)".</summary>
    public override string ToString() => $"Computable by comb: {Estimand} ({Witness})";
}

/// <summary>No comb witness exists; <paramref name="IdVerdict"/> says whether another route does.</summary>
/// <param name="Reason">Why no hole can satisfy the conditions (the variables and edges involved are named).</param>
/// <param name="IdVerdict">The verdict of <see cref="Identify.Effect"/> on the same query: an estimand (the effect is
/// identifiable, just not by one comb — e.g. the napkin graph) or a hedge (it is not identifiable at all — e.g. the
/// bow arc).</param>
public sealed record CombNotComputable(string Reason, IdentificationResult IdVerdict) : CombResult
{
    /// <summary>"Not computable by comb: reason. ID: verdict".</summary>
    public override string ToString() => $"Not computable by comb: {Reason} ID: {IdVerdict}";
}

/// <summary>
/// Identification by comb disintegration (Jacobs, Kissinger &amp; Zanasi, "Causal Inference by String Diagram
/// Surgery", FoSSaCS 2019, LNCS 11425, and MSCS 31(5), 2021): searches for a way to deform the causal diagram into a
/// comb f[g] such that (1) the cut variables X are produced in f, before the hole; (2) the hole g reads nothing from
/// outside but X (and the context), and only its outputs B leave it — so X and B are not confounded and B's causes are
/// X and boxes private to the hole; (3) every directed path from X to Y passes through B. Then cut_X acts on f alone,
/// and P(y | do(x)) = Σ_b P(b | x) Σ_x′ P(x′) P(y | x′, b), where f and g come from the observed joint by
/// <see cref="Comb.Disintegrate{T}"/>. With a context Z whose causes all lie in Z (conditioning on it equals fixing
/// it), the same argument conditional on z gives Σ_b P(b | x, z) Σ_x′ P(x′ | z) P(y | x′, b, z).
/// </summary>
/// <remarks>
/// <para>The search is complete for these conditions: the hole must contain every child of X that starts a directed
/// path to Y avoiding X, every cause (other than X and Z) of a box in the hole, and every effect of a hidden box in the
/// hole; the least such region either meets X, Y or Z or a cause of X — then no comb exists — or is a witness, whose
/// outputs B are its observed boxes with an effect outside it. Cost O(n + m) on the full DAG (latent nodes explicit,
/// one hidden node per bidirected edge), pruned to the ancestors of X ∪ Y ∪ Z.</para>
/// <para>Soundness: the observed joint factors as ω(x, b, y) = g(b | x)·F(x, y | b) with F the network outside the
/// hole; F is non-signalling because no cut variable descends from the hole, so by uniqueness of comb disintegration
/// (full support of P(X, B)) F and g are the disintegrated f and g; in F, Y does not descend from X (condition 3), so
/// the cut replaces X's output and leaves the rest: F(cut) = u(x) Σ_x′ f(x′, y | b).</para>
/// <para>The paper's body text could not be consulted for this implementation; the conditions follow the design
/// note string-diagrams.md §1.6, and the tests check soundness against surgery on random full models.</para>
/// </remarks>
public static class CombIdentification
{
    /// <summary>Searches for a comb witness for P(y | do(x)) or, with a context, P(y | do(x), z).</summary>
    /// <param name="graph">The causal graph: an ADMG, possibly with latent nodes (kept as hidden boxes) — not projected.</param>
    /// <param name="treatments">X, the cut variables (observed).</param>
    /// <param name="outcomes">Y (observed).</param>
    /// <param name="context">Z (observed), or null for none.</param>
    /// <returns>The estimand and the witness, or the reason and ID's verdict.</returns>
    /// <exception cref="UnknownNodeException">A name is not in the graph.</exception>
    /// <exception cref="GraphException">X or Y is empty, the sets overlap, or a variable is latent.</exception>
    public static CombResult Identify(Admg graph, IEnumerable<string> treatments, IEnumerable<string> outcomes, IEnumerable<string>? context = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(treatments);
        ArgumentNullException.ThrowIfNull(outcomes);
        var x = treatments.Distinct().ToArray();
        var y = outcomes.Distinct().ToArray();
        var z = (context ?? []).Distinct().ToArray();
        foreach (var n in x.Concat(y).Concat(z))
        {
            if (!graph.Contains(n)) throw new UnknownNodeException(n, NameSuggestion.Closest(n, graph.Nodes));
            if (graph.Latent.Contains(n)) throw new GraphException($"'{n}' is latent; the comb's variables must be observed.", [n]);
        }
        if (x.Length == 0 || y.Length == 0) throw new GraphException("Identification by comb needs at least one cut variable and one outcome.");
        var overlap = x.Intersect(y).Concat(z.Intersect(x.Concat(y))).Distinct().ToArray();
        if (overlap.Length > 0) throw new GraphException($"{string.Join(", ", overlap.Select(n => $"'{n}'"))} is used twice among the cut variables, outcomes and context.", overlap);

        var dag = new Dag(graph);
        var reason = Search(dag, x, y, z, out var witness);
        if (witness is not null) return new CombComputable(Estimand(witness), witness);
        var query = CausalQuery.P(y).Do(x).Given(z);
        return new CombNotComputable(reason!, Identification.Identify.Effect(graph, query));
    }

    /// <summary>Searches for a comb witness in a model's full causal DAG (latent variables included).</summary>
    /// <param name="model">The model.</param>
    /// <param name="treatments">X.</param>
    /// <param name="outcomes">Y.</param>
    /// <param name="context">Z, or null.</param>
    /// <returns>The estimand and the witness, or the reason and ID's verdict.</returns>
    public static CombResult Identify(Scm model, IEnumerable<Variable> treatments, IEnumerable<Variable> outcomes, IEnumerable<Variable>? context = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Identify(model.FullGraph, Names(treatments), Names(outcomes), context is null ? null : Names(context));
    }

    /// <summary>Searches for a comb witness in a diagram: a state whose boxes each produce one variable (e.g.
    /// <see cref="Diagram.FromModel(Scm)"/>); a box's inputs are its causes, and boxes whose output is not an output
    /// of the diagram are hidden. The witness names each box by the variable it produces.</summary>
    /// <param name="diagram">The network diagram.</param>
    /// <param name="treatments">X (outputs of the diagram).</param>
    /// <param name="outcomes">Y (outputs of the diagram).</param>
    /// <param name="context">Z, or null.</param>
    /// <returns>The estimand and the witness, or the reason and ID's verdict.</returns>
    /// <exception cref="DiagramException">The diagram has inputs, a box has several outputs, or two boxes produce
    /// the same variable.</exception>
    public static CombResult Identify(Diagram diagram, IEnumerable<Variable> treatments, IEnumerable<Variable> outcomes, IEnumerable<Variable>? context = null)
    {
        ArgumentNullException.ThrowIfNull(diagram);
        return Identify(GraphOf(diagram), Names(treatments), Names(outcomes), context is null ? null : Names(context));
    }

    /// <summary>Computes P(Y | do(X)) — or P(Y | do(X), Z) — from an observed joint by comb disintegration with the
    /// witness's hole outputs (<see cref="Comb.Interventional{T}(Channel{T}, IEnumerable{Variable}, IEnumerable{Variable}, IEnumerable{Variable}, IEnumerable{Variable})"/>).</summary>
    /// <typeparam name="T"><c>double</c> or <see cref="Rational"/>.</typeparam>
    /// <param name="observed">The observed joint: a state whose outputs include X, B, Y and Z.</param>
    /// <param name="witness">A witness from <see cref="Identify(Admg, IEnumerable{string}, IEnumerable{string}, IEnumerable{string}?)"/>.</param>
    /// <returns>The channel X ⊗ Z → Y.</returns>
    /// <exception cref="DiagramException">A variable is not an output of the joint, or P(X, B, Z) lacks full support
    /// (each zero entry named).</exception>
    public static Channel<T> Effect<T>(Channel<T> observed, CombWitness witness)
        where T : IAdditionOperators<T, T, T>, IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>,
            IAdditiveIdentity<T, T>, IMultiplicativeIdentity<T, T>, IEqualityOperators<T, T, bool>
    {
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(witness);
        Variable[] V(IEnumerable<string> names) => names.Select(n => observed.Cod.FirstOrDefault(v => v.Name == n)
            ?? throw new DiagramException($"'{n}' is not an output of the observed joint {observed.Signature}.")).ToArray();
        return Comb.Interventional(observed, V(witness.Cut), V(witness.Hole), V(witness.Outcomes), V(witness.Context));
    }

    /// <summary>The front-door-shaped estimand of a witness.</summary>
    private static Expression Estimand(CombWitness w)
    {
        static Symbol[] S(IEnumerable<string> names) => names.Select(n => new Symbol(n)).ToArray();
        var z = S(w.Context);
        if (w.Hole.IsEmpty) return Expression.P(S(w.Outcomes), z);
        var x = S(w.Cut);
        var b = S(w.Hole);
        var primed = x.Select(s => s.Prime()).ToArray();
        var inner = Expression.Sum(primed, Expression.Product(Expression.P(S(w.Outcomes), [.. primed, .. b, .. z]), Expression.P(primed, z)));
        return Expression.Sum(b, Expression.Product(Expression.P(b, [.. x, .. z]), inner));
    }

    private enum Why { ChildOfCut, CauseOf, EffectOfHidden }

    /// <summary>The search; returns null and the witness, or the reason.</summary>
    private static string? Search(Dag dag, string[] x, string[] y, string[] z, out CombWitness? witness)
    {
        witness = null;
        var xs = x.ToHashSet();
        var ys = y.ToHashSet();
        var zs = z.ToHashSet();
        // The context must be closed under causes (including hidden ones): then P(· | do(x), z) = P(· | do(x, z)).
        foreach (var n in z)
            foreach (var p in dag.Parents[n].Where(p => !zs.Contains(p)))
                return $"the context variable '{n}' has the cause '{p}' outside the context; the comb's context variant needs a context whose causes all lie in it (conditioning on it is then the same as fixing it).";
        // Only ancestors of X ∪ Y ∪ Z matter for the observed joint and the effect.
        var relevant = dag.Ancestors(x.Concat(y).Concat(z));
        IEnumerable<string> Children(string v) => dag.Children[v].Where(relevant.Contains);
        // Nodes with a directed path to Y that avoids X.
        var reachesY = dag.Ancestors(y, avoid: xs);
        var region = new Dictionary<string, (Why Why, string From)>();
        var queue = new Queue<string>();
        foreach (var c in x.SelectMany(Children).Where(c => !xs.Contains(c) && reachesY.Contains(c)).Distinct())
        {
            region[c] = (Why.ChildOfCut, dag.Parents[c].First(xs.Contains));
            queue.Enqueue(c);
        }
        if (region.Count == 0)
        {
            witness = Witness(dag, relevant, x, y, z, [], []);
            return null;
        }
        while (queue.Count > 0)
        {
            var v = queue.Dequeue();
            string Chain() => Explain(region, v);
            if (ys.Contains(v))
                return region[v].Why == Why.ChildOfCut
                    ? $"'{v}' is a child of the cut variable '{region[v].From}' ({region[v].From} → {v}), so that directed path to the outcome has no mediator that could form the hole; every directed path from the cut variables to the outcomes must pass through the hole."
                    : $"{Chain()}; but '{v}' is an outcome, and the hole may not contain it.";
            if (xs.Contains(v))
                return $"{Chain()}; but '{v}' is a cut variable: the hole and the cut variables are confounded, so the hole is not a mechanism of the cut variables alone.";
            if (zs.Contains(v))
                return $"{Chain()}; but '{v}' is a context variable, which must feed the comb from outside.";
            foreach (var p in dag.Parents[v])
                if (!xs.Contains(p) && !zs.Contains(p) && region.TryAdd(p, (Why.CauseOf, v))) queue.Enqueue(p);
            if (dag.Hidden.Contains(v))
                foreach (var c in Children(v))
                    if (region.TryAdd(c, (Why.EffectOfHidden, v))) queue.Enqueue(c);
        }
        // The cut variables must be produced before the hole.
        var below = dag.Descendants(region.Keys);
        foreach (var n in x.Where(below.Contains))
        {
            var source = region.Keys.First(r => dag.Descendants([r]).Contains(n));
            return $"{Explain(region, source)}; but the hole box '{source}' is a cause of the cut variable '{n}', which must be produced before the hole.";
        }
        var hole = dag.Order.Where(n => region.ContainsKey(n) && !dag.Hidden.Contains(n) && Children(n).Any(c => !region.ContainsKey(c))).ToArray();
        // Condition (3) holds by construction; check it anyway: no directed path from X to Y avoids the hole.
        if (x.SelectMany(Children).Where(c => !xs.Contains(c) && !hole.Contains(c)).Any(dag.Ancestors(y, avoid: [.. xs, .. hole]).Contains))
            throw new InvalidOperationException("Comb search: a directed path from the cut variables to the outcomes avoids the hole.");
        witness = Witness(dag, relevant, x, y, z, hole, region.Keys.ToHashSet());
        return null;
    }

    private static CombWitness Witness(Dag dag, HashSet<string> relevant, string[] x, string[] y, string[] z, string[] hole, HashSet<string> region)
    {
        HashSet<string> after = region.Count == 0 ? [] : dag.Descendants(region);
        var order = dag.Order.Where(relevant.Contains).ToArray();
        return new CombWitness([.. x], [.. hole], [.. y], [.. z],
            [.. order.Where(region.Contains)],
            [.. order.Where(n => !region.Contains(n) && !after.Contains(n))],
            [.. order.Where(n => !region.Contains(n) && after.Contains(n))]);
    }

    /// <summary>Why a node had to join the hole, back to the child of a cut variable that started it.</summary>
    private static string Explain(Dictionary<string, (Why Why, string From)> region, string node)
    {
        var steps = new List<string>();
        for (var v = node; ; v = region[v].From)
        {
            var (why, from) = region[v];
            steps.Add(why switch
            {
                Why.ChildOfCut => $"{from} → {v} starts a directed path to the outcomes, so '{v}' must be in the hole",
                Why.CauseOf => $"'{v}' causes the hole box '{from}' and is not a cut variable, so it must be in the hole too",
                _ => $"the hidden box '{from}' in the hole also causes '{v}', so '{v}' must be in the hole too",
            });
            if (why == Why.ChildOfCut) break;
        }
        steps.Reverse();
        return string.Join("; ", steps);
    }

    private static string[] Names(IEnumerable<Variable> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return variables.Select(v => v.Name).ToArray();
    }

    /// <summary>The causal DAG of a network diagram: one node per box (named by its output), hidden when its output
    /// is not an output of the diagram.</summary>
    private static Admg GraphOf(Diagram diagram)
    {
        if (diagram.DomWires.Length > 0)
            throw new DiagramException($"Identification by comb needs a state (a diagram without inputs); this diagram is {diagram.Signature}.");
        var producer = new Dictionary<int, string>();
        var builder = Admg.CreateBuilder();
        foreach (var node in diagram.Nodes)
        {
            if (node.Outputs.Length != 1)
                throw new DiagramException($"Box '{node.Box.Name}' has {node.Outputs.Length} outputs; identification by comb reads a causal DAG from boxes with one output each.");
            var name = diagram.Wires[node.Outputs[0]].Name;
            if (producer.ContainsValue(name)) throw new DiagramException($"Two boxes produce '{name}'; rename one.");
            producer[node.Outputs[0]] = name;
            builder.Node(name);
            foreach (var w in node.Inputs) builder.Edge(producer[w], name);
        }
        var shown = diagram.CodWires.ToHashSet();
        builder.Latent(producer.Where(p => !shown.Contains(p.Key)).Select(p => p.Value));
        return builder.Build();
    }

    /// <summary>The full DAG: latent nodes hidden, one hidden node "a↔b" per bidirected edge.</summary>
    private sealed class Dag
    {
        public Dag(Admg graph)
        {
            foreach (var n in graph.Nodes)
            {
                Parents[n] = [.. graph.Parents([n])];
                Children[n] = [.. graph.Children([n])];
            }
            Hidden.UnionWith(graph.Latent);
            var order = graph.TopologicalOrder.ToList();
            foreach (var e in graph.BidirectedEdges)
            {
                var name = $"{e.From}↔{e.To}";
                while (Parents.ContainsKey(name)) name += "'";
                Parents[name] = [];
                Children[name] = [e.From, e.To];
                Parents[e.From].Add(name);
                Parents[e.To].Add(name);
                Hidden.Add(name);
                order.Insert(0, name);
            }
            Order = [.. order];
        }

        public Dictionary<string, List<string>> Parents { get; } = [];

        public Dictionary<string, List<string>> Children { get; } = [];

        public HashSet<string> Hidden { get; } = [];

        public string[] Order { get; }

        /// <summary>The nodes with a directed path into the start set (the start set included) that enters no node of
        /// <paramref name="avoid"/>.</summary>
        public HashSet<string> Ancestors(IEnumerable<string> start, IEnumerable<string>? avoid = null) => Walk(start, Parents, avoid);

        public HashSet<string> Descendants(IEnumerable<string> start) => Walk(start, Children, null);

        private static HashSet<string> Walk(IEnumerable<string> start, Dictionary<string, List<string>> next, IEnumerable<string>? avoid)
        {
            var blocked = (avoid ?? []).ToHashSet();
            var seen = start.Where(s => !blocked.Contains(s)).ToHashSet();
            var stack = new Stack<string>(seen);
            while (stack.Count > 0)
                foreach (var m in next[stack.Pop()])
                    if (!blocked.Contains(m) && seen.Add(m)) stack.Push(m);
            return seen;
        }
    }
}
