namespace CausalScript.Graphs;

// Renderings: dagitty text, Graphviz DOT and Mermaid (Mermaid renders natively in Polyglot notebooks and Markdown).
public sealed partial class Admg
{
    /// <summary>The graph in dagitty syntax (<c>dag { … }</c>), one node or edge per line; parseable by
    /// <see cref="Parse"/> and by dagitty.</summary>
    /// <returns>The text.</returns>
    public string ToDagitty() => Text.AdmgPrinter.Dagitty(this);

    /// <summary>The graph in Graphviz DOT: bidirected edges dashed with arrowheads at both ends, latent nodes dashed.</summary>
    /// <returns>The DOT source.</returns>
    public string ToDot() => Text.AdmgPrinter.Dot(this);

    /// <summary>The graph as a Mermaid flowchart: bidirected edges as dotted double arrows, latent nodes rounded and
    /// dashed.</summary>
    /// <returns>The Mermaid source.</returns>
    public string ToMermaid() => Text.AdmgPrinter.Mermaid(this);
}
