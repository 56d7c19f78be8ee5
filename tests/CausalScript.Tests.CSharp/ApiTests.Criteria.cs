using CausalScript.Graphs;
using Expecto;

namespace CausalScript.Tests.CSharp;

// Graph criteria: separation, adjustment, front door, instruments, implied independencies.
public static partial class ApiTests
{
    /// <summary>M-bias: m is a collider on the only back-door path, so {} is valid and {m} is not.</summary>
    private const string MBias = "dag{ x <- a -> m <- b -> y; x -> y }";

    /// <summary>One back-door path x &lt;- a -> b -> y: minimal adjustment sets {a} and {b}.</summary>
    private const string TwoMinimalSets = "dag{ x -> y; x <- a -> b -> y }";

    private static Test Separation => List("Separation",
        Case("IsMSeparated: a collider blocks until it is conditioned on", () =>
        {
            var g = Admg.Parse("a -> c <- b");
            Check.True(g.IsMSeparated(["a"], ["b"], []), "a ⊥ b");
            Check.True(g.IsMSeparated(["a"], ["b"]), "given defaults to the empty set");
            Check.False(g.IsMSeparated(["a"], ["b"], given: ["c"]), "a not ⊥ b | c");
            Check.True(g.IsDSeparated(["a"], ["b"], []), "IsDSeparated alias");
        }),
        Case("IsMSeparated takes NodeSets of the graph and bidirected edges", () =>
        {
            var g = Admg.Parse("x -> m -> y; x <-> y");
            var (x, y, m) = (g.Set("x"), g.Set("y"), g.Set("m"));
            Check.False(g.IsMSeparated(x, y, m), "x <-> y stays open given m");
            var chain = Admg.Parse("x -> m -> y");
            Check.True(chain.IsMSeparated(["x"], ["y"], ["m"]), "chain blocked by m");
        }),
        Case("FindMinimalSeparator: empty set when marginally separated, null when no separator exists", () =>
        {
            var collider = Admg.Parse("a -> c <- b");
            var empty = collider.FindMinimalSeparator(["a"], ["b"]);
            Check.True(empty is { IsEmpty: true }, "the empty set separates (not null)");
            Check.Null(collider.FindMinimalSeparator(["a"], ["b"], mustContain: ["c"]), "no separator contains the collider");

            var adjacent = Admg.Parse("a -> b");
            Check.Null(adjacent.FindMinimalSeparator(["a"], ["b"]), "adjacent nodes have no separator");

            var chain = Admg.Parse("a -> m -> b; a -> n -> b");
            Check.Names(chain.FindMinimalSeparator(["a"], ["b"]), ["m", "n"], "both chains must be blocked");
            Check.Null(chain.FindMinimalSeparator(["a"], ["b"], allowed: ["m"]), "n is not allowed, so nothing separates");
        }));

