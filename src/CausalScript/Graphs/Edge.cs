namespace CausalScript.Graphs;

/// <summary>The kind of an edge of an acyclic directed mixed graph.</summary>
public enum EdgeKind
{
    /// <summary><c>from -> to</c>: a direct causal effect.</summary>
    Directed,

    /// <summary><c>from &lt;-> to</c>: a latent common cause (confounding). Symmetric.</summary>
    Bidirected,
}

/// <summary>An edge of an <see cref="Admg"/>. Bidirected edges are reported with <see cref="From"/> declared first.</summary>
/// <param name="From">The tail (directed) or first endpoint (bidirected).</param>
/// <param name="To">The head (directed) or second endpoint (bidirected).</param>
/// <param name="Kind">Directed or bidirected.</param>
public readonly record struct Edge(string From, string To, EdgeKind Kind)
{
    /// <summary>The edge in CausalScript/dagitty text, e.g. <c>x -> y</c> or <c>x &lt;-> y</c>.</summary>
    public override string ToString() => $"{From} {(Kind == EdgeKind.Directed ? "->" : "<->")} {To}";
}
