using System.Text;

namespace CausalScript.Graphs.Text;

/// <summary>
/// Parses dagitty's graph syntax (Textor et al. 2016) restricted to ADMGs — <c>dag { x -> y; x &lt;-> y; u [latent] }</c>
/// — and the compact one-line form without the <c>dag { }</c> wrapper. Statements are separated by <c>;</c>, newlines
/// or plain white space; edges chain (<c>a -> b &lt;- c</c>) and may fan out to groups (<c>a -> { b c }</c>). Node
/// attributes: <c>latent</c>, <c>exposure</c>, <c>outcome</c>, <c>adjusted</c>, and <c>pos="x,y"</c> (layout only,
/// accepted and not kept). Names are identifiers or double-quoted strings. <c>//</c> starts a comment.
/// </summary>
internal sealed class AdmgParser
{
    private enum Kind { Name, Arrow, LBrace, RBrace, LBracket, RBracket, Comma, Equals, Semicolon, End }

    private readonly record struct Token(Kind Kind, string Text, int Line, int Column);

    private readonly List<Token> _tokens;
    private int _pos;
    private readonly AdmgBuilder _builder = new();

    private AdmgParser(List<Token> tokens) => _tokens = tokens;

    public static Admg Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new AdmgParser(Tokenize(text));
        return parser.ParseGraph();
    }

    private Token Peek => _tokens[_pos];
    private Token Next() => _tokens[_pos++];

    private static ParseException Error(Token t, string message) => new(message, t.Line, t.Column);

    private Admg ParseGraph()
    {
        var wrapped = false;
        if (Peek.Kind == Kind.Name && _tokens[_pos + 1].Kind == Kind.LBrace && Peek.Text is "dag" or "pdag" or "mag" or "pag" or "graph")
        {
            var type = Next();
            if (type.Text != "dag")
                throw Error(type, $"Graph type '{type.Text}' is not supported; CausalScript reads 'dag' (bidirected edges <-> are allowed).");
            Next();
            wrapped = true;
        }
        while (true)
        {
            var t = Peek;
            if (t.Kind == Kind.End)
            {
                if (wrapped) throw Error(t, "Missing '}' to close 'dag {'.");
                break;
            }
            if (t.Kind == Kind.RBrace)
            {
                if (!wrapped) throw Error(t, "Unexpected '}': there is no 'dag {' to close.");
                Next();
                if (Peek.Kind != Kind.End) throw Error(Peek, $"Unexpected '{Peek.Text}' after the closing '}}'.");
                break;
            }
            if (t.Kind == Kind.Semicolon) { Next(); continue; }
            ParseStatement();
        }
        return _builder.Build();
    }

    private void ParseStatement()
    {
        // Graph attribute bb="..." (dagitty's bounding box): layout only.
        if (Peek.Kind == Kind.Name && Peek.Text == "bb" && _tokens[_pos + 1].Kind == Kind.Equals)
        {
            Next(); Next();
            var v = Next();
            if (v.Kind != Kind.Name) throw Error(v, "Expected a value after 'bb ='.");
            return;
        }
        var left = ParseGroup();
        while (Peek.Kind == Kind.Arrow)
        {
            var arrow = Next();
            var right = ParseGroup();
            foreach (var a in left)
            foreach (var b in right)
                AddEdge(arrow, a, b);
            left = right;
        }
    }

    private List<string> ParseGroup()
    {
        var t = Peek;
        var names = new List<string>();
        if (t.Kind == Kind.LBrace)
        {
            Next();
            while (Peek.Kind is Kind.Name or Kind.Comma or Kind.Semicolon)
            {
                var n = Next();
                if (n.Kind == Kind.Name) names.Add(DeclareNode(n));
            }
            if (Peek.Kind != Kind.RBrace) throw Error(Peek, $"Expected '}}' to close the node group, found {Describe(Peek)}.");
            Next();
            if (names.Count == 0) throw Error(t, "Empty node group '{ }'.");
            return names;
        }
        if (t.Kind != Kind.Name) throw Error(t, $"Expected a node name, found {Describe(t)}.");
        Next();
        names.Add(DeclareNode(t));
        return names;
    }

    private string DeclareNode(Token name)
    {
        if (Peek.Kind == Kind.Equals) throw Error(Peek, $"Unexpected '=' after '{name.Text}': only 'bb' may be assigned at graph level.");
        try { _builder.Node(name.Text); }
        catch (GraphException e) { throw Error(name, e.Message); }
        if (Peek.Kind == Kind.LBracket) ParseAttributes(name.Text);
        return name.Text;
    }

    private void ParseAttributes(string node)
    {
        Next();
        while (true)
        {
            var key = Next();
            if (key.Kind != Kind.Name) throw Error(key, $"Expected an attribute name for node '{node}', found {Describe(key)}.");
            switch (key.Text)
            {
                case "latent": _builder.Latent(node); break;
                case "exposure": _builder.Exposure(node); break;
                case "outcome": _builder.Outcome(node); break;
                case "adjusted": _builder.Adjusted(node); break;
                case "pos":
                    if (Next() is not { Kind: Kind.Equals } eq) throw Error(_tokens[_pos - 1], "Expected '=' after 'pos'.");
                    if (Next() is not { Kind: Kind.Name }) throw Error(_tokens[_pos - 1], "Expected a value after 'pos ='.");
                    break;
                default:
                    throw Error(key, $"Unsupported attribute '{key.Text}' on node '{node}' (supported: latent, exposure, outcome, adjusted, pos).");
            }
            var sep = Next();
            if (sep.Kind == Kind.RBracket) return;
            if (sep.Kind != Kind.Comma) throw Error(sep, $"Expected ',' or ']' in the attributes of node '{node}', found {Describe(sep)}.");
        }
    }

    private void AddEdge(Token arrow, string a, string b)
    {
        try
        {
            switch (arrow.Text)
            {
                case "->": _builder.Edge(a, b); break;
                case "<-": _builder.Edge(b, a); break;
                case "<->": _builder.Bidirected(a, b); break;
                case "--":
                    throw Error(arrow, $"Undirected edge {a} -- {b} is not allowed in an ADMG; use -> for a causal effect or <-> for a latent common cause.");
                default:
                    throw Error(arrow, $"Unsupported edge '{arrow.Text}' between {a} and {b}; use ->, <- or <->.");
            }
        }
        catch (GraphException e) { throw Error(arrow, e.Message); }
    }

    private static string Describe(Token t) => t.Kind switch
    {
        Kind.End => "the end of the text",
        Kind.Name => $"'{t.Text}'",
        _ => $"'{t.Text}'",
    };

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        int line = 1, col = 1, i = 0;
        void Advance(int k) { for (var j = 0; j < k; j++) { if (text[i] == '\n') { line++; col = 1; } else col++; i++; } }
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { Advance(1); continue; }
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                while (i < text.Length && text[i] != '\n') Advance(1);
                continue;
            }
            int l = line, k = col;
            switch (c)
            {
                case '{': tokens.Add(new(Kind.LBrace, "{", l, k)); Advance(1); continue;
                case '}': tokens.Add(new(Kind.RBrace, "}", l, k)); Advance(1); continue;
                case '[': tokens.Add(new(Kind.LBracket, "[", l, k)); Advance(1); continue;
                case ']': tokens.Add(new(Kind.RBracket, "]", l, k)); Advance(1); continue;
                case ',': tokens.Add(new(Kind.Comma, ",", l, k)); Advance(1); continue;
                case '=': tokens.Add(new(Kind.Equals, "=", l, k)); Advance(1); continue;
                case ';': tokens.Add(new(Kind.Semicolon, ";", l, k)); Advance(1); continue;
            }
            if (c is '-' or '<' or '@')
            {
                var start = i;
                var j = i;
                while (j < text.Length && text[j] is '-' or '<' or '>' or '@') j++;
                var op = text[start..j];
                if (op is not ("->" or "<-" or "<->" or "--"))
                    throw new ParseException($"Unknown edge '{op}'; use ->, <- or <->.", l, k);
                tokens.Add(new(Kind.Arrow, op, l, k));
                Advance(j - i);
                continue;
            }
            if (c == '"')
            {
                var sb = new StringBuilder();
                Advance(1);
                while (true)
                {
                    if (i >= text.Length) throw new ParseException("Unterminated quoted name (missing closing \").", l, k);
                    var d = text[i];
                    if (d == '"') { Advance(1); break; }
                    if (d == '\\' && i + 1 < text.Length) { Advance(1); sb.Append(text[i]); Advance(1); continue; }
                    sb.Append(d);
                    Advance(1);
                }
                tokens.Add(new(Kind.Name, sb.ToString(), l, k));
                continue;
            }
            if (IsNameChar(c))
            {
                var start = i;
                while (i < text.Length && IsNameChar(text[i])) Advance(1);
                tokens.Add(new(Kind.Name, text[start..i], l, k));
                continue;
            }
            throw new ParseException($"Unexpected character '{c}'.", l, k);
        }
        tokens.Add(new(Kind.End, "", line, col));
        tokens.Add(new(Kind.End, "", line, col));
        return tokens;
    }

    internal static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '.' or '\'' or '$';
}
