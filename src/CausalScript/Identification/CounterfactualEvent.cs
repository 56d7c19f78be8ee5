using System.Collections.Immutable;
using CausalScript.Expressions;
using CausalScript.Graphs;
using CausalScript.Models;

namespace CausalScript.Identification;

/// <summary>
/// A counterfactual event y_x: the variable Y, in the world where the intervention x was made, takes the value y
/// (Shpitser &amp; Pearl 2008, JMLR; identification-algorithms.md §3.1). Values are labels (as in a variable's
/// domain, e.g. <c>"0"</c> or <c>"true"</c>); an empty intervention makes the event factual. Text form:
/// <c>Y[X=0] = 1</c>, the name of <see cref="Variable.Under"/> followed by the value.
/// </summary>
public sealed class CounterfactualEvent : IEquatable<CounterfactualEvent>
{
    /// <summary>Creates the event variable = value under the intervention.</summary>
    /// <param name="variable">The variable Y.</param>
    /// <param name="value">The value label y.</param>
    /// <param name="intervention">The intervention x as variable → value label (none: a factual event).</param>
    /// <exception cref="CausalScriptException">An empty name or label.</exception>
    public CounterfactualEvent(string variable, string value, IEnumerable<KeyValuePair<string, string>>? intervention = null)
    {
        if (string.IsNullOrWhiteSpace(variable)) throw new CausalScriptException("A counterfactual event needs a variable name.");
        if (string.IsNullOrEmpty(value)) throw new CausalScriptException($"The event on '{variable}' needs a value label.");
        Variable = variable;
        Value = value;
        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in intervention ?? [])
        {
            if (string.IsNullOrWhiteSpace(k) || string.IsNullOrEmpty(v)) throw new CausalScriptException($"The intervention of the event on '{variable}' has an empty name or value.");
            if (builder.ContainsKey(k)) throw new CausalScriptException($"'{k}' is assigned twice in the intervention of the event on '{variable}'.");
            builder[k] = v;
        }
        Intervention = builder.ToImmutable();
    }

    /// <summary>The event variable = value under the intervention given as pairs, e.g. <c>Of("Y", "1", ("X", "0"))</c>.</summary>
    /// <param name="variable">The variable.</param>
    /// <param name="value">The value label.</param>
    /// <param name="intervention">(variable, value label) pairs.</param>
    /// <returns>The event.</returns>
    public static CounterfactualEvent Of(string variable, string value, params (string Variable, string Value)[] intervention) =>
        new(variable, value, intervention.Select(p => KeyValuePair.Create(p.Variable, p.Value)));

    /// <summary>The event of an assignment to a (possibly counterfactual) model variable, e.g.
    /// <c>Y.Under(X.Is(0)).Is(1)</c>; values become their domain labels.</summary>
    /// <param name="assignment">The assignment (finite variables only).</param>
    /// <returns>The event.</returns>
    /// <exception cref="CausalScriptException">A continuous variable.</exception>
    public static CounterfactualEvent From(Assignment assignment)
    {
        var v = assignment.Variable;
        if (!v.Domain.IsFinite) throw new CausalScriptException($"'{v.Name}' is continuous; counterfactual events take finite values.");
        var baseVariable = v.Base ?? v;
        string Label(Assignment a) => a.Variable.Domain.IsFinite
            ? a.Variable.Domain.Labels[a.Index]
            : throw new CausalScriptException($"'{a.Variable.Name}' is continuous; counterfactual events take finite values.");
        return new CounterfactualEvent(baseVariable.Name, Label(assignment), v.Intervention.Select(a => KeyValuePair.Create(a.Variable.Name, Label(a))));
    }

    /// <summary>Parses <c>Y = 1</c> or <c>Y[X=0,Z=1] = 1</c> (names and labels without <c>[</c>, <c>]</c>, <c>,</c>, <c>=</c>; spaces
    /// around them are ignored).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The event.</returns>
    /// <exception cref="CausalScriptException">Malformed text.</exception>
    public static CounterfactualEvent Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var close = text.LastIndexOf(']');
        var eq = text.IndexOf('=', close + 1);
        if (eq < 0) throw new CausalScriptException($"'{text}' is not an event: expected 'Y = y' or 'Y[X=x] = y'.");
        var head = text[..eq].Trim();
        var value = text[(eq + 1)..].Trim();
        var open = head.IndexOf('[');
        if (open < 0) return new CounterfactualEvent(head, value);
        if (!head.EndsWith(']')) throw new CausalScriptException($"'{text}' is not an event: unbalanced brackets.");
        var pairs = head[(open + 1)..^1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p =>
        {
            var parts = p.Split('=', StringSplitOptions.TrimEntries);
            if (parts.Length != 2) throw new CausalScriptException($"'{p}' in '{text}' is not an assignment 'X=x'.");
            return KeyValuePair.Create(parts[0], parts[1]);
        });
        return new CounterfactualEvent(head[..open].Trim(), value, pairs);
    }

    /// <summary>The variable Y.</summary>
    public string Variable { get; }

    /// <summary>The value label y.</summary>
    public string Value { get; }

    /// <summary>The intervention x (sorted by variable name; empty for a factual event).</summary>
    public ImmutableSortedDictionary<string, string> Intervention { get; }

    /// <summary>True when the intervention is empty.</summary>
    public bool IsFactual => Intervention.IsEmpty;

    /// <summary>The event with its canonical subscript (identification-algorithms.md §3.1, line 163): Y_w becomes
    /// Y_{w ∩ An(Y) in G_{W̄}}: interventions that cannot reach Y once all of W is fixed are dropped (exclusion
    /// restriction), so that equal counterfactuals have equal names.</summary>
    /// <param name="graph">The causal graph (latent nodes are projected away).</param>
    /// <returns>The canonical event.</returns>
    /// <exception cref="UnknownNodeException">A variable is not in the graph.</exception>
    public CounterfactualEvent Canonical(Admg graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var g = CfQuery.Observed(graph);
        foreach (var v in Intervention.Keys.Prepend(Variable)) CfQuery.RequireNode(g, v);
        if (Intervention.IsEmpty) return this;
        var reach = g.RemoveIncomingEdges(Intervention.Keys).Ancestors(Variable);
        return new CounterfactualEvent(Variable, Value, Intervention.Where(kv => reach.Contains(kv.Key)));
    }

    /// <summary>The counterfactual variable's name, <c>Y[X=0]</c> (as <see cref="Variable.Under"/> names it).</summary>
    public string VariableName => Intervention.IsEmpty ? Variable : $"{Variable}[{string.Join(",", Intervention.Select(kv => $"{kv.Key}={kv.Value}"))}]";

    /// <summary><c>Y[X=0] = 1</c>.</summary>
    public override string ToString() => $"{VariableName} = {Value}";

    /// <summary>Equal variable, value and intervention.</summary>
    /// <param name="other">The other event.</param>
    public bool Equals(CounterfactualEvent? other) =>
        other is not null && Variable == other.Variable && Value == other.Value && Intervention.Count == other.Intervention.Count
        && Intervention.All(kv => other.Intervention.TryGetValue(kv.Key, out var v) && v == kv.Value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is CounterfactualEvent e && Equals(e);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());
}

