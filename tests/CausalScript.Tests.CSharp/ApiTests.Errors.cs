using CausalScript.Graphs;
using Expecto;

namespace CausalScript.Tests.CSharp;

// Lazy enumeration (maxResults, cancellation) and exceptions.
public static partial class ApiTests
{
    /// <summary>x -> y plus k parallel back-door paths x &lt;- a_i -> b_i -> y: 2^k minimal adjustment sets.</summary>
    private static Admg ParallelBackdoorPaths(int k)
    {
        var b = Admg.CreateBuilder().Edge("x", "y");
        for (var i = 0; i < k; i++) b.Edge($"a{i}", "x").Edge($"a{i}", $"b{i}").Edge($"b{i}", "y");
        return b.Build();
    }

    private static Test Enumeration => List("Lazy enumeration",
        Case("2^k minimal sets; maxResults caps the listing", () =>
        {
            var g = ParallelBackdoorPaths(4);
            Check.Equal(g.ListMinimalAdjustmentSets(["x"], ["y"]).Count(), 16, "2^4 minimal sets");
            Check.Equal(g.ListMinimalAdjustmentSets(["x"], ["y"], maxResults: 5).Count(), 5, "maxResults: 5");
            Check.Equal(g.ListMinimalAdjustmentSets(["x"], ["y"], maxResults: 0).Count(), 0, "maxResults: 0");
            Check.Throws<ArgumentOutOfRangeException>(() => g.ListMinimalAdjustmentSets(["x"], ["y"], maxResults: -1),
                "negative maxResults is rejected when called");
            Check.Equal(g.ListAdjustmentSets(["x"], ["y"], maxResults: 3).Count(), 3, "ListAdjustmentSets with maxResults");
        }),
        Case("Enumerations are lazy: the first sets of 2^40 arrive at once", () =>
        {
            var g = ParallelBackdoorPaths(40);
            var (x, y) = (g.Set("x"), g.Set("y"));
            var taken = 0;
            foreach (var z in g.ListMinimalAdjustmentSets(x, y))
            {
                Check.Equal(z.Count, 40, "each minimal set blocks 40 paths with one node each");
                if (++taken == 3) break;
            }
            Check.Equal(taken, 3, "took three sets");
            var firstTwo = g.ListMinimalAdjustmentSets(x, y, maxResults: 2).ToList();
            Check.True(firstTwo is [var s1, var s2] && !s1.Equals(s2), "two distinct sets");
        }),
        Case("A token cancelled mid-enumeration throws OperationCanceledException before the next set", () =>
        {
            var g = ParallelBackdoorPaths(12);
            using var cts = new CancellationTokenSource();
            var seen = 0;
            Check.Throws<OperationCanceledException>(() =>
            {
                foreach (var _ in g.ListMinimalAdjustmentSets(["x"], ["y"], cancellationToken: cts.Token))
                    if (++seen == 3) cts.Cancel();
            }, "cancelled listing");
            Check.Equal(seen, 3, "no set after the cancellation");

            using var cancelled = new CancellationTokenSource();
            cancelled.Cancel();
            Check.Throws<OperationCanceledException>(
                () => g.ImpliedIndependencies(cancellationToken: cancelled.Token).ToList(), "implied independencies");
            Check.Throws<OperationCanceledException>(
                () => g.ListAdjustmentSets(["x"], ["y"], cancellationToken: cancelled.Token).ToList(), "all adjustment sets");
        }));

    private static Test Errors => List("Errors",
        Case("UnknownNodeException suggests the closest name", () =>
        {
            var g = Admg.Parse("dag{ smoking -> cancer; smoking <- gene -> cancer }");
            var e = Check.Throws<UnknownNodeException>(() => g.IsMSeparated(["smokin"], ["cancer"]), "misspelt node");
            Check.Equal(e.Name, "smokin", "Name");
            Check.Equal(e.Suggestion, "smoking", "Suggestion");
            Check.Contains(e.Message, "Did you mean 'smoking'?", "message");
            Check.Sequence(e.Nodes, ["smokin"], "Nodes");
            Check.True(e is GraphException and CausalScriptException, "an UnknownNodeException is a GraphException");
            var far = Check.Throws<UnknownNodeException>(() => g.Set("zzzzzzzzzz"), "unrelated name");
            Check.Null(far.Suggestion, "no suggestion for an unrelated name");
            Check.Throws<UnknownNodeException>(() => g.CheckAdjustment(["smoking"], ["cancr"], []), "in CheckAdjustment");
        }),
        Case("CycleException from Parse and Build lists the cycle in order", () =>
        {
            var parsed = Check.Throws<CycleException>(() => Admg.Parse("dag{ a -> b -> c -> a; c -> d }"), "Parse");
            Check.Sequence(parsed.Nodes, ["a", "b", "c"], "cycle from Parse, starting at its first-declared node");
            Check.Contains(parsed.Message, "a -> b -> c -> a", "message");
            Check.True(parsed is GraphException, "a CycleException is a GraphException");
            var built = Check.Throws<CycleException>(
                () => Admg.CreateBuilder().Edge("x", "y").Edge("y", "z").Edge("z", "x").Build(), "Build");
            Check.Sequence(built.Nodes, ["x", "y", "z"], "cycle from Build");
        }),
        Case("ParseException has the line and column", () =>
        {
            var e = Check.Throws<ParseException>(() => Admg.Parse("dag {\n  x -> y\n  y -- z\n}"), "undirected edge");
            Check.Equal((e.Line, e.Column), (3, 5), "position of --");
            Check.Contains(e.Message, "Line 3, column 5", "message has the position");
            Check.Contains(e.Reason, "Undirected edge", "reason");
            var unclosed = Check.Throws<ParseException>(() => Admg.Parse("dag { x -> y"), "missing brace");
            Check.Equal(unclosed.Line, 1, "line of the missing brace");
        }),
        Case("GraphException for a latent node in a query, overlapping sets, bad builder input", () =>
        {
            var g = Admg.Parse("dag{ u [latent]; u -> x; u -> y; x -> y }");
            var latent = Check.Throws<GraphException>(() => g.IsMSeparated(["u"], ["y"]), "latent node in a query");
            Check.Sequence(latent.Nodes, ["u"], "Nodes");
            Check.Throws<GraphException>(() => g.CheckAdjustment(["x"], ["y"], ["u"]), "latent node in an adjustment set");
            Check.Throws<GraphException>(() => g.CheckAdjustment(["x"], ["y"], ["x"]), "exposure in the adjustment set");
            Check.Throws<GraphException>(() => g.IsMSeparated([], ["y"]), "empty first set");
            var loop = Check.Throws<GraphException>(() => Admg.CreateBuilder().Edge("x", "x"), "self-loop");
            Check.Sequence(loop.Nodes, ["x"], "self-loop node");
            Check.Throws<GraphException>(() => Admg.CreateBuilder().Edge("x", "y").Edge("x", "y"), "duplicate edge");
        }),
        Case("A latent node in a query is reported as latent, not unknown", () =>
        {
            var g = Admg.Parse("dag{ u [latent]; u -> x; u -> y; x -> y }");
            var e = Check.Throws<GraphException>(() => g.IsMSeparated(["u"], ["y"]), "latent node in a query");
            Check.True(e is not UnknownNodeException, $"not reported as unknown: {e.Message}");
            Check.Contains(e.Message, "latent", "message says latent");
        }));
}
