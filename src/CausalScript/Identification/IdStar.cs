using System.Collections.Immutable;
using CausalScript.Expressions;
using CausalScript.Graphs;

namespace CausalScript.Identification;

/// <summary>
/// The ID* algorithm (Shpitser &amp; Pearl 2007, UAI, "What counterfactuals can be tested"; 2008, JMLR, "Complete
/// identification methods for the causal hierarchy"; identification-algorithms.md §3.3): identifies the
/// probability P(γ) of a conjunction of counterfactual events from the interventional distributions P_* of a causal
/// graph. Sound and complete: the result is an estimand over atoms P_x(…), the constant 0 for an inconsistent γ,
/// or the line-8 conflict proving that no estimand exists. <see cref="ToObservational"/> then runs ID on every
/// P_x(…) atom to express it in the observational distribution, where possible.
/// </summary>
/// <remarks>
/// <para>Values are symbols: a query's labels become x, x′, … (<see cref="ValueSymbols"/>); distinct symbols of the
/// query are distinct values. Summation indices of line 6 are fresh symbols, which the algorithm never assumes equal
/// to or different from another value except at line 8, where — as in the paper — a different symbol is a
/// different value (so a FAIL may concern the terms of a sum in which the index differs).</para>
/// <para>Details beyond the note's pseudocode, each checked against exact counterfactuals on random models: nodes of
/// G′ that γ′ does not mention get summation indices also when G′ is a single c-component (they are summed out of
/// P_x(var(S)) and count in ev(S)); the line-6 factors subscript each node by its frontier outside S^i, not only by
/// its parents outside S^i; and a composition rewrite (y_{w,d} with D_w = d observed becomes y_w) keeps line 9 from
/// intervening on a variable of S.</para>
/// </remarks>
public static class IdStar
{
    /// <summary>Identifies P(γ) in terms of the interventional distributions.</summary>
    /// <param name="graph">The causal ADMG (latent nodes are projected away).</param>
    /// <param name="gamma">The conjunction γ, e.g. <c>Y[X=1] = 1 ∧ X = 0</c>.</param>
    /// <returns><see cref="Identified"/> with an estimand over atoms P_x(…) (the constant 0 when γ is inconsistent),
    /// or <see cref="CounterfactualNotIdentified"/>; <see cref="IdentificationResult.Values"/> maps its symbols to the
    /// query's labels.</returns>
    /// <exception cref="UnknownNodeException">An event names a variable that is not in the graph.</exception>
    public static IdentificationResult Identify(Admg graph, IEnumerable<CounterfactualEvent> gamma)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(gamma);
        var g = CfQuery.Observed(graph);
        var events = gamma.ToList();
        var symbols = new ValueSymbols(events);
        var run = new CfRun(g, symbols, "ID*");
        var cf = CfQuery.ToSymbols(g, events, symbols);
        try
        {
            var e = run.IdStar(cf, 0);
            return new Identified(Tidy(e), new Derivation(run.Steps)) { Values = symbols };
        }
        catch (CfRun.ConflictFound c)
        {
            return new CounterfactualNotIdentified(c.Conflict, new Derivation(run.Steps)) { Values = symbols };
        }
    }

    /// <summary>Identifies P(γ) from the observational distribution: <see cref="Identify"/>, then
    /// <see cref="ToObservational"/>.</summary>
    /// <param name="graph">The causal ADMG.</param>
    /// <param name="gamma">The conjunction γ.</param>
    /// <returns>An observational estimand, the conflict (not identifiable even from experiments), or the hedge of an
    /// interventional term that ID cannot identify.</returns>
    public static IdentificationResult IdentifyObservational(Admg graph, IEnumerable<CounterfactualEvent> gamma) =>
        ToObservational(graph, Identify(graph, gamma));

    /// <summary>Replaces every interventional atom P_x(a | c) of an identified estimand by its ID (or IDC) estimand
    /// from the observational distribution (identification-algorithms.md §3.3, line 206). If one fails, the result is
    /// <see cref="NotIdentified"/> with that term's hedge (the query is identifiable from experiments but not from
    /// P(v)). Other results are returned unchanged.</summary>
    /// <param name="graph">The causal ADMG.</param>
    /// <param name="result">A result of <see cref="Identify"/> or <see cref="IdcStar.Identify"/>.</param>
    /// <returns>The observational result. Its estimand may have free context symbols that ID left free (line 3);
    /// any value with positive probability gives the same number.</returns>
    public static IdentificationResult ToObservational(Admg graph, IdentificationResult result)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(result);
        if (result is not Identified identified) return result;
        var g = CfQuery.Observed(graph);
        var steps = identified.Derivation.Steps.ToList();
        var cache = new Dictionary<string, IdentificationResult>(StringComparer.Ordinal);
        try
        {
            var estimand = Tidy(CancelCommonFactors(Convert(identified.Estimand, g, steps, cache)));
            return new Identified(estimand, new Derivation(steps)) { Values = result.Values };
        }
        catch (TermNotIdentified t)
        {
            return new NotIdentified(t.Hedge, new Derivation(steps)) { Values = result.Values };
        }
    }

    private sealed class TermNotIdentified(Hedge hedge) : Exception("hedge")
    {
        public Hedge Hedge { get; } = hedge;
    }

    private static Expression Convert(Expression e, Admg g, List<DerivationStep> steps, Dictionary<string, IdentificationResult> cache) => e switch
    {
        ProbabilityTerm { IsObservational: true } => e,
        ProbabilityTerm p => ConvertAtom(p, g, steps, cache),
        SumTerm s => Expression.Sum(s.Indices, Convert(s.Body, g, steps, cache)),
        ProductTerm p => Expression.Product(p.Factors.Select(f => Convert(f, g, steps, cache)).ToList()),
        FractionTerm f => Expression.Fraction(Convert(f.Numerator, g, steps, cache), Convert(f.Denominator, g, steps, cache)),
        _ => e,
    };

    private static Expression ConvertAtom(ProbabilityTerm p, Admg g, List<DerivationStep> steps, Dictionary<string, IdentificationResult> cache)
    {
        string[] Names(IEnumerable<Symbol> s) => s.Select(x => x.Variable).Order(StringComparer.Ordinal).ToArray();
        var (y, x, z) = (Names(p.Outcomes), Names(p.Interventions), Names(p.Conditions));
        var key = $"{string.Join(",", y)}|{string.Join(",", x)}|{string.Join(",", z)}";
        if (!cache.TryGetValue(key, out var r))
        {
            r = z.Length == 0 ? Id.Identify(g, y, x) : Idc.Identify(g, y, x, z);
            cache[key] = r;
            steps.Add(new DerivationStep("ID*", 0, 0, y.ToImmutableSortedSet(StringComparer.Ordinal), x.ToImmutableSortedSet(StringComparer.Ordinal),
                $"observational form of the term {p}{(z.Length == 0 ? "" : $" given {string.Join(", ", z)}")}: {(z.Length == 0 ? "ID" : "IDC")}"));
            steps.AddRange(r.Derivation.Steps.Select(s => s with { Depth = s.Depth + 1 }));
        }
        if (r is not Identified identified) throw new TermNotIdentified(((NotIdentified)r).Hedge);
        var map = p.Outcomes.Concat(p.Interventions).Concat(p.Conditions).ToDictionary(s => new Symbol(s.Variable), s => s);
        return identified.Estimand.Rename(map);
    }

    /// <summary>Cancels factors common to the numerator and denominator of a top-level fraction (valid where the
    /// denominator is positive, which the fraction assumes anyway).</summary>
    internal static Expression CancelCommonFactors(Expression e)
    {
        if (e is not FractionTerm f) return e;
        var numerator = f.Numerator is ProductTerm pn ? pn.Factors.ToList() : [f.Numerator];
        var denominator = f.Denominator is ProductTerm pd ? pd.Factors.ToList() : [f.Denominator];
        foreach (var d in denominator.ToList())
        {
            var i = numerator.FindIndex(n => n.Equals(d));
            if (i < 0) continue;
            numerator.RemoveAt(i);
            denominator.Remove(d);
        }
        return Expression.Fraction(Expression.Product(numerator), Expression.Product(denominator));
    }

    /// <summary>Renames every summation index to the plainest symbol of its variable that is free nowhere in its scope
    /// (w, else w′, …), so fresh line-6 indices print as Σ_w rather than Σ_{w‴}. Alpha-equivalent: the value is
    /// unchanged, and so is canonical equality.</summary>
    internal static Expression Tidy(Expression e) => TidyWalk(e, e.FreeSymbols);

    private static Expression TidyWalk(Expression e, ImmutableSortedSet<Symbol> visible) => e switch
    {
        SumTerm sum => TidySum(sum, visible),
        ProductTerm p => Expression.Product(p.Factors.Select(f => TidyWalk(f, visible)).ToList()),
        FractionTerm f => Expression.Fraction(TidyWalk(f.Numerator, visible), TidyWalk(f.Denominator, visible)),
        _ => e,
    };

    private static Expression TidySum(SumTerm sum, ImmutableSortedSet<Symbol> visible)
    {
        // Two phases (to temporaries, then to the final names) so that permutations of names cannot collide.
        var temps = new Dictionary<Symbol, Symbol>();
        var k = 0;
        foreach (var i in sum.Indices) temps[i] = new Symbol(i.Variable, 1_000_000 + k++);
        var body = sum.Body.Rename(temps);
        var taken = visible.Union(body.FreeSymbols);
        var final = new Dictionary<Symbol, Symbol>();
        foreach (var t in temps.Values)
        {
            var c = new Symbol(t.Variable);
            while (taken.Contains(c)) c = c.Prime();
            taken = taken.Add(c);
            final[t] = c;
        }
        body = body.Rename(final);
        return Expression.Sum(final.Values, TidyWalk(body, visible.Union(final.Values)));
    }
}

