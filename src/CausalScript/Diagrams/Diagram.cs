using System.Collections.Immutable;
using CausalScript.Models;

namespace CausalScript.Diagrams;

/// <summary>
/// A string diagram of a Markov (copy-discard-uniform) category: a morphism of the free CDU category over its boxes
/// (Jacobs, Kissinger &amp; Zanasi 2019, "Causal inference by string diagram surgery", §3; Fritz &amp; Liang 2023 for
/// the hypergraph form). Stored as an open hypergraph: wires are nodes typed by variables, each produced exactly once
/// (by an input position or a box output) and read any number of times — reading a wire twice is a copy, never reading
/// it a discard — so diagrams equal up to the comonoid and symmetric-monoidal laws have the same representation up to
/// renumbering. Composition checks types and names both sides when they differ. Immutable.
/// </summary>
public sealed partial class Diagram
{
    internal Diagram(ImmutableArray<Variable> wires, ImmutableArray<Node> nodes, ImmutableArray<int> domWires, ImmutableArray<int> codWires)
    {
        Wires = wires;
        Nodes = nodes;
        DomWires = domWires;
        CodWires = codWires;
    }

    /// <summary>A box placed in the diagram: which wires it reads and which it produces.</summary>
    internal sealed record Node(Box Box, ImmutableArray<int> Inputs, ImmutableArray<int> Outputs);

    /// <summary>Wire id → its variable.</summary>
    internal ImmutableArray<Variable> Wires { get; }

    /// <summary>The boxes in a topological order (every wire is produced before it is read).</summary>
    internal ImmutableArray<Node> Nodes { get; }

    /// <summary>The wires of the input positions (distinct).</summary>
    internal ImmutableArray<int> DomWires { get; }

    /// <summary>The wires of the output positions (a wire may appear twice: a copy).</summary>
    internal ImmutableArray<int> CodWires { get; }

    /// <summary>The input type.</summary>
    public IReadOnlyList<Variable> Dom => DomWires.Select(w => Wires[w]).ToArray();

    /// <summary>The output type.</summary>
    public IReadOnlyList<Variable> Cod => CodWires.Select(w => Wires[w]).ToArray();

    /// <summary>The boxes, in a topological order.</summary>
    public IReadOnlyList<Box> Boxes => Nodes.Select(n => n.Box).ToArray();

    /// <summary>"S ⊗ T → C".</summary>
    public string Signature => $"{Channel<double>.Describe(Dom)} → {Channel<double>.Describe(Cod)}";

    // ------------------------------------------------------------------------------------------------------------
    // Generators
    // ------------------------------------------------------------------------------------------------------------

    /// <summary>The identity on the wires (the empty list: the identity on the unit I).</summary>
    /// <param name="wires">The wires.</param>
    public static Diagram Id(params IEnumerable<Variable> wires)
    {
        var w = wires.Select(CheckWire).ToImmutableArray();
        var ids = Enumerable.Range(0, w.Length).ToImmutableArray();
        return new Diagram(w, [], ids, ids);
    }

    /// <summary>The swap σ : a ⊗ b → b ⊗ a.</summary>
    /// <param name="a">The first wire.</param>
    /// <param name="b">The second wire.</param>
    public static Diagram Swap(Variable a, Variable b) => new([CheckWire(a), CheckWire(b)], [], [0, 1], [1, 0]);

