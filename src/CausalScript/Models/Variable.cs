namespace CausalScript.Models;

/// <summary>A named random variable with a domain and an optional LaTeX symbol. Variables are equal when their names
/// are equal: a name identifies a variable across graphs, models, factors and data.</summary>
public sealed class Variable : IEquatable<Variable>
{
    /// <summary>Creates a variable.</summary>
    /// <param name="name">A non-empty name.</param>
    /// <param name="domain">Its values.</param>
    /// <param name="symbol">LaTeX symbol; defaults to the name.</param>
    /// <exception cref="CausalScriptException">An empty name.</exception>
    public Variable(string name, Domain domain, string? symbol = null)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new CausalScriptException("A variable name must not be empty.");
        Name = name;
        Domain = domain ?? throw new ArgumentNullException(nameof(domain));
        Symbol = symbol ?? name;
    }

    /// <summary>A boolean variable.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The variable.</returns>
    public static Variable Bool(string name) => new(name, Domain.Bool);

    /// <summary>A categorical variable.</summary>
    /// <param name="name">The name.</param>
    /// <param name="labels">The labels, in order.</param>
    /// <returns>The variable.</returns>
    public static Variable Categorical(string name, params IEnumerable<string> labels) => new(name, Domain.Categorical(labels));

    /// <summary>An integer variable with values <paramref name="minimum"/> … <paramref name="maximum"/>.</summary>
    /// <param name="name">The name.</param>
    /// <param name="minimum">Smallest value.</param>
    /// <param name="maximum">Largest value.</param>
    /// <returns>The variable.</returns>
    public static Variable Range(string name, int minimum, int maximum) => new(name, Domain.IntegerRange(minimum, maximum));

    /// <summary>A continuous (real-valued) variable.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The variable.</returns>
    public static Variable Real(string name) => new(name, Domain.Real);

    /// <summary>The name.</summary>
    public string Name { get; }

    /// <summary>The domain.</summary>
    public Domain Domain { get; }

    /// <summary>The LaTeX symbol (defaults to the name).</summary>
    public string Symbol { get; }

    /// <summary>The number of values (finite domains only).</summary>
    public int Size => Domain.Size;

    /// <summary>The assignment <c>this = value</c> (a label, bool or int for finite variables; a double for real ones).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The assignment.</returns>
    /// <exception cref="CausalScriptException">The value is outside the domain.</exception>
    public Assignment Is(object value) => Domain.IsFinite
        ? Assignment.At(this, Domain.IndexOf(value, $"'{Name}'"))
        : value is double d ? Assignment.Real(this, d)
        : value is int i ? Assignment.Real(this, i)
        : throw new CausalScriptException($"'{Name}' is continuous: assign it a number, not {value}.");

    /// <summary>The counterfactual variable Y_x: this variable in the world where the given intervention was made
    /// (Pearl 2009, §7.1). It is named like <c>Y[X=0]</c> (assignments sorted by name) and has this variable's domain,
    /// so it can be queried and assigned like any other: <c>Y.Under(X.Is(0)).Is(1)</c>.</summary>
    /// <param name="intervention">The assignments of the intervention; none gives this variable itself.</param>
    /// <returns>The counterfactual variable.</returns>
    /// <exception cref="CausalScriptException">A variable assigned twice, or nested counterfactuals.</exception>
    public Variable Under(params IEnumerable<Assignment> intervention)
    {
        var list = intervention.OrderBy(a => a.Variable.Name, StringComparer.Ordinal).ToArray();
        if (list.Length == 0) return this;
        if (Base is not null) throw new CausalScriptException($"'{Name}' is already counterfactual; give all interventions in one Under call.");
        for (var i = 1; i < list.Length; i++)
            if (list[i].Variable.Equals(list[i - 1].Variable))
                throw new CausalScriptException($"'{list[i].Variable.Name}' is assigned twice in the intervention of {Name}.");
        var name = $"{Name}[{string.Join(",", list.Select(a => $"{a.Variable.Name}={FormatValue(a)}"))}]";
        var symbol = $"{Symbol}_{{{string.Join(",", list.Select(a => $"{a.Variable.Symbol}={FormatValue(a)}"))}}}";
        return new Variable(name, Domain, symbol) { Base = this, Intervention = list };
    }

    private static string FormatValue(Assignment a) => a.Value switch
    {
        bool b => b ? "true" : "false",
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        var v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>For a counterfactual variable Y_x, the factual variable Y; null otherwise.</summary>
    public Variable? Base { get; private init; }

    /// <summary>For a counterfactual variable Y_x, the intervention x (sorted by variable name); empty otherwise.</summary>
    public IReadOnlyList<Assignment> Intervention { get; private init; } = [];

    /// <summary>True for a counterfactual variable made by <see cref="Under"/>.</summary>
    public bool IsCounterfactual => Base is not null;

    /// <summary>Equality by name.</summary>
    /// <param name="other">The other variable.</param>
    public bool Equals(Variable? other) => other is not null && string.Equals(Name, other.Name, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Variable v && Equals(v);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name);

    /// <summary>The name.</summary>
    public override string ToString() => Name;
}

/// <summary>A variable set to one value: <c>X = x</c> (C# <c>X.Is(x)</c>, F# <c>X := x</c>). Finite values are kept
/// as their index in the domain.</summary>
public readonly record struct Assignment
{
    private Assignment(Variable variable, int index, double value)
    {
        Variable = variable;
        Index = index;
        RealValue = value;
    }

    internal static Assignment At(Variable variable, int index) => new(variable, index, double.NaN);
    internal static Assignment Real(Variable variable, double value) => new(variable, -1, value);

    /// <summary>The variable.</summary>
    public Variable Variable { get; }

    /// <summary>The value's index in a finite domain (−1 for a real variable).</summary>
    public int Index { get; }

    /// <summary>The value of a real variable (NaN for a finite one).</summary>
    public double RealValue { get; }

    /// <summary>The value: bool, int, label string, or double.</summary>
    public object Value => Index >= 0 ? Variable.Domain.ValueAt(Index) : RealValue;

    /// <summary><c>X = x</c>.</summary>
    public override string ToString() => $"{Variable.Name} = {(Value is bool b ? (b ? "true" : "false") : Convert.ToString(Value, System.Globalization.CultureInfo.InvariantCulture))}";
}