/// <summary>One run of ID* / IDC*: the graph, the query's symbols, fresh summation indices and the derivation.</summary>
internal sealed class CfRun
{
    private readonly ValueSymbols _symbols;
    private readonly string _algorithm;
    private readonly Dictionary<string, int> _nextPrime = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NodeSet> _ancestors = new(StringComparer.Ordinal);

    public CfRun(Admg g, ValueSymbols symbols, string algorithm)
    {
        G = g;
        _symbols = symbols;
        _algorithm = algorithm;
        foreach (var s in symbols.Labels.Keys)
            _nextPrime[s.Variable] = Math.Max(_nextPrime.GetValueOrDefault(s.Variable), s.Primes + 1);
    }

    public Admg G { get; }

    public List<DerivationStep> Steps { get; } = [];

    /// <summary>The failure at ID* line 8.</summary>
    public sealed class ConflictFound(CounterfactualConflict conflict) : Exception("conflict")
    {
        public CounterfactualConflict Conflict { get; } = conflict;
    }

    /// <summary>IDC* line 1.</summary>
    public sealed class UndefinedFound() : Exception("undefined");

    public bool Known(Symbol s) => _symbols.Contains(s);

    /// <summary>Runs ID* on the side: its steps are returned rather than recorded; null (with the conflict) on FAIL.</summary>
    public (Expression? Result, ConflictFound? Failure, List<DerivationStep> Steps) Capture(IEnumerable<CfEvent> events, int depth)
    {
        var before = Steps.Count;
        try
        {
            var e = IdStar(events, depth);
            return (e, null, Take(before));
        }
        catch (ConflictFound c)
        {
            return (null, c, Take(before));
        }
        List<DerivationStep> Take(int from)
        {
            var taken = Steps.GetRange(from, Steps.Count - from);
            Steps.RemoveRange(from, Steps.Count - from);
            return taken;
        }
    }