/// <summary>
/// A conjunction of counterfactual events (a set: duplicates are dropped, the order of first occurrence is kept).
/// It is inconsistent — probability 0 — when it gives two values to the same counterfactual variable (same variable
/// and intervention), or when an event contradicts its own intervention (X_{X=x} = x′, effectiveness).
/// Use <see cref="Canonical"/> first so that equal counterfactuals with different subscripts are recognised.
/// </summary>
public sealed class CounterfactualConjunction : IReadOnlyList<CounterfactualEvent>
{
    private readonly CounterfactualEvent[] _events;

    /// <summary>The conjunction of the events.</summary>
    /// <param name="events">The events.</param>
    public CounterfactualConjunction(IEnumerable<CounterfactualEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var seen = new HashSet<CounterfactualEvent>();
        _events = events.Select(e => e ?? throw new ArgumentNullException(nameof(events))).Where(seen.Add).ToArray();
        var byVariable = new Dictionary<string, CounterfactualEvent>(StringComparer.Ordinal);
        foreach (var e in _events)
        {
            if (e.Intervention.TryGetValue(e.Variable, out var forced) && forced != e.Value)
            {
                Contradiction = (e, e);
                break;
            }
            if (byVariable.TryGetValue(e.VariableName, out var previous))
            {
                Contradiction = (previous, e);
                break;
            }
            byVariable[e.VariableName] = e;
        }
    }

