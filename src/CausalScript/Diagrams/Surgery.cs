using System.Collections.Immutable;
using CausalScript.Models;

namespace CausalScript.Diagrams;

/// <summary>
/// Diagrams of causal models and surgery on them (Jacobs, Kissinger &amp; Zanasi 2019, §4): an intervention is an
/// endofunctor of the free CDU category that is the identity on every generator except the intervened variable's
/// mechanism. <see cref="Cut(Variable[])"/> sends c_X to discard(pa X) ; uniform(X), <see cref="Do"/> to
/// discard(pa X) ; point(x), <see cref="Open"/> replaces c_X by a new input wire; <see cref="Rewrite"/> applies any
/// user-defined replacement of generators.
/// </summary>
public sealed partial class Diagram
{
    /// <summary>The network diagram ω of a model (JKZ §3): one box per variable (its mechanism), run in topological
    /// order, every output copied to its children; latent variables' outputs are discarded, so the diagram is the
    /// state I → observed variables (in the model's order).</summary>
    /// <param name="model">A model whose variables are all finite.</param>
    /// <exception cref="DiagramException">A variable is continuous (named).</exception>
    public static Diagram FromModel(Scm model) => FromModel(model, model?.Observed ?? throw new ArgumentNullException(nameof(model)));

    /// <summary>The network diagram of a model with the chosen outputs (others, latent or not, are discarded).</summary>
    /// <param name="model">A model whose variables are all finite.</param>
    /// <param name="outputs">The variables to expose, in order.</param>
    public static Diagram FromModel(Scm model, IEnumerable<Variable> outputs)
    {
        ArgumentNullException.ThrowIfNull(model);
        var order = model.TopologicalOrder;
        var index = order.Select((v, i) => (v, i)).ToDictionary(t => t.v.Name, t => t.i);
        foreach (var v in order.Where(v => !v.Domain.IsFinite))
            throw new DiagramException($"'{v.Name}' is continuous; the diagram of a model needs finite variables (discretise it, or sample the model).");
        var nodes = order.Select(v => new Node(Box.Mechanisms(v, model.MechanismOf(v)),
            model.ParentsOf(v).Select(p => index[p.Name]).ToImmutableArray(), [index[v.Name]])).ToImmutableArray();
        var cod = outputs.Select(v => index.TryGetValue(v.Name, out var i) ? i
            : throw new DiagramException($"'{v.Name}' is not a variable of the model '{model.Name}'.")).ToImmutableArray();
        return new Diagram([.. order], nodes, [], cod);
    }

    /// <summary>Replaces generators: every box for which <paramref name="replace"/> returns a diagram is substituted
    /// by it (same input and output types); null keeps the box. This is the action of an endofunctor defined on
    /// generators, so soft interventions, mechanism swaps and policies are one call.</summary>
    /// <param name="replace">The replacement of a box, or null.</param>
    /// <exception cref="DiagramException">A replacement has other types than the box (both are named).</exception>
    public Diagram Rewrite(Func<Box, Diagram?> replace)
    {
        ArgumentNullException.ThrowIfNull(replace);
        var wires = Wires.ToBuilder();
        var nodes = new List<Node>();
        var substitute = Enumerable.Range(0, Wires.Length).ToArray();
        var dom = DomWires.ToList();
        foreach (var node in Nodes)
        {
            var inputs = node.Inputs.Select(w => substitute[w]).ToImmutableArray();
            var replacement = replace(node.Box);
            if (replacement is null)
            {
                nodes.Add(node with { Inputs = inputs });
                continue;
            }
            CheckSameWires(node.Box.Dom, replacement.Dom, $"replace box '{node.Box.Name}' (inputs)");
            CheckSameWires(node.Box.Cod, replacement.Cod, $"replace box '{node.Box.Name}' (outputs)");
            // The replacement's inputs are the box's input wires; its other wires are new.
            var map = new int[replacement.Wires.Length];
            Array.Fill(map, -1);
            for (var k = 0; k < replacement.DomWires.Length; k++) map[replacement.DomWires[k]] = inputs[k];
            for (var w = 0; w < map.Length; w++)
                if (map[w] < 0)
                {
                    map[w] = wires.Count;
                    wires.Add(replacement.Wires[w]);
                }
            nodes.AddRange(replacement.Nodes.Select(n => n with { Inputs = n.Inputs.Select(w => map[w]).ToImmutableArray(), Outputs = n.Outputs.Select(w => map[w]).ToImmutableArray() }));
            for (var k = 0; k < node.Outputs.Length; k++) substitute[node.Outputs[k]] = map[replacement.CodWires[k]];
        }
        return Compact(wires.ToImmutable(), [.. nodes], [.. dom], CodWires.Select(w => substitute[w]).ToImmutableArray());
    }