    public string Label(Symbol s) => CfQuery.Label(_symbols, s);

    /// <summary>A fresh summation index for the variable.</summary>
    public Symbol Fresh(string variable)
    {
        var k = _nextPrime.GetValueOrDefault(variable);
        _nextPrime[variable] = k + 1;
        return new Symbol(variable, k);
    }

    public void Note(string algorithm, int line, int depth, IEnumerable<CfEvent> events, string note) =>
        Steps.Add(new DerivationStep(algorithm, line, depth, events.Select(e => e.ToString()).ToImmutableSortedSet(StringComparer.Ordinal), [], note));

    public static string Show(IEnumerable<CfEvent> events) => string.Join(" ∧ ", events.Select(e => e.ToString()));

    /// <summary>Canonical subscripts (identification-algorithms.md §3.1, line 163): Y_w → Y_{w ∩ An(Y) in G_{W̄}};
    /// duplicates are dropped.</summary>
    public List<CfEvent> Canonical(IEnumerable<CfEvent> events)
    {
        var result = new List<CfEvent>();
        foreach (var e in events)
        {
            var c = e;
            if (!e.Sub.IsEmpty)
            {
                var key = e.Variable + "|" + string.Join(",", e.Sub.Select(s => s.Variable));
                if (!_ancestors.TryGetValue(key, out var an))
                    _ancestors[key] = an = G.RemoveIncomingEdges(e.Sub.Select(s => s.Variable)).Ancestors(e.Variable);
                c = new CfEvent(e.Value, e.Sub.Where(s => an.Contains(s.Variable)));
            }
            if (!result.Contains(c)) result.Add(c);
        }
        return result;
    }

