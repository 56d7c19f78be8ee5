using System.Text;

namespace CausalScript.Expressions;

/// <summary>
/// A value of a variable as it appears in a probability expression: <c>x</c> stands for "X takes the value x";
/// primes mark other values of the same variable (<c>x′</c>, a bound summation index or a second value such as the
/// x′ of a counterfactual query). Ordered by variable name, then primes.
/// </summary>
/// <param name="Variable">The variable's name.</param>
/// <param name="Primes">0 for the plain value, 1 for x′, 2 for x″, …</param>
public readonly record struct Symbol(string Variable, int Primes = 0) : IComparable<Symbol>
{
    /// <summary>A copy of this symbol with one more prime.</summary>
    public Symbol Prime() => this with { Primes = Primes + 1 };

    /// <inheritdoc/>
    public int CompareTo(Symbol other)
    {
        var c = string.CompareOrdinal(Variable, other.Variable);
        return c != 0 ? c : Primes.CompareTo(other.Primes);
    }

    /// <summary>The text form: the variable name (quoted unless it is a plain identifier) with ASCII primes, e.g. <c>X'</c>.</summary>
    public override string ToString() => (IsIdentifier(Variable) ? Variable : "\"" + Variable.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"") + new string('\'', Primes);

    internal static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c is '_' or '.');

    /// <summary>The LaTeX form: the value in lower case, digits as a subscript, primes, e.g. <c>w_{1}'</c>.</summary>
    public string ToLatex()
    {
        var name = Variable.ToLowerInvariant();
        var split = name.Length;
        while (split > 1 && char.IsAsciiDigit(name[split - 1])) split--;
        var text = new StringBuilder();
        var letters = name[..split];
        text.Append(letters.Length > 1 && letters.All(char.IsAsciiLetter) ? $"\\mathit{{{letters}}}" : Escape(letters));
        if (split < name.Length) text.Append("_{").Append(name[split..]).Append('}');
        text.Append(new string('\'', Primes));
        return text.ToString();
    }

    private static string Escape(string s) => s.Replace("_", "\\_");
}