    /// <summary>The conjunction of the given events.</summary>
    /// <param name="events">The events.</param>
    /// <returns>The conjunction.</returns>
    public static CounterfactualConjunction Of(params CounterfactualEvent[] events) => new(events);

    /// <summary>True when the conjunction has probability 0 in every model (see the class summary).</summary>
    public bool IsInconsistent => Contradiction is not null;

    /// <summary>The first two contradicting events (the same event twice when it contradicts its own intervention).</summary>
    public (CounterfactualEvent First, CounterfactualEvent Second)? Contradiction { get; }

    /// <summary>The conjunction of the canonical events (see <see cref="CounterfactualEvent.Canonical"/>).</summary>
    /// <param name="graph">The causal graph.</param>
    /// <returns>The canonical conjunction.</returns>
    public CounterfactualConjunction Canonical(Admg graph) => new(_events.Select(e => e.Canonical(graph)));

    /// <inheritdoc/>
    public CounterfactualEvent this[int index] => _events[index];

    /// <inheritdoc/>
    public int Count => _events.Length;

    /// <inheritdoc/>
    public IEnumerator<CounterfactualEvent> GetEnumerator() => ((IEnumerable<CounterfactualEvent>)_events).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>"Y[X=0] = 1 ∧ X = 1" (⊤ when empty).</summary>
    public override string ToString() => _events.Length == 0 ? "⊤" : string.Join(" ∧ ", _events.Select(e => e.ToString()));
}

/// <summary>
/// How the concrete value labels of a counterfactual query appear in its estimand: the first label seen for a
/// variable X (in query order: each event's value, then its intervention by variable name) is the symbol x, the
/// second distinct label x′, and so on. Any other free symbol of an estimand is a context variable that ID left free
/// (its value does not matter as long as it has positive probability).
/// </summary>
public sealed class ValueSymbols : IEquatable<ValueSymbols>
{
    private readonly Dictionary<(string Variable, string Label), Symbol> _symbols = [];
    private readonly SortedDictionary<Symbol, string> _labels = [];

    internal ValueSymbols(IEnumerable<CounterfactualEvent> events)
    {
        foreach (var e in events)
        {
            Add(e.Variable, e.Value);
            foreach (var (k, v) in e.Intervention) Add(k, v);
        }
    }

    private void Add(string variable, string label)
    {
        if (_symbols.ContainsKey((variable, label))) return;
        var primes = _symbols.Keys.Count(k => k.Variable == variable);
        var s = new Symbol(variable, primes);
        _symbols[(variable, label)] = s;
        _labels[s] = label;
    }

    /// <summary>Symbol → value label, for every value of the query.</summary>
    public IReadOnlyDictionary<Symbol, string> Labels => _labels;

    /// <summary>The symbol of a value of the query.</summary>
    /// <param name="variable">The variable.</param>
    /// <param name="label">The value label.</param>
    /// <exception cref="CausalScriptException">The query does not mention this value.</exception>
    public Symbol this[string variable, string label] =>
        _symbols.TryGetValue((variable, label), out var s) ? s
        : throw new CausalScriptException($"The query does not mention the value '{label}' of '{variable}'.");

    /// <summary>True if the symbol stands for a value of the query.</summary>
    /// <param name="symbol">A symbol.</param>
    public bool Contains(Symbol symbol) => _labels.ContainsKey(symbol);

    /// <summary>The label a symbol stands for.</summary>
    /// <param name="symbol">A symbol of the query.</param>
    /// <exception cref="CausalScriptException">The symbol is not a value of the query.</exception>
    public string LabelOf(Symbol symbol) =>
        _labels.TryGetValue(symbol, out var l) ? l : throw new CausalScriptException($"{symbol} is not a value of the query.");

