using System.Collections.Immutable;
using CausalScript.Inference;
using CausalScript.Models;

namespace CausalScript.Diagrams;

/// <summary>What a box is: a generator of the free CDU category (a mechanism, a user box), or one of the two states
/// every wire has (uniform, point).</summary>
public enum BoxKind
{
    /// <summary>A generator: a mechanism of a model or a user-defined box.</summary>
    Generator,

    /// <summary>The uniform state u_A : I → A (the "U" of a CDU category).</summary>
    Uniform,

    /// <summary>A point state I → A at one value (a Dirac distribution; do(X = x)).</summary>
    Point,
}

/// <summary>
/// A box of a string diagram: a name, typed input and output wires, and optionally its meaning in FinStoch — the
/// mechanism of a model variable, or a table given as a <see cref="Channel{T}"/>. Boxes without a meaning are pure
/// syntax; an interpretation (a functor) gives them one. Immutable; equal by name, wires, kind and value.
/// </summary>
public sealed record Box
{
    private Box(string name, ImmutableArray<Variable> dom, ImmutableArray<Variable> cod, BoxKind kind)
    {
        Name = name;
        Dom = dom;
        Cod = cod;
        Kind = kind;
    }

    /// <summary>The box's name (a model variable's name for its mechanism).</summary>
    public string Name { get; }

    /// <summary>The input wires.</summary>
    public ImmutableArray<Variable> Dom { get; }

    /// <summary>The output wires.</summary>
    public ImmutableArray<Variable> Cod { get; }

    /// <summary>Generator, uniform or point.</summary>
    public BoxKind Kind { get; }

    /// <summary>For a point state: the value.</summary>
    public object? Value { get; private init; }

    /// <summary>For a model's box: the variable's mechanism (its output is the single wire in <see cref="Cod"/>).</summary>
    public Mechanism? Mechanism { get; private init; }

    /// <summary>A table in doubles, if the box was made from one.</summary>
    public Channel<double>? Table { get; private init; }

    /// <summary>An exact table, if the box was made from one.</summary>
    public Channel<Rational>? ExactTable { get; private init; }

    /// <summary>For a state put in place by surgery (<see cref="Diagram.Cut(Variable[])"/>, <see cref="Diagram.Do"/>):
    /// the mechanism box it replaced, whose inputs are the cut parent wires; null otherwise. Only drawing uses it
    /// (<see cref="DiagramSvg"/> marks the cut); it takes no part in equality or evaluation.</summary>
    public Box? Replaces { get; internal init; }

    /// <summary>True when the box has a meaning of its own (a mechanism or a table), or is a uniform or point state.</summary>
    public bool HasSemantics => Kind != BoxKind.Generator || Mechanism is not null || Table is not null || ExactTable is not null;

    /// <summary>A box without a meaning (pure syntax; give it one with an interpretation).</summary>
    /// <param name="name">The name.</param>
    /// <param name="dom">The input wires.</param>
    /// <param name="cod">The output wires.</param>
    /// <exception cref="DiagramException">A wire is continuous, or an input and an output carry the same variable.</exception>
    public static Box Generator(string name, IEnumerable<Variable> dom, IEnumerable<Variable> cod) =>
        new(CheckName(name), Check(name, dom.ToImmutableArray(), cod.ToImmutableArray()).Dom, cod.ToImmutableArray(), BoxKind.Generator);

    /// <summary>A box with a table in doubles: P(cod | dom), row-major over (dom…, cod…).</summary>
    /// <param name="name">The name.</param>
    /// <param name="table">The channel.</param>
    public static Box FromChannel(string name, Channel<double> table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Generator(name, table.Dom, table.Cod) with { Table = table };
    }

    /// <summary>A box with an exact table: P(cod | dom), row-major over (dom…, cod…).</summary>
    /// <param name="name">The name.</param>
    /// <param name="table">The channel.</param>
    public static Box FromChannel(string name, Channel<Rational> table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Generator(name, table.Dom, table.Cod) with { ExactTable = table };
    }

    /// <summary>A conditional probability table P(child | parents) as a box parents → child.</summary>
    /// <param name="parents">The input wires.</param>
    /// <param name="child">The output wire (the box is named after it).</param>
    /// <param name="probabilities">Row-major over (parents…, child); each row sums to 1 (decimals are read as written).</param>
    public static Box Cpt(IEnumerable<Variable> parents, Variable child, params IEnumerable<double> probabilities) =>
        Mechanisms(child, Models.Mechanism.Cpt(parents, probabilities));