    private ImmutableSortedSet<Symbol> CanonicalSub(string variable, IEnumerable<Symbol> sub) =>
        Canonical([new CfEvent(new Symbol(variable), sub)])[0].Sub;

    /// <summary>
    /// Composition (Pearl 2009, §7.3.1: if D_u = d then Y_u = Y_{u,d}), used to drop an intervention d from an
    /// event's subscript when the conjunction observes D = d in the right world: y_w with d ∈ w becomes y_u, u =
    /// (w ∖ {d}) ∪ s, when a fact d_s is known, D_u is that fact's variable (canonical subscript s) and Y_{u ∪ {d}} is
    /// Y_w. The conjunction is unchanged as an event. Without this, a c-component can hold a node of D observed at d
    /// next to a node subscripted by the same d, and ID* line 9 would return P_{d,…}(d, …), which is wrong (A → C ← B,
    /// B ↔ C: P(b, c_{a,b}) is P_a(b, c), not P_{a,b}(c)); make-cg's merges (Lemma 24) only cover the case where
    /// two copies of the child exist. Each rewrite trades d for interventions on ancestors of D, so this terminates.
    /// </summary>
    /// <param name="events">The events to rewrite (canonical).</param>
    /// <param name="witnesses">Further known facts (for IDC*: δ may justify rewriting γ, never the converse).</param>
    public List<CfEvent> Compose(IEnumerable<CfEvent> events, IEnumerable<CfEvent> witnesses)
    {
        var list = events.ToList();
        var facts = list.Concat(witnesses).ToList();
        for (var changed = true; changed;)
        {
            changed = false;
            for (var i = 0; i < list.Count && !changed; i++)
            {
                var e = list[i];
                foreach (var d in e.Sub.Where(d => d.Variable != e.Variable))
                {
                    var rest = e.Sub.Remove(d);
                    foreach (var f in facts.Where(f => f.Value == d && f.SubValueOf(d.Variable) is null))
                    {
                        if (f.Sub.Any(s => rest.Any(r => r.Variable == s.Variable && r != s))) continue;
                        var u = rest.Union(f.Sub);
                        if (!CanonicalSub(d.Variable, u).SetEquals(f.Sub)) continue;
                        if (!CanonicalSub(e.Variable, u.Add(d)).SetEquals(e.Sub)) continue;
                        var rewritten = Canonical([new CfEvent(e.Value, u)])[0];
                        list[i] = rewritten;
                        facts.Add(rewritten);
                        changed = true;
                        break;
                    }
                    if (changed) break;
                }
            }
        }
        return Canonical(list);
    }

