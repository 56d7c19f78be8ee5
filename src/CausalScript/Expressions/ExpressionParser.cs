using System.Globalization;
using System.Text;
using CausalScript.Inference;

namespace CausalScript.Expressions;

/// <summary>
/// Reads the text form written by <see cref="Expression.ToText"/>:
/// <code>
/// expr    := factor+                                  (a product)
/// factor  := P(symbols [| cond, …]) | sum_{symbols} expr | [expr] / [expr] | (expr) | integer [/ integer]
/// cond    := symbol | do(symbols)
/// symbol  := identifier or "quoted name", followed by primes '
/// </code>
/// A sum extends to the end of the product it starts in. Errors carry line and column.
/// </summary>
public static class ExpressionParser
{
    /// <summary>Parses an expression.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The expression (normalised by the smart constructors).</returns>
    /// <exception cref="ParseException">Malformed text, with line and column.</exception>
    public static Expression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reader = new Reader(text);
        var e = reader.Product();
        reader.SkipSpace();
        if (!reader.AtEnd) throw reader.Error($"Unexpected '{reader.Peek}'.");
        return e;
    }

    private sealed class Reader(string text)
    {
        private int _pos;

        public bool AtEnd => _pos >= text.Length;

        public char Peek => text[_pos];

        public ParseException Error(string message)
        {
            var line = 1;
            var column = 1;
            for (var i = 0; i < Math.Min(_pos, text.Length); i++)
                if (text[i] == '\n') { line++; column = 1; } else column++;
            return new ParseException(message, line, column);
        }

        public void SkipSpace()
        {
            while (!AtEnd && (char.IsWhiteSpace(Peek) || Peek is '*' or '·')) _pos++;
        }

        private bool Try(string token)
        {
            SkipSpace();
            if (string.CompareOrdinal(text, _pos, token, 0, token.Length) != 0) return false;
            _pos += token.Length;
            return true;
        }

        private void Expect(string token)
        {
            if (!Try(token)) throw Error(AtEnd ? $"Expected '{token}' but the text ended." : $"Expected '{token}' but found '{Peek}'.");
        }

        public Expression Product()
        {
            var factors = new List<Expression>();
            while (true)
            {
                SkipSpace();
                if (AtEnd || Peek is ')' or ']') break;
                if (Try("sum_{"))
                {
                    var indices = Symbols('}');
                    Expect("}");
                    factors.Add(Expression.Sum(indices, Product()));
                    break;
                }
                factors.Add(Factor());
            }
            if (factors.Count == 0) throw Error(AtEnd ? "Expected an expression but the text ended." : $"Expected an expression but found '{Peek}'.");
            return Expression.Product(factors);
        }

        private Expression Factor()
        {
            SkipSpace();
            if (Try("P("))
            {
                var outcomes = Symbols('|', ')');
                var conditions = new List<Symbol>();
                var interventions = new List<Symbol>();
                if (Try("|"))
                    do
                    {
                        if (Try("do(")) { interventions.AddRange(Symbols(')')); Expect(")"); }
                        else conditions.Add(Symbol());
                    } while (Try(","));
                Expect(")");
                try { return Expression.P(outcomes, conditions, interventions); }
                catch (CausalScriptException e) when (e is not ParseException) { throw Error(e.Message); }
            }
            if (Try("["))
            {
                var numerator = Product();
                Expect("]");
                Expect("/");
                Expect("[");
                var denominator = Product();
                Expect("]");
                return Expression.Fraction(numerator, denominator);
            }
            if (Try("("))
            {
                var inner = Product();
                Expect(")");
                return inner;
            }
            if (!AtEnd && char.IsAsciiDigit(Peek))
            {
                var n = Integer();
                if (Try("/")) return Expression.Const(new Rational(n, Integer()));
                return Expression.Const(new Rational(n, 1));
            }
            throw Error(AtEnd ? "Expected a factor but the text ended." : $"Expected P(…), sum_{{…}}, [..] / [..], ( … ) or a number, but found '{Peek}'.");
        }

        private System.Numerics.BigInteger Integer()
        {
            SkipSpace();
            var start = _pos;
            while (!AtEnd && char.IsAsciiDigit(Peek)) _pos++;
            if (start == _pos) throw Error("Expected a number.");
            return System.Numerics.BigInteger.Parse(text.AsSpan(start, _pos - start), CultureInfo.InvariantCulture);
        }

        private List<Symbol> Symbols(params char[] stops)
        {
            var list = new List<Symbol>();
            SkipSpace();
            if (!AtEnd && stops.Contains(Peek)) return list;
            do list.Add(Symbol()); while (Try(","));
            return list;
        }

        private Symbol Symbol()
        {
            SkipSpace();
            string name;
            if (!AtEnd && Peek == '"')
            {
                var sb = new StringBuilder();
                _pos++;
                while (!AtEnd && Peek != '"')
                {
                    if (Peek == '\\' && _pos + 1 < text.Length) _pos++;
                    sb.Append(text[_pos++]);
                }
                Expect("\"");
                name = sb.ToString();
            }
            else
            {
                var start = _pos;
                while (!AtEnd && (char.IsLetterOrDigit(Peek) || Peek is '_' or '.')) _pos++;
                if (start == _pos) throw Error(AtEnd ? "Expected a variable but the text ended." : $"Expected a variable but found '{Peek}'.");
                name = text[start.._pos];
            }
            var primes = 0;
            while (!AtEnd && Peek is '\'' or '′') { primes++; _pos++; }
            return new Symbol(name, primes);
        }
    }
}
