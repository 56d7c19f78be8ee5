using CausalScript.Expressions;
using CausalScript.Graphs;

namespace CausalScript.Identification;

/// <summary>
/// The IDC* algorithm (Shpitser &amp; Pearl 2008, JMLR, "Complete identification methods for the causal hierarchy",
/// identification-algorithms.md §3.4): identifies a conditional counterfactual P(γ | δ) from the
/// interventional distributions. Conditioning events that are independent of γ in the counterfactual graph once
/// their outgoing edges are cut (given the other conditioning events and the constants) move into the subscripts
/// (line 4); the rest is ID*(γ ∧ δ) / ID*(δ).
/// </summary>
/// <remarks>
/// Beyond the note's two soundness points (conditional separation; descendants of the moved node get its value),
/// two corrections keep the algorithm sound, both checked against exact counterfactuals on random models:
/// (1) the denominator of line 5 is P(δ) = ID*(δ), not ID*(δ′): make-cg may merge a copy in δ with the help of a value
/// in γ (A → C, P(a | c_a): C_a merges with C because A = a, and P(c) ≠ P(c_a));
/// (2) line 4 moves an event only when δ′ on its own is the event δ (make-cg of δ alone gives the same events), since
/// the counterfactual graph models the worlds only given all of γ ∧ δ: in A → M → C, P(a | m, c_a) is not P(a | m).
/// </remarks>
public static class IdcStar
{
    /// <summary>Identifies P(γ | δ) in terms of the interventional distributions.</summary>
    /// <param name="graph">The causal ADMG (latent nodes are projected away).</param>
    /// <param name="gamma">The conjunction γ.</param>
    /// <param name="delta">The conditioning conjunction δ (empty: P(γ), as <see cref="IdStar.Identify"/>).</param>
    /// <returns><see cref="Identified"/> (possibly the constant 0 when γ ∧ δ is inconsistent),
    /// <see cref="CounterfactualNotIdentified"/>, or <see cref="Undefined"/> when δ is inconsistent;
    /// <see cref="IdentificationResult.Values"/> maps the estimand's symbols to the query's labels.</returns>
    /// <exception cref="UnknownNodeException">An event names a variable that is not in the graph.</exception>
    public static IdentificationResult Identify(Admg graph, IEnumerable<CounterfactualEvent> gamma, IEnumerable<CounterfactualEvent> delta)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(gamma);
        ArgumentNullException.ThrowIfNull(delta);
        var g = CfQuery.Observed(graph);
        var gl = gamma.ToList();
        var dl = delta.ToList();
        var symbols = new ValueSymbols(gl.Concat(dl));
        var run = new CfRun(g, symbols, "IDC*");
        var (gs, ds) = (CfQuery.ToSymbols(g, gl, symbols), CfQuery.ToSymbols(g, dl, symbols));
        try
        {
            var e = Solve(run, gs, ds, 0);
            return new Identified(IdStar.Tidy(e), new Derivation(run.Steps)) { Values = symbols };
        }
        catch (CfRun.ConflictFound c)
        {
            return new CounterfactualNotIdentified(c.Conflict, new Derivation(run.Steps)) { Values = symbols };
        }
        catch (CfRun.UndefinedFound)
        {
            return new Undefined(new Derivation(run.Steps)) { Values = symbols };
        }
    }

    /// <summary>Identifies P(γ | δ) from the observational distribution: <see cref="Identify"/>, then
    /// <see cref="IdStar.ToObservational"/> (common factors of the final fraction cancel).</summary>
    /// <param name="graph">The causal ADMG.</param>
    /// <param name="gamma">The conjunction γ.</param>
    /// <param name="delta">The conditioning conjunction δ.</param>
    /// <returns>The observational result.</returns>
    public static IdentificationResult IdentifyObservational(Admg graph, IEnumerable<CounterfactualEvent> gamma, IEnumerable<CounterfactualEvent> delta) =>
        IdStar.ToObservational(graph, Identify(graph, gamma, delta));

    /// <summary>IDC*(G, γ, δ) — identification-algorithms.md §3.4, lines 212–216, with two corrections found by the
    /// numeric oracle (see the remarks of <see cref="IdcStar"/>).</summary>
    private static Expression Solve(CfRun run, IEnumerable<CfEvent> gammaIn, IEnumerable<CfEvent> deltaIn, int depth)
    {
        const string A = "IDC*";
        if (depth > 200) throw new InvalidOperationException("IDC* recursed too deeply; please report this query.");
        // Composition rewrites (CfRun.Compose): δ with its own facts only, γ with those of γ and δ.
        var delta = run.Compose(run.Canonical(deltaIn), []);
        var gamma = run.Compose(run.Canonical(gammaIn), delta);
        var shown = gamma.Concat(delta).ToList();
        if (delta.Count == 0)
        {
            run.Note(A, 0, depth, gamma, "δ = ∅: ID*(γ)");
            return run.IdStar(gamma, depth + 1);
        }
        // Line 1: an inconsistent δ makes the conditional undefined. P(δ) is also the denominator of line 5.
        var (pDelta, deltaFailure, deltaSteps) = run.Capture(delta, depth + 1);
        if (pDelta is not null && pDelta.Equals(Expression.Zero))
        {
            run.Steps.AddRange(deltaSteps);
            run.Note(A, 1, depth, shown, $"ID*({CfRun.Show(delta)}) = 0: undefined");
            throw new CfRun.UndefinedFound();
        }
        // Lines 2–3.
        var cg = Cg.Build(run.G, gamma.Concat(delta).ToList(), run.Known, run.Label);
        if (cg.Inconsistent)
        {
            var (node, a, b) = cg.Clash!.Value;
            run.Note(A, 3, depth, shown, $"make-cg: {cg.Name(node)} would take both {a.ToLatex()} and {b.ToLatex()}: inconsistent, 0");
            return Expression.Zero;
        }
        var gammaNodes = cg.EventNodes.Take(gamma.Count).OfType<CgNode>().Distinct().ToList();
        var deltaNodes = cg.EventNodes.Skip(gamma.Count).OfType<CgNode>().Distinct().ToList();
        // Events of γ′ that δ′ also asserts are certain given δ′.
        var gammaOnly = gammaNodes.Where(n => !deltaNodes.Contains(n)).ToList();
        CfEvent Event(CgNode n, Symbol? added = null) =>
            new(n.Value!.Value, added is { } y ? AddTo(cg.EventSub(n), y, n) : cg.EventSub(n));
        if (gammaOnly.Count == 0)
        {
            run.Note(A, 3, depth, shown, "every event of γ′ is in δ′: 1");
            return Expression.One;
        }
        // Line 4: move y_x ∈ δ′ into the subscripts when (γ′ ⊥ Y_x | δ′ ∖ {y_x}, constants) in G′ without Y_x's
        // outgoing edges — conditionally on the rest of δ′ (soundness point (i), lines 219–221) — and only when δ′
        // alone is the event δ: G′ is a model of the worlds given all of γ ∧ δ (Lemma 25), so a copy in δ merged
        // thanks to a value in γ (A → M → C, P(a | m, c_a): C_a merges with C because A = a) makes P(δ′) ≠ P(δ),
        // and the move would compute P(γ′ | δ′) instead of P(γ | δ).
        var graph = cg.Graph();
        var constants = cg.Nodes.Where(n => n.IsConstant).Select(cg.Name).ToList();
        if (DeltaAlone(run, cg, delta, deltaNodes, Event))
        {
            foreach (var d in deltaNodes)
            {
                var rest = deltaNodes.Where(n => n != d).ToList();
                var cut = graph.RemoveOutgoingEdges(cg.Name(d));
                if (!cut.IsMSeparated(gammaOnly.Select(cg.Name), [cg.Name(d)], rest.Select(cg.Name).Concat(constants))) continue;
                // γ′_y and (δ′ ∖ {y_x})_y: every event whose node descends from Y_x gets y in its subscript (soundness
                // point (ii), lines 221–223).
                var descendants = graph.Descendants(cg.Name(d));
                var y = d.Value!.Value;
                var newGamma = gammaOnly.Select(n => descendants.Contains(cg.Name(n)) ? Event(n, y) : Event(n)).ToList();
                var newDelta = rest.Select(n => descendants.Contains(cg.Name(n)) ? Event(n, y) : Event(n)).ToList();
                run.Note(A, 4, depth, shown, $"(γ′ ⊥ {Event(d)} | δ′ ∖ {{{Event(d)}}}) in G′ without the edges out of {cg.Name(d)}: " +
                    $"P({CfRun.Show(newGamma)} | {(newDelta.Count == 0 ? "∅" : CfRun.Show(newDelta))})");
                return Solve(run, newGamma, newDelta, depth + 1);
            }
        }
        else
        {
            run.Note(A, 4, depth, shown, $"δ′ = {CfRun.Show(deltaNodes.Select(n => Event(n)))} relies on values of γ: no move");
        }
        // Line 5: P′ = ID*(γ′ ∧ δ′) = P(γ ∧ δ), divided by P(δ) = ID*(δ) from line 1 (not ID*(δ′), which is P(δ′)).
        var jointEvents = gammaOnly.Concat(deltaNodes).Select(n => Event(n)).ToList();
        run.Note(A, 5, depth, shown, $"P′ = ID*({CfRun.Show(jointEvents)}), divided by P(δ) = ID*({CfRun.Show(delta)})");
        var joint = run.IdStar(jointEvents, depth + 1);
        if (joint.Equals(Expression.Zero)) return Expression.Zero;
        if (pDelta is not null)
        {
            run.Steps.AddRange(deltaSteps);
            return Expression.Fraction(joint, pDelta);
        }
        // P(δ) = Σ_{γ′} P′ when the values of γ are symbols of their own, which no merge can have used (never
        // reached in practice: if P′ is identified for all values of γ, so is its sum, and ID* is complete).
        var values = gammaOnly.Select(n => n.Value!.Value).ToList();
        if (!SummableOver(values, gamma.Concat(delta).ToList()))
        {
            run.Steps.AddRange(deltaSteps);
            throw deltaFailure!;
        }
        run.Note(A, 5, depth, shown, $"ID*(δ) fails; P(δ) = Σ over {string.Join(", ", values.Select(v => v.ToLatex()))} of P′");
        return Expression.Fraction(joint, Expression.Sum(values, joint));
    }

    /// <summary>True when the events of δ′ in the joint counterfactual graph are, as a conjunction, the events make-cg
    /// gives for δ alone — so P(δ′) = P(δ).</summary>
    private static bool DeltaAlone(CfRun run, Cg joint, List<CfEvent> delta, List<CgNode> deltaNodes, Func<CgNode, Symbol?, CfEvent> eventOf)
    {
        var alone = Cg.Build(run.G, delta, run.Known, run.Label);
        if (alone.Inconsistent) return false;
        var a = run.Canonical(alone.EventNodes.OfType<CgNode>().Distinct().Select(n => new CfEvent(n.Value!.Value, alone.EventSub(n))));
        var b = run.Canonical(deltaNodes.Select(n => eventOf(n, null)));
        return a.ToHashSet().SetEquals(b);
    }

    /// <summary>True when each symbol occurs exactly once among the events' values and subscripts.</summary>
    private static bool SummableOver(IEnumerable<Symbol> symbols, IReadOnlyList<CfEvent> events) =>
        symbols.All(s => events.Sum(e => (e.Value == s ? 1 : 0) + (e.Sub.Contains(s) ? 1 : 0)) == 1);

    private static IEnumerable<Symbol> AddTo(IEnumerable<Symbol> sub, Symbol y, CgNode node)
    {
        var list = sub.ToList();
        if (list.FirstOrDefault(s => s.Variable == y.Variable) is { Variable: not null } existing && existing != y)
            throw new InvalidOperationException($"IDC* line 4: {node.Variable}'s subscript already sets {existing}; please report this query.");
        return list.Append(y).Distinct();
    }
}