    private static Test Adjustment => List("Adjustment",
        Case("CheckAdjustment on M-bias: {} valid, {m} invalid with an open path", () =>
        {
            var g = Admg.Parse(MBias);
            var empty = g.CheckAdjustment(["x"], ["y"], []);
            Check.True(empty.IsValid, "{} is valid");
            var withM = g.CheckAdjustment(["x"], ["y"], ["m"]);
            Check.False(withM.IsValid, "{m} is invalid");
            Check.Equal(withM.OpenPath, "x <- a -> m <- b -> y", "the open path through the collider m");
            Check.Contains(withM.Reason, "x <- a -> m <- b -> y", "the reason names the path");
            Check.True(withM is { Culprits: [] }, "an open path has no culprit nodes");
            Check.True(g.CheckAdjustment(["x"], ["y"], ["m", "a"]).IsValid, "{a, m} is valid");
            Check.True(g.IsAdjustmentSet(["x"], ["y"], ["b"]), "IsAdjustmentSet {b}");
        }),
        Case("CriterionCheck converts to bool and deconstructs", () =>
        {
            var g = Admg.Parse("x -> m -> y; x <- z -> y");
            bool valid = g.CheckAdjustment(["x"], ["y"], ["z"]);
            Check.True(valid, "implicit bool of a valid check");
            var mediator = g.CheckAdjustment(["x"], ["y"], ["z", "m"]);
            if (mediator) throw new AssertException("a mediator in Z must make the check false");
            Check.True(mediator is { IsValid: false, Culprits: ["m"], OpenPath: null }, "the mediator is the culprit");
            var (isValid, reason, culprits, openPath) = mediator;
            Check.False(isValid, "deconstructed IsValid");
            Check.Contains(reason, "'m'", "reason names m");
            Check.Sequence(culprits, ["m"], "deconstructed culprits");
            Check.Null(openPath, "no open path");
            Check.Equal(mediator.ToString(), reason, "ToString is the reason");
        }),
        Case("ListMinimalAdjustmentSets: {a} and {b}", () =>
        {
            var g = Admg.Parse(TwoMinimalSets);
            var sets = new List<NodeSet>();
            foreach (var z in g.ListMinimalAdjustmentSets(["x"], ["y"])) sets.Add(z);
            Check.SameElements(sets, [g.Set("a"), g.Set("b")], "minimal sets");
            Check.Equal(g.ListMinimalAdjustmentSets(["x"], ["y"], mustContain: ["b"]).Single(), g.Set("b"), "mustContain b");
            Check.Equal(g.ListMinimalAdjustmentSets(["x"], ["y"], allowed: ["a"]).Single(), g.Set("a"), "only a allowed");
        }),
        Case("ListMinimalAdjustmentSets: one empty set when no adjustment is needed, nothing when none exists", () =>
        {
            var mBias = Admg.Parse(MBias).ListMinimalAdjustmentSets(["x"], ["y"]).ToList();
            Check.True(mBias is [{ IsEmpty: true }], "M-bias: exactly the empty set");
            var bow = Admg.Parse("x -> y; x <-> y");
            Check.Equal(bow.ListMinimalAdjustmentSets(["x"], ["y"]).Count(), 0, "bow graph: no set");
        }),
        Case("CanonicalAdjustmentSet: An(X ∪ Y) minus forbidden nodes, or null", () =>
        {
            var g = Admg.Parse(MBias);
            Check.Names(g.CanonicalAdjustmentSet(["x"], ["y"]), ["a", "b"], "canonical set of M-bias");
            Check.Names(g.CanonicalAdjustmentSet(["x"], ["y"], mustContain: ["m"]), ["a", "m", "b"], "with m forced in");
            Check.True(g.CanonicalAdjustmentSet(["x"], ["y"], allowed: ["m"]) is { IsEmpty: true }, "only m allowed: {}");
            Check.Null(Admg.Parse("x -> y; x <-> y").CanonicalAdjustmentSet(["x"], ["y"]), "bow graph: null");
            Check.Names(Admg.Parse(TwoMinimalSets).FindMinimalAdjustmentSet(["x"], ["y"]), ["a"], "FindMinimalAdjustmentSet");
        }),
        Case("OptimalAdjustmentSet: Status and Set", () =>
        {
            var g = Admg.Parse("dag{ x -> m -> y; a -> x; a -> y; w -> y; v -> x }");
            var found = g.OptimalAdjustmentSet(["x"], ["y"]);
            if (found is not { Status: OptimalAdjustmentStatus.Found, Set: { } set, IsGuaranteedOptimal: true })
                throw new AssertException($"expected a guaranteed optimal set, got {found}");
            Check.Names(set, ["a", "w"], "O-set = parents of the causal nodes minus forbidden");

            var notApplicable = Admg.Parse("x <- a -> y").OptimalAdjustmentSet(["x"], ["y"]);
            Check.True(notApplicable is { Status: OptimalAdjustmentStatus.NotApplicable, Set: null }, "y is not a descendant of x");

            var noSet = Admg.Parse("x1 -> m -> y; m -> x2; x2 -> y").OptimalAdjustmentSet(["x1", "x2"], ["y"]);
            Check.Equal(noSet.Status, OptimalAdjustmentStatus.NoValidSet, "x2 descends from a causal node");
            Check.Null(noSet.Set, "no set");

            var admg = Admg.Parse("x -> y; a -> x; a <-> y").OptimalAdjustmentSet(["x"], ["y"]);
            Check.True(admg is { Status: OptimalAdjustmentStatus.Found, IsGuaranteedOptimal: false }, "ADMG: valid, not guaranteed optimal");
        }));

