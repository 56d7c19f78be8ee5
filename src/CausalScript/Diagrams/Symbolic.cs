using CausalScript.Expressions;

namespace CausalScript.Diagrams;

/// <summary>
/// The symbolic interpretation of string diagrams (string-diagrams.md §3.1, "Symbolic"): a diagram becomes the
/// probability <see cref="Expression"/> of the identification engine. Every generator box c : A₁ ⊗ … → B₁ ⊗ … is read
/// as the atom P(b₁, … | a₁, …) of the distribution the expression is evaluated on — for a box of a model,
/// P(v | pa(v)) — and the diagram as the product of its boxes' atoms summed over the wires that are neither inputs nor
/// outputs (the hypergraph reading of Jacobs, Kissinger &amp; Zanasi 2019, §3, with the comonoid structure as shared
/// symbols: a copied wire reuses its symbol, a discarded one is summed). Uniform and point states are read as
/// interventions: they contribute no factor and their wire becomes a free symbol, the intervened value. So the diagram
/// of a model after surgery, <c>FromModel(m).Do(X = x)</c> or <c>.Cut(X)</c>, gives the truncated factorisation
/// Σ_{latents, non-outputs} Π_{v ∉ X} P(v | pa v) (Pearl 2009, eq. 3.10; Spirtes, Glymour &amp; Scheines 1993,
/// manipulation theorem), the disintegration at X of the cut state (JKZ §4); for a model without latent variables it
/// is an estimand over the observational distribution.
/// </summary>
public static class Symbolic
{
    /// <summary>The expression of a diagram. Free symbols: the input wires, the output wires and the wires of uniform
    /// and point states (the value of a point state is not kept: evaluate the expression at it). Two different wires
    /// carrying the same variable get different symbols (x, x′, …).</summary>
    /// <param name="diagram">A diagram whose generator boxes stand for conditionals of one distribution.</param>
    /// <returns>Σ_{inner wires} Π_{boxes} P(outputs | inputs), normalised by <see cref="Expression.Sum"/> (an inner wire
    /// that only its producer mentions is summed out, so boxes nobody reads disappear).</returns>
    /// <exception cref="DiagramException">A box has two different wires of the same variable, which one atom cannot
    /// express (the box is named).</exception>
    public static Expression Interpret(Diagram diagram)
    {
        ArgumentNullException.ThrowIfNull(diagram);
        var symbols = new Symbol[diagram.Wires.Length];
        var assigned = new bool[diagram.Wires.Length];
        var primes = new Dictionary<string, int>(StringComparer.Ordinal);
        void Name(int wire)
        {
            if (assigned[wire]) return;
            var name = diagram.Wires[wire].Name;
            primes.TryGetValue(name, out var k);
            primes[name] = k + 1;
            symbols[wire] = new Symbol(name, k);
            assigned[wire] = true;
        }
        // Outputs and inputs first, so that the plain symbols go to the wires a caller evaluates at.
        foreach (var w in diagram.CodWires) Name(w);
        foreach (var w in diagram.DomWires) Name(w);
        foreach (var node in diagram.Nodes)
            foreach (var w in node.Outputs) Name(w);

        var free = new HashSet<int>(diagram.DomWires.Concat(diagram.CodWires));
        var factors = new List<Expression>();
        foreach (var node in diagram.Nodes)
        {
            if (node.Box.Kind != BoxKind.Generator)
            {
                // An intervention: no factor, the wire's value is given.
                free.UnionWith(node.Outputs);
                continue;
            }
            var inputs = node.Inputs.Distinct().Select(w => symbols[w]).ToArray();
            var outputs = node.Outputs.Select(w => symbols[w]).ToArray();
            var repeated = inputs.Concat(outputs).GroupBy(s => s.Variable).FirstOrDefault(g => g.Count() > 1);
            if (repeated is not null)
                throw new DiagramException(
                    $"Box '{node.Box.Name}' has two different '{repeated.Key}' wires ({string.Join(", ", repeated)}); one probability atom cannot mention a variable twice. Rename one of the wires.");
            factors.Add(Expression.P(outputs, inputs));
        }
        var inner = Enumerable.Range(0, diagram.Wires.Length).Where(w => !free.Contains(w)).Select(w => symbols[w]);
        return Expression.Sum(inner, Expression.Product(factors));
    }
}
