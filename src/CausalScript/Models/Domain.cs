using System.Globalization;

namespace CausalScript.Models;

/// <summary>The kind of values a variable takes.</summary>
public enum DomainKind
{
    /// <summary>false / true (indices 0 / 1).</summary>
    Bool,

    /// <summary>Finitely many named labels.</summary>
    Categorical,

    /// <summary>The integers from a minimum to a maximum, inclusive.</summary>
    IntegerRange,

    /// <summary>Real numbers (continuous).</summary>
    Real,
}

/// <summary>The values a variable can take: a finite labelled set (bool, categories, an integer range) or the reals.
/// Finite values are addressed by their index 0 … Size − 1, which is what factors and samplers store.</summary>
public sealed class Domain : IEquatable<Domain>
{
    private readonly string[] _labels;
    private readonly Dictionary<string, int> _index;

    private Domain(DomainKind kind, string[] labels, int minimum)
    {
        Kind = kind;
        _labels = labels;
        Minimum = minimum;
        _index = new Dictionary<string, int>(labels.Length, StringComparer.Ordinal);
        for (var i = 0; i < labels.Length; i++)
            if (!_index.TryAdd(labels[i], i))
                throw new CausalScriptException($"Duplicate label '{labels[i]}' in a categorical domain.");
    }

    /// <summary>The boolean domain {false, true}.</summary>
    public static Domain Bool { get; } = new(DomainKind.Bool, ["false", "true"], 0);

    /// <summary>The real line (a continuous variable).</summary>
    public static Domain Real { get; } = new(DomainKind.Real, [], 0);

    /// <summary>A categorical domain with the given labels, in order.</summary>
    /// <param name="labels">At least one label; labels must be distinct and non-empty.</param>
    /// <returns>The domain.</returns>
    /// <exception cref="CausalScriptException">No labels, an empty label or a duplicate label.</exception>
    public static Domain Categorical(params IEnumerable<string> labels)
    {
        var array = labels.ToArray();
        if (array.Length == 0) throw new CausalScriptException("A categorical domain needs at least one label.");
        if (array.Any(string.IsNullOrWhiteSpace)) throw new CausalScriptException("Categorical labels must not be empty.");
        return new Domain(DomainKind.Categorical, array, 0);
    }

    /// <summary>The integers <paramref name="minimum"/> … <paramref name="maximum"/> (inclusive).</summary>
    /// <param name="minimum">The smallest value.</param>
    /// <param name="maximum">The largest value (at least <paramref name="minimum"/>).</param>
    /// <returns>The domain.</returns>
    /// <exception cref="CausalScriptException">An empty range.</exception>
    public static Domain IntegerRange(int minimum, int maximum)
    {
        if (maximum < minimum) throw new CausalScriptException($"The integer range {minimum}..{maximum} is empty.");
        var labels = Enumerable.Range(0, checked(maximum - minimum + 1)).Select(i => (minimum + i).ToString(CultureInfo.InvariantCulture)).ToArray();
        return new Domain(DomainKind.IntegerRange, labels, minimum);
    }

    /// <summary>Bool, categorical, integer range or real.</summary>
    public DomainKind Kind { get; }

    /// <summary>True for every kind except <see cref="DomainKind.Real"/>.</summary>
    public bool IsFinite => Kind != DomainKind.Real;

    /// <summary>The number of values of a finite domain.</summary>
    /// <exception cref="CausalScriptException">The domain is real.</exception>
    public int Size => IsFinite ? _labels.Length : throw new CausalScriptException("A real domain has no finite size.");

    /// <summary>The labels of a finite domain in index order ("false", "true" for bool; the numbers for a range).</summary>
    public IReadOnlyList<string> Labels => _labels;

    /// <summary>The smallest value of an integer range (0 otherwise).</summary>
    public int Minimum { get; }

    /// <summary>The index of a value: a label, a bool, or an integer in the range.</summary>
    /// <param name="value">A string label, a bool or an int.</param>
    /// <param name="variable">The variable's name, for the error message.</param>
    /// <returns>The index 0 … Size − 1.</returns>
    /// <exception cref="CausalScriptException">The value is not in the domain; the message lists the domain.</exception>
    public int IndexOf(object value, string variable = "the variable")
    {
        switch (Kind)
        {
            case DomainKind.Bool when value is bool b: return b ? 1 : 0;
            case DomainKind.IntegerRange when value is int i && i >= Minimum && i - Minimum < _labels.Length: return i - Minimum;
            case DomainKind.Real: throw new CausalScriptException($"'{variable}' is continuous: its values have no index.");
        }
        if (value is string s && _index.TryGetValue(s, out var k)) return k;
        throw new CausalScriptException($"{Format(value)} is not a value of {variable}; its domain is {this}.");
    }

    /// <summary>The value at an index: bool, int or string label.</summary>
    /// <param name="index">0 … Size − 1.</param>
    /// <returns>The value.</returns>
    public object ValueAt(int index) => Kind switch
    {
        DomainKind.Bool => index == 1,
        DomainKind.IntegerRange => Minimum + index,
        DomainKind.Categorical => _labels[index],
        _ => throw new CausalScriptException("A real domain has no indexed values."),
    };

    private static string Format(object value) => value is string s ? $"'{s}'" : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null";

    /// <summary>Equal kind and labels.</summary>
    /// <param name="other">The other domain.</param>
    public bool Equals(Domain? other) => other is not null && Kind == other.Kind && _labels.AsSpan().SequenceEqual(other._labels);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Domain d && Equals(d);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, _labels.Length, _labels.FirstOrDefault());

    /// <summary><c>{false, true}</c>, <c>{low, high}</c>, <c>{0..3}</c> or <c>ℝ</c>.</summary>
    public override string ToString() => Kind switch
    {
        DomainKind.Real => "ℝ",
        DomainKind.IntegerRange => $"{{{Minimum}..{Minimum + _labels.Length - 1}}}",
        _ => "{" + string.Join(", ", _labels) + "}",
    };
}