    private static Test FrontDoorAndInstruments => List("Front door and instruments",
        Case("FindFrontDoorSet: the mediator of Pearl's front-door graph, or null", () =>
        {
            var g = Admg.Parse("dag{ x -> m -> y; x <-> y }");
            Check.Names(g.FindFrontDoorSet(["x"], ["y"]), ["m"], "front-door set");
            Check.True(g.CheckFrontDoor(["x"], ["y"], ["m"]).IsValid, "CheckFrontDoor {m}");
            Check.False(g.IsFrontDoorSet(["x"], ["y"], []), "{} does not intercept x -> m -> y");

            var latent = Admg.Parse("dag{ u [latent]; u -> x; u -> y; x -> m -> y }");
            Check.Names(latent.FindFrontDoorSet(["x"], ["y"]), ["m"], "latent confounder projected out");

            Check.Null(Admg.Parse("x -> y; x -> m -> y; x <-> y").FindFrontDoorSet(["x"], ["y"]), "direct edge: no front-door set");
        }),
        Case("ConditionalInstruments: z, and z given w", () =>
        {
            var iv = Admg.Parse("dag{ z -> x -> y; x <-> y }").ConditionalInstruments("x", "y").ToList();
            Check.True(iv is [{ Instrument: "z", Given.IsEmpty: true }], $"z is an unconditional instrument, got [{string.Join("; ", iv)}]");

            var g = Admg.Parse("dag{ w -> z -> x -> y; w -> y; x <-> y }");
            var conditional = g.ConditionalInstruments("x", "y").ToList();
            Check.True(conditional is [{ Instrument: "z", Given: var given }] && given.SetEquals(["w"]),
                $"z given w, got [{string.Join("; ", conditional)}]");
            Check.Equal(conditional[0].ToString(), "z | {w}", "ToString");
            Check.True(g.IsConditionalInstrument("x", "y", "z", given: ["w"]), "z | w valid");
            Check.False(g.IsConditionalInstrument("x", "y", "z"), "z alone is not valid: z <- w -> y is open");
        }));

    private static Test Independencies => List("Implied independencies",
        Case("Missing-edge list of the M-bias graph", () =>
        {
            var g = Admg.Parse(MBias);
            var statements = g.ImpliedIndependencies().Select(ci => ci.ToString()).ToList();
            Check.SameElements(statements,
                ["x ⊥ m | a", "x ⊥ b", "a ⊥ b", "a ⊥ y | x", "m ⊥ y | a, b", "m ⊥ y | x, b"], "statements");
            var first = g.ImpliedIndependencies(maxResults: 1).Single();
            Check.True(first is { X.Count: 1, Y.Count: 1 }, "one node per side");
        }),
        Case("One separator per pair, and the DAG basis", () =>
        {
            var g = Admg.Parse("a -> b -> c");
            var only = g.ImpliedIndependencies(policy: SeparatorPolicy.OnePerPair).ToList();
            Check.True(only is [{ X: var x, Y: var y, Given: var z }] && x.SetEquals(["a"]) && y.SetEquals(["c"]) && z.SetEquals(["b"]),
                "a ⊥ c | b");
            var basis = Admg.Parse(MBias).ImpliedIndependencies(ImpliedIndependenceKind.Basis).Select(ci => ci.ToString()).ToList();
            Check.Contains(string.Join("; ", basis), "y ⊥ {a, m} | x, b", "local Markov property of y");
        }));
}
