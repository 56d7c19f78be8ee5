using System.Collections.Immutable;
using CausalScript.Expressions;
using CausalScript.Graphs;

namespace CausalScript.Identification;

/// <summary>
/// The IDC algorithm (Shpitser &amp; Pearl 2006, UAI, "Identification of conditional interventional distributions",
/// Fig. 1): P(y | do(x), z). Line 1 moves a conditioning variable into the intervention when do-calculus rule 2
/// allows it ((Y ⊥ Z | X, Z \ {Z}) in G_{X̄, Z̲}); line 2 identifies P_x(y, z) with ID and normalises over y. Sound
/// and complete; when ID fails, its hedge (for P_x(y, z)) is the proof.
/// </summary>
public static class Idc
{
    /// <summary>Identifies P(y | do(x), z).</summary>
    /// <param name="graph">The causal ADMG (latent nodes are projected away first).</param>
    /// <param name="outcomes">Y (non-empty).</param>
    /// <param name="treatments">X.</param>
    /// <param name="conditions">Z (disjoint from Y and X).</param>
    /// <returns>The estimand with its derivation, or the hedge.</returns>
    /// <exception cref="UnknownNodeException">A node is not in the graph.</exception>
    /// <exception cref="GraphException">Y is empty, Y, X and Z overlap, or a node is latent.</exception>
    public static IdentificationResult Identify(Admg graph, IEnumerable<string> outcomes, IEnumerable<string> treatments, IEnumerable<string> conditions)
    {
        var z0 = conditions.ToImmutableHashSet();
        var x0 = treatments.ToImmutableHashSet();
        var y0 = outcomes.ToImmutableHashSet();
        foreach (var (other, role) in new[] { (y0, "an outcome"), (x0, "a treatment") })
        {
            var both = other.Intersect(z0);
            if (!both.IsEmpty) throw new GraphException($"{string.Join(", ", both.Order(StringComparer.Ordinal).Select(v => $"'{v}'"))} is both {role} and a condition.", both);
        }
        var (g, y, x) = Id.Prepare(graph, y0, x0.Concat(z0));
        x = x.Except(z0);
        var run = new Id.Run(g, "ID");
        var steps = new List<DerivationStep>();
        var z = z0;
        // Line 1, repeated: a move can enable others, so rescan after each one (the order does not matter).
        for (var moved = true; moved;)
        {
            moved = false;
            foreach (var candidate in z.OrderBy(n => n, StringComparer.Ordinal))
            {
                var rest = z.Remove(candidate);
                var mutilated = g.RemoveIncomingEdges(x).RemoveOutgoingEdges([candidate]);
                if (!mutilated.IsMSeparated(y, [candidate], x.Union(rest))) continue;
                steps.Add(new DerivationStep("IDC", 1, 0, y.ToImmutableSortedSet(StringComparer.Ordinal), x.ToImmutableSortedSet(StringComparer.Ordinal),
                    $"(Y ⊥ {candidate} | X, Z \\ {{{candidate}}}) in G_{{X̄, {candidate}̲}}: move {candidate} into the intervention (rule 2)"));
                x = x.Add(candidate);
                z = rest;
                moved = true;
                break;
            }
        }
        steps.Add(new DerivationStep("IDC", 2, 0, y.ToImmutableSortedSet(StringComparer.Ordinal), x.ToImmutableSortedSet(StringComparer.Ordinal),
            z.IsEmpty ? "no conditions left: ID" : $"ID of P_x(y, {string.Join(", ", z.Order(StringComparer.Ordinal))}), normalised over y"));
        try
        {
            var joint = run.Solve(y.Union(z), x, run.Observational, 1);
            var estimand = z.IsEmpty ? joint : Expression.Fraction(joint, Expression.Sum(Id.Symbols(y), joint));
            return new Identified(Readable.Disambiguate(estimand, Id.Symbols(y0.Union(x0).Union(z0))), new Derivation([.. steps, .. run.Steps]));
        }
        catch (Id.HedgeFound h)
        {
            return new NotIdentified(h.Hedge, new Derivation([.. steps, .. run.Steps]));
        }
    }
}
