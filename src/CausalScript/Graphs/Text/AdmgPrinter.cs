using System.Text;

namespace CausalScript.Graphs.Text;

/// <summary>Prints graphs as dagitty text, the compact one-line form, Graphviz DOT and Mermaid. The text forms are
/// parseable by <see cref="AdmgParser"/> and round-trip: <c>Parse(Print(g)).Equals(g)</c>.</summary>
internal static class AdmgPrinter
{
    public static string Quote(string name) =>
        name.Length > 0 && name.All(AdmgParser.IsNameChar) && name is not ("dag" or "pdag" or "mag" or "pag" or "graph" or "bb")
            ? name
            : "\"" + name.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private static string Attributes(Admg g, string node)
    {
        var attrs = new List<string>();
        if (g.Latent.Contains(node)) attrs.Add("latent");
        if (g.Exposures.Contains(node)) attrs.Add("exposure");
        if (g.Outcomes.Contains(node)) attrs.Add("outcome");
        if (g.Adjusted.Contains(node)) attrs.Add("adjusted");
        return attrs.Count == 0 ? "" : " [" + string.Join(",", attrs) + "]";
    }

    public static string Dagitty(Admg g)
    {
        var sb = new StringBuilder("dag {\n");
        foreach (var v in g.Nodes) sb.Append("  ").Append(Quote(v)).Append(Attributes(g, v)).Append('\n');
        foreach (var e in g.Edges) sb.Append("  ").Append(EdgeText(e)).Append('\n');
        return sb.Append('}').ToString();
    }

    public static string Compact(Admg g)
    {
        var parts = g.Edges.Select(EdgeText).ToList();
        var mentioned = g.Edges.SelectMany(e => new[] { e.From, e.To }).ToHashSet();
        foreach (var v in g.Nodes)
        {
            var attrs = Attributes(g, v);
            if (attrs.Length > 0 || !mentioned.Contains(v)) parts.Add(Quote(v) + attrs);
        }
        return string.Join("; ", parts);
    }

    private static string EdgeText(Edge e) => $"{Quote(e.From)} {(e.Kind == EdgeKind.Directed ? "->" : "<->")} {Quote(e.To)}";

    public static string Dot(Admg g)
    {
        static string Id(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
        var sb = new StringBuilder("digraph G {\n  rankdir=TB;\n  node [shape=ellipse];\n");
        foreach (var v in g.Nodes)
        {
            var style = new List<string>();
            if (g.Latent.Contains(v)) style.Add("style=dashed");
            if (g.Exposures.Contains(v)) style.Add("color=\"#2e7d32\"");
            if (g.Outcomes.Contains(v)) style.Add("color=\"#1565c0\"");
            if (g.Adjusted.Contains(v)) style.Add("shape=box");
            sb.Append("  ").Append(Id(v)).Append(style.Count > 0 ? " [" + string.Join(", ", style) + "]" : "").Append(";\n");
        }
        foreach (var e in g.DirectedEdges) sb.Append("  ").Append(Id(e.From)).Append(" -> ").Append(Id(e.To)).Append(";\n");
        foreach (var e in g.BidirectedEdges)
            sb.Append("  ").Append(Id(e.From)).Append(" -> ").Append(Id(e.To)).Append(" [dir=both, style=dashed, constraint=false];\n");
        return sb.Append("}\n").ToString();
    }

    public static string Mermaid(Admg g)
    {
        var ids = new Dictionary<string, string>();
        var sb = new StringBuilder("flowchart TD\n");
        var k = 0;
        foreach (var v in g.Nodes)
        {
            var id = "n" + k++;
            ids[v] = id;
            var label = v.Replace("\"", "#quot;");
            sb.Append("  ").Append(id).Append(g.Latent.Contains(v) ? $"([\"{label}\"])" : $"[\"{label}\"]").Append('\n');
        }
        foreach (var e in g.DirectedEdges) sb.Append("  ").Append(ids[e.From]).Append(" --> ").Append(ids[e.To]).Append('\n');
        foreach (var e in g.BidirectedEdges) sb.Append("  ").Append(ids[e.From]).Append(" <-.-> ").Append(ids[e.To]).Append('\n');
        var latent = g.Latent.Select(v => ids[v]).ToList();
        if (latent.Count > 0)
        {
            sb.Append("  classDef latent stroke-dasharray: 4 4\n");
            sb.Append("  class ").Append(string.Join(",", latent)).Append(" latent\n");
        }
        return sb.ToString();
    }
}
