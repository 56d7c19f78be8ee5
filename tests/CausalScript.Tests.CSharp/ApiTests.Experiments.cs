using CausalScript.Graphs;
using CausalScript.Identification;
using Expecto;

namespace CausalScript.Tests.CSharp;

// Identification from surrogate experiments (gID) as a C# user calls it: collection expressions for the experiments,
// pattern matching on the result, the thicket and its check, OrThrow and the errors.
public static partial class ApiTests
{
    /// <summary>X1 → W → Y, X2 → Y, X1 ↔ X2, X1 ↔ W, X2 ↔ Y (identification-algorithms.md §6.1).</summary>
    private static Admg Surrogates() => Admg.Parse("x1 -> w -> y; x2 -> y; x1 <-> x2; x1 <-> w; x2 <-> y");

    private static string Describe(IdentificationResult result) => result switch
    {
        Identified { Estimand: var e } => $"estimand {e}",
        NotIdentifiedFromExperiments { Thicket: { Roots: var roots, Hedges.Count: var hedges } } =>
            $"thicket on {string.Join(",", roots)} with {hedges} hedge(s)",
        NotIdentified { Hedge: var h } => $"hedge {h}",
        _ => "other",
    };

    private static Test Experiments => List("Identification from experiments (gID)",
        Case("do(x1) and do(x2) identify P(y | do(x1, x2)); P(v) alone does not", () =>
        {
            var g = Surrogates();
            var query = CausalQuery.P("y").Do("x1", "x2");
            Check.Equal(Describe(g.IdentifyFromExperiments(query, [["x1"], ["x2"]])),
                "estimand sum_{w} P(w | do(x1)) P(y | do(x2), w, x1)", "two experiments");
            Check.Equal(Describe(Identify.FromExperiments(g, query, [[]])), "thicket on w with 1 hedge(s)", "observational only");
            Check.Equal(Describe(Gid.Identify(g, ["y"], ["x1", "x2"], [["x1"]])), "thicket on y with 1 hedge(s)", "do(x1) only");
        }),
        Case("the thicket checks against the query and the experiments; OrThrow carries it", () =>
        {
            var g = Surrogates();
            var result = g.IdentifyFromExperiments(CausalQuery.P("y").Do("x1", "x2"), [["x1"]]);
            if (result is not NotIdentifiedFromExperiments { Thicket: var thicket })
                throw new AssertException($"expected a thicket, got {result}");
            Check.Null(thicket.Check(g, ["y"], ["x1", "x2"], [["x1"]]), "valid for the experiments it was found for");
            Check.NotNull(thicket.Check(g, ["y"], ["x1", "x2"], [["x1"], ["x2"]]), "do(x2) is not covered");
            Check.Sequence(thicket.Hedges.Select(h => string.Join(",", h.Experiment)), ["x1"], "one hedge, for do(x1)");
            var e = Check.Throws<NotIdentifiableFromExperimentsException>(() => result.OrThrow(), "OrThrow");
            Check.Equal(e.Thicket, thicket, "the exception carries the thicket");
        }),
        Case("errors: an unknown node in an experiment, a conditional query", () =>
        {
            var g = Surrogates();
            var unknown = Check.Throws<UnknownNodeException>(
                () => g.IdentifyFromExperiments(CausalQuery.P("y").Do("x1"), [["x1"], ["X2"]]), "unknown node");
            Check.Equal(unknown.Suggestion, "x2", "suggestion");
            Check.Contains(unknown.Message, "the experiment do(X2)", "the message names the experiment");
            Check.Throws<CausalScriptException>(
                () => g.IdentifyFromExperiments(CausalQuery.P("y").Do("x1").Given("w"), [["x1"]]), "conditions");
        }));
}