    /// <summary>The codes of the query's values for evaluating an estimand on a distribution
    /// (<see cref="ExpressionEvaluator.Evaluate{T}"/>); context symbols must be added by the caller.</summary>
    /// <typeparam name="T"><c>double</c> or <see cref="Inference.Rational"/>.</typeparam>
    /// <param name="source">The distribution (for the variables' domains).</param>
    /// <returns>Symbol → code.</returns>
    public Dictionary<Symbol, int> Codes<T>(IDistributionSource<T> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return _labels.ToDictionary(kv => kv.Key, kv =>
        {
            var v = source.Variable(kv.Key.Variable);
            return v.Domain.IndexOf(kv.Value, v.Name);
        });
    }

    /// <summary>"x = 0, x′ = 1, y = 1".</summary>
    public override string ToString() => string.Join(", ", _labels.Select(kv => $"{kv.Key.ToLatex()} = {kv.Value}"));

    /// <summary>Equal when the same symbols stand for the same labels.</summary>
    /// <param name="other">The other mapping.</param>
    public bool Equals(ValueSymbols? other) =>
        other is not null && _labels.Count == other._labels.Count && _labels.All(kv => other._labels.TryGetValue(kv.Key, out var l) && l == kv.Value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ValueSymbols v && Equals(v);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());
}

/// <summary>A counterfactual event over symbols (the algorithms' working form): the value symbol (its variable is the
/// event's variable) and the subscript, at most one symbol per variable.</summary>
internal sealed class CfEvent : IEquatable<CfEvent>
{
    public CfEvent(Symbol value, IEnumerable<Symbol> sub)
    {
        Value = value;
        Sub = sub.ToImmutableSortedSet();
        Key = Variable + "|" + string.Join(",", Sub.Select(s => s.Variable));
    }

    public Symbol Value { get; }

    public ImmutableSortedSet<Symbol> Sub { get; }

    public string Variable => Value.Variable;

    /// <summary>Variable and subscript variables: the counterfactual variable (without the values of the subscript).</summary>
    public string Key { get; }

    /// <summary>The subscript's value of a variable, if the subscript sets it.</summary>
    public Symbol? SubValueOf(string variable)
    {
        foreach (var s in Sub)
            if (s.Variable == variable) return s;
        return null;
    }

    public bool Equals(CfEvent? other) => other is not null && Value == other.Value && Sub.SetEquals(other.Sub);

    public override bool Equals(object? obj) => obj is CfEvent e && Equals(e);

    public override int GetHashCode() => HashCode.Combine(Value, string.Join(",", Sub));

    /// <summary>The paper's notation: <c>y_{x, z}</c>, <c>x'</c>.</summary>
    public override string ToString() => Sub.IsEmpty ? Value.ToLatex() : $"{Value.ToLatex()}_{{{string.Join(",", Sub.Select(s => s.ToLatex()))}}}";
}

/// <summary>Shared preparation of counterfactual queries.</summary>
internal static class CfQuery
{
    public static Admg Observed(Admg graph) => graph.HasLatents ? graph.ProjectLatents() : graph;

    public static void RequireNode(Admg g, string v)
    {
        if (!g.Contains(v)) throw new UnknownNodeException(v, NameSuggestion.Closest(v, g.Nodes));
    }

    /// <summary>Checks the events' variables against the (projected) graph and translates them to symbols.</summary>
    public static List<CfEvent> ToSymbols(Admg g, IEnumerable<CounterfactualEvent> events, ValueSymbols symbols)
    {
        var list = new List<CfEvent>();
        foreach (var e in events)
        {
            ArgumentNullException.ThrowIfNull(e);
            foreach (var v in e.Intervention.Keys.Prepend(e.Variable)) RequireNode(g, v);
            list.Add(new CfEvent(symbols[e.Variable, e.Value], e.Intervention.Select(kv => symbols[kv.Key, kv.Value])));
        }
        return list;
    }

    /// <summary>Prints a symbol as its label when it is a value of the query, else (a summation index) in the paper's
    /// lower-case notation, e.g. <c>w</c> or <c>x''</c>.</summary>
    public static string Label(ValueSymbols symbols, Symbol s) => symbols.Contains(s) ? symbols.LabelOf(s) : s.ToLatex();
}