    /// <summary>The mechanism of a model variable as a box parents → variable.</summary>
    /// <param name="variable">The variable (finite).</param>
    /// <param name="mechanism">Its mechanism.</param>
    public static Box Mechanisms(Variable variable, Mechanism mechanism)
    {
        ArgumentNullException.ThrowIfNull(variable);
        ArgumentNullException.ThrowIfNull(mechanism);
        if (!variable.Domain.IsFinite)
            throw new DiagramException($"'{variable.Name}' is continuous; string diagrams here are over finite variables.");
        mechanism.Bind(variable);
        return Generator(variable.Name, mechanism.Parents, [variable]) with { Mechanism = mechanism };
    }

    /// <summary>The uniform state I → a.</summary>
    /// <param name="a">The wire.</param>
    public static Box Uniform(Variable a) => new($"uniform {a.Name}", [], [CheckWire(a)], BoxKind.Uniform);

    /// <summary>The point state I → a at a value.</summary>
    /// <param name="a">The wire.</param>
    /// <param name="value">A value of its domain.</param>
    public static Box Point(Variable a, object value)
    {
        CheckWire(a).Domain.IndexOf(value, $"'{a.Name}'");
        // Named like the assignment (invariant culture, bools lower-case: "S = true").
        return new Box(a.Is(value).ToString(), [], [a], BoxKind.Point) { Value = value };
    }

    /// <summary>The box with its wires renamed (e.g. a twin-world copy); the meaning moves with it.</summary>
    /// <param name="rename">The new variable of each wire variable (same domain).</param>
    /// <param name="name">The new name.</param>
    public Box Renamed(Func<Variable, Variable> rename, string name)
    {
        ArgumentNullException.ThrowIfNull(rename);
        var dom = Dom.Select(rename).ToImmutableArray();
        var cod = Cod.Select(rename).ToImmutableArray();
        foreach (var (from, to) in Dom.Concat(Cod).Zip(dom.Concat(cod)))
            if (!from.Domain.Equals(to.Domain))
                throw new DiagramException($"Renaming '{from.Name}' to '{to.Name}' changes its domain ({from.Domain} → {to.Domain}).");
        return new Box(CheckName(name), Check(name, dom, cod).Dom, cod, Kind)
        {
            Value = Value,
            Mechanism = Mechanism,
            Replaces = Replaces?.Renamed(rename, Replaces.Name),
            Table = Table is null ? null : new Channel<double>([.. dom], [.. cod], [.. Table.Values]),
            ExactTable = ExactTable is null ? null : new Channel<Rational>([.. dom], [.. cod], [.. ExactTable.Values]),
        };
    }

    /// <summary>"c_S : H → S".</summary>
    public override string ToString() => $"{Name} : {Channel<double>.Describe(Dom)} → {Channel<double>.Describe(Cod)}";

    /// <summary>Equality by name, wires, kind and value.</summary>
    /// <param name="other">Another box.</param>
    public bool Equals(Box? other) =>
        other is not null && Name == other.Name && Kind == other.Kind && Equals(Value, other.Value)
        && Diagram.SameWires(Dom, other.Dom) && Diagram.SameWires(Cod, other.Cod);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Kind, Dom.Length, Cod.Length);

    private static string CheckName(string name) =>
        string.IsNullOrWhiteSpace(name) ? throw new DiagramException("A box needs a name.") : name;

    private static Variable CheckWire(Variable a)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (!a.Domain.IsFinite) throw new DiagramException($"Wire '{a.Name}' is continuous; string diagrams here are over finite variables.");
        return a;
    }

    private static (ImmutableArray<Variable> Dom, ImmutableArray<Variable> Cod) Check(string name, ImmutableArray<Variable> dom, ImmutableArray<Variable> cod)
    {
        foreach (var w in dom.Concat(cod)) CheckWire(w);
        var shared = dom.Select(v => v.Name).Intersect(cod.Select(v => v.Name)).FirstOrDefault();
        if (shared is not null)
            throw new DiagramException($"Box '{name}' has '{shared}' as both an input and an output; name the output differently (e.g. '{shared}2').");
        return (dom, cod);
    }
}
