using System.Globalization;

namespace CausalScript.Models;

/// <summary>
/// How values live in the sampler's columns: a finite variable stores its <em>code</em> (the index into its domain,
/// so a bool is 0/1 and an integer range starts at 0), a real variable its value. This type converts between codes,
/// the .NET values users see (bool, int, string label, double) and the numeric reading used by linear mechanisms.
/// </summary>
internal static class ValueCodec
{
    /// <summary>The .NET value of a code: bool, int, string label, or the double itself.</summary>
    public static object ToObject(Variable v, double code) =>
        v.Domain.IsFinite ? v.Domain.ValueAt((int)code) : code;

    /// <summary>The code of a user value; throws naming the variable when it is outside the domain.</summary>
    public static double ToCode(Variable v, object value) =>
        v.Domain.IsFinite ? v.Domain.IndexOf(value, v.Name)
        : value switch
        {
            double d => d,
            float f => f,
            int i => i,
            long l => l,
            _ => throw new ModelException($"'{v.Name}' is continuous: a value must be a number, not {Describe(value)}.", v.Name),
        };

    /// <summary>Offset from a code to the numeric value (the minimum of an integer range, else 0).</summary>
    public static double NumericOffset(Variable v) => v.Domain.Kind == DomainKind.IntegerRange ? v.Domain.Minimum : 0;

    /// <summary>Throws unless the variable has a numeric reading (bool 0/1, integer, real).</summary>
    public static void RequireNumeric(Variable v, string mechanism, Variable child)
    {
        if (v.Domain.Kind == DomainKind.Categorical)
            throw new ModelException(
                $"The {mechanism} mechanism of '{child.Name}' reads its parent '{v.Name}' as a number, but '{v.Name}' is categorical " +
                $"{v.Domain}; use a CPT or a function mechanism, or make '{v.Name}' bool or an integer range.", child.Name);
    }

    /// <summary>A reader from a code to a typed .NET value, checked once against the domain kind.</summary>
    public static Func<double, T> Reader<T>(Variable v, Variable child)
    {
        var kind = v.Domain.Kind;
        object reader = typeof(T) switch
        {
            var t when t == typeof(bool) && kind == DomainKind.Bool => (Func<double, bool>)(c => c != 0),
            var t when t == typeof(int) && kind == DomainKind.IntegerRange => (Func<double, int>)(c => (int)c + v.Domain.Minimum),
            var t when t == typeof(int) && kind is DomainKind.Bool or DomainKind.Categorical => (Func<double, int>)(c => (int)c),
            var t when t == typeof(string) && v.Domain.IsFinite => (Func<double, string>)(c => v.Domain.Labels[(int)c]),
            var t when t == typeof(double) && kind == DomainKind.Real => (Func<double, double>)(c => c),
            var t when t == typeof(double) && kind is DomainKind.Bool or DomainKind.IntegerRange => (Func<double, double>)(c => c + NumericOffset(v)),
            var t when t == typeof(object) => (Func<double, object>)(c => ToObject(v, c)),
            _ => throw new ModelException(
                $"The mechanism of '{child.Name}' reads its parent '{v.Name}' as {typeof(T).Name}, but '{v.Name}' has domain {v.Domain}; " +
                $"read it as {Expected(v)}.", child.Name),
        };
        return (Func<double, T>)reader;
    }

    /// <summary>A writer from a typed .NET value to a code, or NaN when the value is outside the domain.</summary>
    public static Func<T, double> Writer<T>(Variable child)
    {
        var kind = child.Domain.Kind;
        object writer = typeof(T) switch
        {
            var t when t == typeof(bool) && kind == DomainKind.Bool => (Func<bool, double>)(b => b ? 1 : 0),
            var t when t == typeof(int) && kind == DomainKind.IntegerRange =>
                (Func<int, double>)(i => i >= child.Domain.Minimum && i - child.Domain.Minimum < child.Domain.Size ? i - child.Domain.Minimum : double.NaN),
            var t when t == typeof(int) && kind is DomainKind.Bool or DomainKind.Categorical =>
                (Func<int, double>)(i => i >= 0 && i < child.Domain.Size ? i : double.NaN),
            var t when t == typeof(string) && child.Domain.IsFinite =>
                (Func<string, double>)(s => s is not null && child.Domain.Labels.Contains(s) ? child.Domain.IndexOf(s, child.Name) : double.NaN),
            var t when t == typeof(double) && kind == DomainKind.Real => (Func<double, double>)(d => d),
            var t when t == typeof(double) && kind is DomainKind.Bool or DomainKind.IntegerRange =>
                (Func<double, double>)(d => d - NumericOffset(child) is var c && c >= 0 && c < child.Domain.Size && c == Math.Floor(c) ? c : double.NaN),
            var t when t == typeof(object) => (Func<object, double>)(o => TryCode(child, o)),
            _ => throw new ModelException(
                $"The mechanism of '{child.Name}' returns {typeof(T).Name}, but '{child.Name}' has domain {child.Domain}; return {Expected(child)}.", child.Name),
        };
        return (Func<T, double>)writer;
    }

    private static double TryCode(Variable v, object o)
    {
        try { return ToCode(v, o); }
        catch (CausalScriptException) { return double.NaN; }
    }

    public static string Expected(Variable v) => v.Domain.Kind switch
    {
        DomainKind.Bool => "bool",
        DomainKind.IntegerRange => "int (or double)",
        DomainKind.Categorical => "string (a label) or int (a code)",
        _ => "double",
    };

    public static string Describe(object? value) => value switch
    {
        null => "null",
        string s => $"'{s}'",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "?",
    };

    /// <summary>"A = 1, B = true" for the parents' codes at one row.</summary>
    public static string DescribeRow(IReadOnlyList<Variable> vars, Func<int, double> code) =>
        vars.Count == 0 ? "no parents" : string.Join(", ", vars.Select((v, i) => $"{v.Name} = {Describe(ToObject(v, code(i)))}"));
}