    /// <summary>Copy Δ : a → a ⊗ … ⊗ a (<paramref name="n"/> copies; 0 is discard).</summary>
    /// <param name="a">The wire.</param>
    /// <param name="n">The number of copies.</param>
    public static Diagram Copy(Variable a, int n = 2)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        return new Diagram([CheckWire(a)], [], [0], Enumerable.Repeat(0, n).ToImmutableArray());
    }

    /// <summary>Discard ◊ : a₁ ⊗ … ⊗ aₙ → I (marginalisation).</summary>
    /// <param name="wires">The wires.</param>
    public static Diagram Discard(params IEnumerable<Variable> wires)
    {
        var w = wires.Select(CheckWire).ToImmutableArray();
        return new Diagram(w, [], Enumerable.Range(0, w.Length).ToImmutableArray(), []);
    }

    /// <summary>The uniform state u : I → a.</summary>
    /// <param name="a">The wire.</param>
    public static Diagram Uniform(Variable a) => Of(Box.Uniform(a));

    /// <summary>The point state I → a at a value.</summary>
    /// <param name="a">The wire.</param>
    /// <param name="value">A value of its domain.</param>
    public static Diagram Point(Variable a, object value) => Of(Box.Point(a, value));

    /// <summary>A single box as a diagram Dom → Cod.</summary>
    /// <param name="box">The box.</param>
    public static Diagram Of(Box box)
    {
        ArgumentNullException.ThrowIfNull(box);
        var wires = box.Dom.Concat(box.Cod).ToImmutableArray();
        var inputs = Enumerable.Range(0, box.Dom.Length).ToImmutableArray();
        var outputs = Enumerable.Range(box.Dom.Length, box.Cod.Length).ToImmutableArray();
        return new Diagram(wires, [new Node(box, inputs, outputs)], inputs, outputs);
    }

    /// <summary>A box as a diagram (implicit, so boxes compose with diagrams directly).</summary>
    /// <param name="box">The box.</param>
    public static implicit operator Diagram(Box box) => Of(box);

    // ------------------------------------------------------------------------------------------------------------
    // Composition
    // ------------------------------------------------------------------------------------------------------------

    /// <summary>Sequential composition in diagrammatic order: this, then <paramref name="next"/> (f ; g).</summary>
    /// <param name="next">A diagram whose input type is this diagram's output type.</param>
    /// <exception cref="DiagramException">The types differ; the message names both.</exception>
    public Diagram Then(Diagram next)
    {
        ArgumentNullException.ThrowIfNull(next);
        CheckSameWires(Cod, next.Dom, "compose");
        // g's input wires become f's output wires; g's other wires are appended.
        var map = new int[next.Wires.Length];
        Array.Fill(map, -1);
        for (var k = 0; k < next.DomWires.Length; k++) map[next.DomWires[k]] = CodWires[k];
        var wires = Wires.ToBuilder();
        for (var w = 0; w < next.Wires.Length; w++)
            if (map[w] < 0)
            {
                map[w] = wires.Count;
                wires.Add(next.Wires[w]);
            }
        var nodes = Nodes.AddRange(next.Nodes.Select(n => n with { Inputs = n.Inputs.Select(w => map[w]).ToImmutableArray(), Outputs = n.Outputs.Select(w => map[w]).ToImmutableArray() }));
        return new Diagram(wires.ToImmutable(), nodes, DomWires, next.CodWires.Select(w => map[w]).ToImmutableArray());
    }

    /// <summary>Parallel composition f ⊗ g: inputs (f, g), outputs (f, g).</summary>
    /// <param name="other">Any diagram.</param>
    public Diagram Tensor(Diagram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var offset = Wires.Length;
        ImmutableArray<int> Shift(ImmutableArray<int> ids) => ids.Select(w => w + offset).ToImmutableArray();
        return new Diagram(Wires.AddRange(other.Wires),
            Nodes.AddRange(other.Nodes.Select(n => n with { Inputs = Shift(n.Inputs), Outputs = Shift(n.Outputs) })),
            DomWires.AddRange(Shift(other.DomWires)), CodWires.AddRange(Shift(other.CodWires)));
    }

    /// <summary>Fan-out f &amp; g = copy ; (f ⊗ g): both read the same inputs, outputs side by side.</summary>
    /// <param name="other">A diagram with the same input type.</param>
    /// <exception cref="DiagramException">The input types differ.</exception>
    public Diagram FanOut(Diagram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        CheckSameWires(Dom, other.Dom, "fan out");
        var both = Tensor(other);
        var shared = both.DomWires.Take(DomWires.Length).ToArray();
        var map = Enumerable.Range(0, both.Wires.Length).ToArray();
        for (var k = 0; k < other.DomWires.Length; k++) map[both.DomWires[DomWires.Length + k]] = shared[k];
        return Reindex(both.Wires, both.Nodes, [.. shared], both.CodWires, map);
    }

    /// <summary>f &gt;&gt; g: sequential composition (<see cref="Then"/>).</summary>
    /// <param name="f">First.</param>
    /// <param name="g">Then.</param>
    public static Diagram operator >>(Diagram f, Diagram g) => f.Then(g);

    /// <summary>f * g: parallel composition (<see cref="Tensor"/>).</summary>
    /// <param name="f">Left.</param>
    /// <param name="g">Right.</param>
    public static Diagram operator *(Diagram f, Diagram g) => f.Tensor(g);

    /// <summary>f &amp; g: fan-out (<see cref="FanOut"/>).</summary>
    /// <param name="f">Left.</param>
    /// <param name="g">Right.</param>
    public static Diagram operator &(Diagram f, Diagram g) => f.FanOut(g);

    /// <summary>Keeps the outputs at the given positions, in that order (the others are discarded; a position may
    /// repeat: a copy).</summary>
    /// <param name="positions">0-based output positions.</param>
    public Diagram SelectOutputs(params IEnumerable<int> positions)
    {
        var p = positions.ToArray();
        foreach (var i in p)
            if (i < 0 || i >= CodWires.Length) throw new DiagramException($"Output position {i} does not exist; the diagram is {Signature}.");
        return new Diagram(Wires, Nodes, DomWires, p.Select(i => CodWires[i]).ToImmutableArray());
    }

    /// <summary>Keeps the named outputs, in that order, and discards the others (marginalisation).</summary>
    /// <param name="outputs">Output variables.</param>
    /// <exception cref="DiagramException">A name is not an output (the message lists the outputs).</exception>
    public Diagram Marginal(params IEnumerable<Variable> outputs) =>
        SelectOutputs(outputs.Select(v =>
        {
            var i = Cod.ToList().FindIndex(c => c.Name == v.Name);
            return i >= 0 ? i : throw new DiagramException($"'{v.Name}' is not an output of the diagram (outputs: {string.Join(", ", Cod.Select(c => c.Name))}).");
        }));

    /// <summary>The diagram with the boxes whose outputs are all discarded removed, repeatedly (in a Markov category
    /// f ; ◊ = ◊: a causal box nobody reads is marginalised away).</summary>
    public Diagram Normalize()
    {
        var nodes = Nodes.ToList();
        var read = new HashSet<int>(CodWires);
        foreach (var n in nodes) read.UnionWith(n.Inputs);
        for (var removed = true; removed;)
        {
            removed = false;
            for (var i = nodes.Count - 1; i >= 0; i--)
            {
                if (nodes[i].Outputs.Any(read.Contains)) continue;
                nodes.RemoveAt(i);
                read = new HashSet<int>(CodWires);
                foreach (var n in nodes) read.UnionWith(n.Inputs);
                removed = true;
            }
        }
        return Compact(Wires, [.. nodes], DomWires, CodWires);
    }

    /// <summary>"Diagram S ⊗ T → C: t : S → T; …".</summary>
    public override string ToString() =>
        $"Diagram {Signature}" + (Nodes.Length == 0 ? "" : ": " + string.Join("; ", Nodes.Select(n => n.Box.ToString())));

    // ------------------------------------------------------------------------------------------------------------
    // Helpers
    // ------------------------------------------------------------------------------------------------------------

    internal static Variable CheckWire(Variable a)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (!a.Domain.IsFinite) throw new DiagramException($"Wire '{a.Name}' is continuous; string diagrams here are over finite variables.");
        return a;
    }

    internal static bool SameWires(IReadOnlyList<Variable> a, IReadOnlyList<Variable> b) =>
        a.Count == b.Count && a.Zip(b).All(p => p.First.Name == p.Second.Name && p.First.Domain.Equals(p.Second.Domain));

    internal static void CheckSameWires(IReadOnlyList<Variable> left, IReadOnlyList<Variable> right, string what)
    {
        if (SameWires(left, right)) return;
        string Show(IReadOnlyList<Variable> t) => t.Count == 0 ? "I" : string.Join(" ⊗ ", t.Select(v => $"{v.Name} {v.Domain}"));
        var where = left.Count != right.Count ? $"{left.Count} wires against {right.Count}"
            : left.Zip(right).Select((p, i) => (p, i)).First(x => !(x.p.First.Name == x.p.Second.Name && x.p.First.Domain.Equals(x.p.Second.Domain))) is var m
                ? $"position {m.i}: '{m.p.First.Name}' {m.p.First.Domain} against '{m.p.Second.Name}' {m.p.Second.Domain}" : "";
        throw new DiagramException($"Cannot {what}: the outputs {Show(left)} do not match the inputs {Show(right)} ({where}).");
    }

    /// <summary>Applies a wire map (old id → new id among the old ids), then drops unused ids.</summary>
    internal static Diagram Reindex(ImmutableArray<Variable> wires, IEnumerable<Node> nodes, ImmutableArray<int> dom, ImmutableArray<int> cod, int[] map)
    {
        ImmutableArray<int> M(ImmutableArray<int> ids) => ids.Select(w => map[w]).ToImmutableArray();
        return Compact(wires, nodes.Select(n => n with { Inputs = M(n.Inputs), Outputs = M(n.Outputs) }).ToImmutableArray(), M(dom), M(cod));
    }

    /// <summary>Renumbers wires densely in order of first use (inputs, boxes, outputs), dropping unused ones.</summary>
    internal static Diagram Compact(ImmutableArray<Variable> wires, ImmutableArray<Node> nodes, ImmutableArray<int> dom, ImmutableArray<int> cod)
    {
        var map = new Dictionary<int, int>();
        var kept = ImmutableArray.CreateBuilder<Variable>();
        int Id(int w)
        {
            if (!map.TryGetValue(w, out var id))
            {
                map[w] = id = kept.Count;
                kept.Add(wires[w]);
            }
            return id;
        }
        var newDom = dom.Select(Id).ToImmutableArray();
        var newNodes = nodes.Select(n => n with { Inputs = n.Inputs.Select(Id).ToImmutableArray(), Outputs = n.Outputs.Select(Id).ToImmutableArray() }).ToImmutableArray();
        var newCod = cod.Select(Id).ToImmutableArray();
        return new Diagram(kept.ToImmutable(), newNodes, newDom, newCod);
    }
}