    /// <summary>cut_X (JKZ Def. 4.1): the mechanism of each variable is replaced by discard(parents) ; uniform, so the
    /// variable no longer listens to its causes. Idempotent; cuts of different variables commute.</summary>
    /// <param name="variables">Variables produced by a box of this diagram.</param>
    /// <exception cref="DiagramException">A variable is not produced by a single-output box (named).</exception>
    public Diagram Cut(params Variable[] variables) => Intervene(variables, v => Uniform(v));

    /// <summary>do(X = x): the mechanism is replaced by discard(parents) ; point(x).</summary>
    /// <param name="assignments">X = x for each intervened variable.</param>
    public Diagram Do(params Assignment[] assignments) =>
        Intervene(assignments.Select(a => a.Variable).ToArray(), v => Point(v, assignments.First(a => a.Variable.Name == v.Name).Value));

    /// <summary>Open(X): the mechanism of X is removed and X becomes a new input wire (appended to the inputs), so a
    /// state I → Y becomes the channel X → Y = P(y | do(x)) with no disintegration step.</summary>
    /// <param name="variables">Variables produced by a box of this diagram.</param>
    public Diagram Open(params Variable[] variables)
    {
        var result = this;
        foreach (var v in variables)
        {
            var i = result.Producer(v, "open");
            var node = result.Nodes[i];
            result = Compact(result.Wires, result.Nodes.RemoveAt(i), result.DomWires.Add(node.Outputs[0]), result.CodWires);
        }
        return result;
    }

    private Diagram Intervene(Variable[] variables, Func<Variable, Diagram> state)
    {
        foreach (var v in variables) Producer(v, "intervene on");
        var names = variables.Select(v => v.Name).ToHashSet();
        return Rewrite(box => box.Cod.Length == 1 && names.Contains(box.Cod[0].Name)
            ? Discard(box.Dom).Then(MarkCut(state(box.Cod[0]), box.Replaces ?? box))
            : null);
    }

    /// <summary>Records on the state's box which mechanism it replaced (for drawing the cut).</summary>
    private static Diagram MarkCut(Diagram state, Box replaced) =>
        new(state.Wires, state.Nodes.Select(n => n with { Box = n.Box with { Replaces = replaced } }).ToImmutableArray(), state.DomWires, state.CodWires);

    /// <summary>The index of the node that produces the variable's wire.</summary>
    private int Producer(Variable v, string what)
    {
        ArgumentNullException.ThrowIfNull(v);
        for (var i = 0; i < Nodes.Length; i++)
        {
            var node = Nodes[i];
            if (!node.Box.Cod.Any(c => c.Name == v.Name)) continue;
            if (node.Box.Cod.Length != 1)
                throw new DiagramException($"Cannot {what} '{v.Name}': it is produced by box '{node.Box.Name}' together with {string.Join(", ", node.Box.Cod.Where(c => c.Name != v.Name).Select(c => c.Name))}; surgery needs the variable's own mechanism.");
            return i;
        }
        if (DomWires.Any(w => Wires[w].Name == v.Name))
            throw new DiagramException($"Cannot {what} '{v.Name}': it is an input of the diagram, not produced by a box.");
        throw new DiagramException($"Cannot {what} '{v.Name}': no box of the diagram produces it (boxes: {string.Join(", ", Nodes.Select(n => n.Box.Name))}).");
    }
}
