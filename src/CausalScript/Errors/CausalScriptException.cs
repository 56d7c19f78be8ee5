namespace CausalScript;

/// <summary>Base class of every exception CausalScript throws for misuse or malformed input.</summary>
/// <remarks>Expected outcomes (a query that is not identifiable, no adjustment set exists) are values, not exceptions.</remarks>
public class CausalScriptException : Exception
{
    /// <summary>Creates the exception with a message that names the culprit.</summary>
    /// <param name="message">What is wrong, naming the variable, edge or position concerned.</param>
    public CausalScriptException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="inner">The underlying exception.</param>
    public CausalScriptException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>A causal graph is malformed or a graph query is ill-posed (unknown node, cycle, overlapping sets …).</summary>
public class GraphException : CausalScriptException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="nodes">The nodes concerned, in a meaningful order (for a cycle: the cycle in order).</param>
    public GraphException(string message, IEnumerable<string>? nodes = null) : base(message) =>
        Nodes = (nodes ?? []).ToArray();

    /// <summary>The nodes the error is about (for a cycle: the nodes of one cycle in order). May be empty.</summary>
    public IReadOnlyList<string> Nodes { get; }
}

/// <summary>A node name that the graph does not contain.</summary>
public sealed class UnknownNodeException : GraphException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="name">The unknown name.</param>
    /// <param name="suggestion">The closest known name, if any is close.</param>
    public UnknownNodeException(string name, string? suggestion)
        : base(suggestion is null
            ? $"Unknown node '{name}': the graph has no node of that name."
            : $"Unknown node '{name}': the graph has no node of that name. Did you mean '{suggestion}'?", [name])
    {
        Name = name;
        Suggestion = suggestion;
    }

    /// <summary>Creates the exception for a name met in a named part of the input, e.g. an experiment.</summary>
    /// <param name="name">The unknown name.</param>
    /// <param name="suggestion">The closest known name, if any is close.</param>
    /// <param name="context">Where the name was met, e.g. "the experiment do(X, Q)".</param>
    public UnknownNodeException(string name, string? suggestion, string context)
        : base($"Unknown node '{name}' in {context}: the graph has no node of that name." + (suggestion is null ? "" : $" Did you mean '{suggestion}'?"), [name])
    {
        Name = name;
        Suggestion = suggestion;
    }

    /// <summary>The name that was not found.</summary>
    public string Name { get; }

    /// <summary>The closest existing node name, or null when none is close.</summary>
    public string? Suggestion { get; }
}

/// <summary>A directed cycle was found where an acyclic graph is required.</summary>
public sealed class CycleException : GraphException
{
    /// <summary>Creates the exception for the given cycle.</summary>
    /// <param name="cycle">The nodes of the cycle in order; the first node is not repeated at the end.</param>
    public CycleException(IReadOnlyList<string> cycle)
        : base($"The graph has a directed cycle: {string.Join(" -> ", cycle.Append(cycle[0]))}.", cycle) { }
}

/// <summary>Malformed model text, with the 1-based line and column of the problem.</summary>
public sealed class ParseException : CausalScriptException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, without the position (it is added).</param>
    /// <param name="line">1-based line.</param>
    /// <param name="column">1-based column.</param>
    public ParseException(string message, int line, int column)
        : base($"Line {line}, column {column}: {message}")
    {
        Line = line;
        Column = column;
        Reason = message;
    }

    /// <summary>1-based line of the problem.</summary>
    public int Line { get; }

    /// <summary>1-based column of the problem.</summary>
    public int Column { get; }

    /// <summary>The message without the position.</summary>
    public string Reason { get; }
}

/// <summary>A structural causal model is ill-formed or was asked something it cannot answer; names the variable.</summary>
public class ModelException : CausalScriptException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="variable">The variable concerned, if any.</param>
    public ModelException(string message, string? variable = null) : base(message) => Variable = variable;

    /// <summary>The name of the variable concerned, or null.</summary>
    public string? Variable { get; }
}

/// <summary>Data do not fit what was asked of them; names the column and, where it applies, the row.</summary>
public class DataException : CausalScriptException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="column">The column concerned.</param>
    /// <param name="row">The row concerned (0-based), or -1.</param>
    public DataException(string message, string? column = null, int row = -1) : base(message)
    {
        Column = column;
        Row = row;
    }

    /// <summary>The column concerned, or null.</summary>
    public string? Column { get; }

    /// <summary>The 0-based row concerned, or -1.</summary>
    public int Row { get; }
}

/// <summary>A string diagram or channel is ill-typed or was asked something it cannot answer: wires that do not match
/// (both types are named), a box that is not stochastic, a disintegration of a state without full support.</summary>
public class DiagramException : CausalScriptException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    public DiagramException(string message) : base(message) { }
}