    /// <summary>ID*(G, γ) — identification-algorithms.md §3.3, lines 190–198.</summary>
    public Expression IdStar(IEnumerable<CfEvent> input, int depth)
    {
        if (depth > 200) throw new InvalidOperationException("ID* recursed too deeply; please report this query.");
        var gamma = Compose(Canonical(input), []);
        const string A = "ID*";
        // Line 1.
        if (gamma.Count == 0)
        {
            Note(A, 1, depth, gamma, "γ = ∅: 1");
            return Expression.One;
        }
        // Line 2: x_{x′…} violates effectiveness.
        foreach (var e in gamma)
            if (e.SubValueOf(e.Variable) is { } forced && forced != e.Value)
            {
                if (!Known(forced) || !Known(e.Value))
                    throw new InvalidOperationException($"ID* line 2 compared {forced} with {e.Value}, one of which is a summation index; please report this query.");
                Note(A, 2, depth, gamma, $"{e} contradicts its own intervention: 0");
                return Expression.Zero;
            }
        // Line 3: x_{x…} is a tautology.
        if (gamma.FirstOrDefault(e => e.SubValueOf(e.Variable) == e.Value) is { } tautology)
        {
            Note(A, 3, depth, gamma, $"{tautology} is a tautology: drop it");
            return IdStar(gamma.Where(e => !e.Equals(tautology)).ToList(), depth + 1);
        }
        // Lines 4–5.
        var cg = Cg.Build(G, gamma, Known, Label);
        if (cg.Inconsistent)
        {
            var (node, a, b) = cg.Clash!.Value;
            Note(A, 5, depth, gamma, $"make-cg: {cg.Name(node)} would take both {a.ToLatex()} and {b.ToLatex()}: inconsistent, 0");
            return Expression.Zero;
        }
        var districts = cg.Districts();
        if (districts.Count == 0)
        {
            Note(A, 1, depth, gamma, "no non-constant node: 1");
            return Expression.One;
        }
        // Nodes of G′ that γ′ does not mention get one fresh summation index each (W and W_x are different indices).
        var index = new Dictionary<CgNode, Symbol>();
        foreach (var n in cg.Nodes.Where(n => !n.IsConstant && n.Value is null)) index[n] = Fresh(n.Variable);
        Symbol Val(CgNode n) => n.Value ?? index[n];
        string Names(IEnumerable<CgNode> s) => "{" + string.Join(", ", s.Select(cg.Name)) + "}";
        // Line 6: factorise over the c-components of G′.
        if (districts.Count > 1)
        {
            Note(A, 6, depth, gamma, $"C(G′) = {string.Join(", ", districts.Select(Names))}" +
                (index.Count == 0 ? "" : $"; Σ over {string.Join(", ", index.Values.Select(s => s.ToLatex()))}"));
            var factors = new List<Expression>();
            foreach (var s in districts)
            {
                var members = s.ToHashSet();
                // s^i_{v(G′)∖s^i}: every node of S^i in the one world where all nodes outside S^i are fixed at their
                // values. Per node that is the frontier: the values of the nodes outside S^i (constants included)
                // that reach it through nodes of S^i — its parents outside S^i, and recursively the frontier of its
                // parents inside S^i (which the call must see as the same nodes). Canonicalised by the call, this is
                // the paper's form without mixing worlds. (identification-algorithms.md §3.3, lines 201–204, takes
                // only the parents outside S^i; that loses the link to a parent inside S^i whose own subscript is
                // not empty: in A → B → C, B ↔ C, P(a, b′, c) the factor must be P(b′_a, c_a), not P(b′_a, c).)
                var frontier = new Dictionary<CgNode, Dictionary<string, Symbol>>();
                Dictionary<string, Symbol> Frontier(CgNode alpha)
                {
                    if (frontier.TryGetValue(alpha, out var f)) return f;
                    f = new Dictionary<string, Symbol>(StringComparer.Ordinal);
                    foreach (var p in alpha.Parents.Values)
                    {
                        if (!members.Contains(p)) AddTo(f, Val(p), alpha);
                        else foreach (var q in Frontier(p).Values) AddTo(f, q, alpha);
                    }
                    return frontier[alpha] = f;
                }
                var events = s.Select(alpha => new CfEvent(Val(alpha), Frontier(alpha).Values)).ToList();
                factors.Add(IdStar(events, depth + 1));
            }
            return Expression.Sum(index.Values, Expression.Product(factors));
        }
        // Lines 7–8: one c-component S; fail if a variable has one value in sub(S) and another in ev(S).
        var component = districts[0];
        var subS = component.Aggregate(ImmutableSortedSet<Symbol>.Empty, (acc, n) => acc.Union(cg.Sub(n)));
        var evS = subS.Union(component.Select(Val));
        foreach (var x in subS)
            foreach (var other in evS)
                if (other.Variable == x.Variable && other != x)
                {
                    Note(A, 8, depth, gamma, $"S = {Names(component)}: {x.ToLatex()} ∈ sub(S) and {other.ToLatex()} ∈ ev(S): FAIL");
                    throw new ConflictFound(new CounterfactualConflict(gamma.Select(e => e.ToString()).ToArray(),
                        component.Select(cg.Name).ToArray(), x.Variable, Label(x), Label(other)));
                }
        // Line 9: P_x(var(S)) with x = ∪ sub(S).
        var vars = component.Select(n => n.Variable).ToList();
        if (vars.Distinct().Count() != vars.Count || vars.Any(v => subS.Any(s => s.Variable == v)))
            throw new InvalidOperationException($"ID* line 9: S = {Names(component)} repeats a variable or intervenes on one of its own; please report this query.");
        var subText = subS.IsEmpty ? "" : $"_{{{string.Join(",", subS.Select(s => s.ToLatex()))}}}";
        Note(A, 9, depth, gamma, $"S = {Names(component)}: P{subText}({string.Join(",", component.Select(n => Val(n).ToLatex()))})");
        return Expression.Sum(index.Values, Expression.P(component.Select(Val), [], subS));
    }

    private static void AddTo(Dictionary<string, Symbol> sub, Symbol s, CgNode node)
    {
        if (sub.TryGetValue(s.Variable, out var previous) && previous != s)
            throw new InvalidOperationException($"ID* line 6: the subscript of {node.Variable} mixes {previous} and {s}; please report this query.");
        sub[s.Variable] = s;
    }
}
