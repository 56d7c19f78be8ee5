using CausalScript.Graphs;
using Expecto;

namespace CausalScript.Tests.CSharp;

// Graph construction, NodeSet and renderings.
public static partial class ApiTests
{
    private static Test ParsingAndBuilding => List("Parsing and building",
        Case("Admg.Parse reads dagitty syntax, nodes in declaration order", () =>
        {
            var g = Admg.Parse("dag { x <- a -> m <- b -> y; x -> y }");
            Check.Sequence(g.Nodes, ["x", "a", "m", "b", "y"], "nodes");
            Check.Equal(g.NodeCount, 5, "node count");
            Check.True(g.HasEdge("a", "x"), "a -> x");
            Check.False(g.HasEdge("x", "a"), "x -> a");
            Check.True(g.AreAdjacent("x", "a"), "x, a adjacent");
            Check.False(g.AreAdjacent("x", "m"), "x, m adjacent");
            Check.Equal(g.DirectedEdges.Count, 5, "directed edges");
            Check.Equal(g.BidirectedEdges.Count, 0, "bidirected edges");
        }),
        Case("Admg.Parse reads attributes, bidirected edges and the compact form", () =>
        {
            var g = Admg.Parse("dag {\n  u [latent]\n  x [exposure]\n  y [outcome]\n  u -> x\n  u -> y\n  x -> y\n  x <-> y\n}");
            Check.Names(g.Latent, ["u"], "latent");
            Check.Names(g.Exposures, ["x"], "exposures");
            Check.Names(g.Outcomes, ["y"], "outcomes");
            Check.Names(g.Observed, ["x", "y"], "observed");
            Check.True(g.HasLatents, "HasLatents");
            Check.True(g.HasBidirectedEdge("y", "x"), "y <-> x is the same edge as x <-> y");
            Check.True(g.Edges[^1] is { Kind: EdgeKind.Bidirected, From: "x", To: "y" }, "last edge is x <-> y");
            Check.Equal(g.Edges[^1].ToString(), "x <-> y", "edge text");

            var compact = Admg.Parse("x -> y <- z; x <-> y");
            Check.Sequence(compact.Nodes, ["x", "y", "z"], "compact nodes");
            Check.True(compact.HasEdge("z", "y") && compact.HasBidirectedEdge("x", "y"), "compact edges");
        }),
        Case("The builder makes the same graph as the parser (structural equality)", () =>
        {
            var built = Admg.CreateBuilder()
                .Edge("x", "m").Edge("m", "y")
                .Edges("u", "x", "y")
                .Latent("u")
                .Exposure("x").Outcome("y")
                .Build();
            var parsed = Admg.Parse("dag { u [latent]; x [exposure]; y [outcome]; u -> x; u -> y; x -> m -> y }");
            Check.True(built.Equals(parsed), "builder graph equals parsed graph");
            Check.Equal(built.GetHashCode(), parsed.GetHashCode(), "hash codes");
            Check.False(built.Equals(Admg.Parse("u -> x; u -> y; x -> m -> y")), "differs without the roles");
            Check.True(Admg.Parse(built.ToString()).Equals(built), "ToString round-trips through Parse");
            Check.Sequence(built.TopologicalOrder, ["u", "x", "m", "y"], "topological order");
        }),
        Case("Builder nodes without edges, Contains, and mutilations return new graphs", () =>
        {
            var b = Admg.CreateBuilder().Nodes("a", "b").Edge("a", "c");
            Check.True(b.Contains("b") && !b.Contains("d"), "builder Contains");
            var g = b.Build();
            Check.Sequence(g.Nodes, ["a", "b", "c"], "nodes");
            Check.True(g.Contains("b") && !g.Contains("d"), "graph Contains");

            var chain = Admg.Parse("a -> b -> c");
            var cut = chain.RemoveIncomingEdges(["b"]);
            Check.False(cut.HasEdge("a", "b"), "do(b) removes a -> b");
            Check.True(chain.HasEdge("a", "b"), "the original graph is unchanged");
            Check.Sequence(chain.InducedSubgraph(["a", "b"]).Nodes, ["a", "b"], "induced subgraph");
        }));

    private static Test NodeSets => List("NodeSet",
        Case("Set operations, equality and declaration-order enumeration", () =>
        {
            var g = Admg.Parse("a -> b -> c -> d");
            var ab = g.Set("b", "a");
            var bc = g.Set(["b", "c"]);
            Check.Sequence(ab, ["a", "b"], "enumeration follows declaration order");
            Check.Equal(ab.ToString(), "{a, b}", "ToString");
            Check.Equal(g.EmptySet.ToString(), "{}", "empty ToString");
            Check.Names(ab.Union(bc), ["a", "b", "c"], "union");
            Check.Names(ab.Intersect(bc), ["b"], "intersection");
            Check.Names(ab.Except(bc), ["a"], "difference");
            Check.True(ab.Overlaps(bc), "overlaps");
            Check.True(ab.Equals(g.Set("a", "b")), "equal by content");
            Check.True(ab.Equals(Admg.Parse("a -> b -> c -> d").Set("a", "b")), "equal across separately parsed graphs");
            Check.False(ab.Equals(bc), "different sets");
            Check.Equal(new HashSet<NodeSet> { ab, g.Set("a", "b"), bc }.Count, 2, "HashSet deduplicates");
            Check.True(ab is { Count: 2, IsEmpty: false }, "property pattern");
            Check.True(ab.Contains("a") && !ab.Contains("c") && !ab.Contains("zzz"), "Contains");
        }),
        Case("IReadOnlySet<string> members accept plain collections", () =>
        {
            var g = Admg.Parse("a -> b -> c -> d");
            IReadOnlySet<string> ab = g.Set("a", "b");
            Check.True(ab.IsSubsetOf(["a", "b", "c"]), "IsSubsetOf");
            Check.True(ab.IsProperSubsetOf(["a", "b", "c"]), "IsProperSubsetOf");
            Check.False(ab.IsProperSubsetOf(["a", "b"]), "not a proper subset of itself");
            Check.True(ab.IsSupersetOf(["a"]), "IsSupersetOf");
            Check.True(ab.SetEquals(["b", "a"]), "SetEquals");
            Check.True(ab.Overlaps(["b", "x"]), "Overlaps");
        }),
        Case("Family relations return NodeSets", () =>
        {
            var g = Admg.Parse("dag { a -> b -> c; a -> c; c -> d; b <-> d }");
            Check.Names(g.Parents("c"), ["a", "b"], "parents");
            Check.Names(g.Children(["a"]), ["b", "c"], "children");
            Check.Names(g.Ancestors("c"), ["a", "b", "c"], "ancestors include the node");
            Check.Names(g.Descendants("b"), ["b", "c", "d"], "descendants include the node");
            Check.Names(g.Spouses("b"), ["d"], "spouses");
            Check.Names(g.District("b"), ["b", "d"], "district");
            Check.Equal(g.Districts().Count, 3, "districts {a}, {b, d}, {c}");
        }));

    private static Test Rendering => List("Rendering",
        Case("ToDagitty is dagitty text that parses back to the same graph", () =>
        {
            var g = Admg.Parse("dag { u [latent]; u -> x; x -> y; u -> y; x <-> y }");
            var text = g.ToDagitty();
            Check.True(text.StartsWith("dag {", StringComparison.Ordinal), "starts with dag {");
            Check.Contains(text, "u [latent]", "latent attribute");
            Check.Contains(text, "x -> y", "directed edge");
            Check.Contains(text, "x <-> y", "bidirected edge");
            Check.True(Admg.Parse(text).Equals(g), "round trip");
            Check.Equal(Admg.Parse("x -> y").ToDagitty(), "dag {\n  x\n  y\n  x -> y\n}", "exact text of a one-edge graph");
        }),
        Case("ToDot and ToMermaid", () =>
        {
            var g = Admg.Parse("dag { u [latent]; u -> x; x -> y; x <-> y }");
            var dot = g.ToDot();
            Check.True(dot.StartsWith("digraph", StringComparison.Ordinal), "DOT header");
            Check.Contains(dot, "\"x\" -> \"y\";", "DOT directed edge");
            Check.Contains(dot, "dir=both", "DOT bidirected edge");
            Check.Contains(dot, "\"u\" [style=dashed]", "DOT latent node");
            var mermaid = g.ToMermaid();
            Check.True(mermaid.StartsWith("flowchart TD", StringComparison.Ordinal), "Mermaid header");
            Check.Contains(mermaid, " --> ", "Mermaid directed edge");
            Check.Contains(mermaid, " <-.-> ", "Mermaid bidirected edge");
            Check.Contains(mermaid, "([\"u\"])", "Mermaid latent node is rounded");
        }));
}
