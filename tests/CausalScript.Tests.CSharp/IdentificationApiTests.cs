using CausalScript.Expressions;
using CausalScript.Graphs;
using CausalScript.Identification;
using CausalScript.Inference;
using Expecto;

namespace CausalScript.Tests.CSharp;

// Identification from C#: the fluent query, pattern matching on Identified / NotIdentified, OrThrow, counterfactual
// queries, bad input, and the estimand evaluated exactly on the smoking model's joint (29/100 and 61/100,
// string-diagrams.md §2.4) and by plug-in on a sample of it.
public static partial class ApiTests
{
    private static Test Identification => List("identification",
        Case("front door: pattern matching on Identified gives the textbook formula", () =>
        {
            var graph = Admg.Parse("S -> T -> C; S <-> C");
            var text = Identify.Effect(graph, CausalQuery.P("C").Do("S")) switch
            {
                Identified { Estimand: var e, Derivation.Steps: [{ Algorithm: "front-door" }] } => e.ToText(),
                NotIdentified { Hedge: var h } => $"hedge {h}",
                var other => $"unexpected {other}",
            };
            Check.Equal(ExpressionParser.Parse(text), ExpressionParser.Parse("sum_{T} P(T | S) sum_{S'} P(C | S', T) P(S')"), "estimand");
            Check.Contains(graph.IdentifyEffect(CausalQuery.P("C").Do("S")).OrThrow().ToLatex(), @"\sum_{t} P(t \mid s)", "LaTeX");
        }),
        Case("bow: NotIdentified carries a checked hedge; OrThrow throws it", () =>
        {
            var graph = Admg.Parse("X -> Y; X <-> Y");
            var result = Identify.Effect(graph, CausalQuery.P("Y").Do("X"));
            if (result is not NotIdentified { Hedge: { } hedge }) throw new AssertException($"expected a hedge, got {result}");
            Check.Sequence(hedge.F, ["X", "Y"], "F");
            Check.Sequence(hedge.FPrime, ["Y"], "F′");
            Check.Null(hedge.Check(graph, ["Y"], ["X"]), "Hedge.Check");
            var e = Check.Throws<NotIdentifiableException>(() => result.OrThrow(), "OrThrow");
            Check.Equal(e.Hedge, hedge, "the exception carries the hedge");
        }),
        Case("napkin: the general ID ratio, right on random models where P(y | x) is wrong", () =>
        {
            var napkin = Admg.Parse("W1 -> W2 -> X -> Y; W1 <-> X; W1 <-> Y");
            var estimand = Identify.Effect(napkin, CausalQuery.P("Y").Do("X")).OrThrow();
            Check.True(estimand is FractionTerm, "a ratio");
            Check.Equal(EstimandVerifier.Check(napkin, ["Y"], ["X"], estimand, [1, 2, 3]).Count, 0, "exact on 3 random models");
            Check.True(EstimandVerifier.Check(napkin, ["Y"], ["X"], ExpressionParser.Parse("P(Y | X)"), [1]).Count > 0, "P(y | x) is wrong");
        }),
        Case("conditional and counterfactual queries", () =>
        {
            var graph = Admg.Parse("Z -> X; Z -> Y; X -> Y -> W");
            Check.True(Identify.Effect(graph, CausalQuery.P("Y").Do("X").Given("W")) is Identified, "IDC");
            var confounded = Admg.Parse("Z -> X; Z -> Y; X -> Y");
            var ett = IdcStar.Identify(confounded, [CounterfactualEvent.Parse("Y[X=1] = 1")], [CounterfactualEvent.Parse("X = 0")]);
            Check.True(IdStar.ToObservational(confounded, ett) is Identified, "ETT, observational");
            var bow = IdStar.Identify(Admg.Parse("X -> Y; X <-> Y"), [CounterfactualEvent.Parse("Y[X=1] = 1"), CounterfactualEvent.Parse("X = 0")]);
            Check.Equal(bow is CounterfactualNotIdentified { Conflict.Variable: "X" }, true, "ETT in the bow: a conflict on X");
        }),
        Case("bad input: unknown names with a suggestion, overlapping sets, conditioning on a treatment", () =>
        {
            var graph = Admg.Parse("Smoking -> Tar -> Cancer; Smoking <-> Cancer");
            var unknown = Check.Throws<UnknownNodeException>(() => Identify.Effect(graph, CausalQuery.P("Cancr").Do("Smoking")), "unknown");
            Check.Equal(unknown.Suggestion, "Cancer", "suggestion");
            var overlap = Check.Throws<GraphException>(() => Identify.Effect(graph, CausalQuery.P("Cancer", "Tar").Do("Tar")), "overlap");
            Check.Contains(overlap.Message, "'Tar' is both an outcome and a treatment", "overlap message");
            var conditioned = Check.Throws<GraphException>(() => Identify.Effect(graph, CausalQuery.P("Cancer").Do("Smoking").Given("Smoking")), "condition");
            Check.Contains(conditioned.Message, "'Smoking' is both a treatment and a condition", "condition message");
        }),
        Case("model → identify → evaluate: exactly 29/100 and 61/100 on the joint, within 0.01 on 200,000 rows", () =>
        {
            var model = Smoking();
            var estimand = model.Graph.IdentifyEffect(CausalQuery.P(C).Do(S)).OrThrow();
            var exact = estimand.Table(model.QueryExact(model.Observed));
            Check.Equal(exact[[S.Is("no"), C.Is("yes")]], R("29/100"), "do(S = no)");
            Check.Equal(exact[[S.Is("yes"), C.Is("yes")]], R("61/100"), "do(S = yes)");
            var estimate = estimand.Table(model.Sample(200_000, seed: 11));
            Close(Math.Round(estimate[[S.Is("no"), C.Is("yes")]], 2), 0.29, "plug-in do(S = no)");
            Close(Math.Round(estimate[[S.Is("yes"), C.Is("yes")]], 2), 0.61, "plug-in do(S = yes)");
        }));
}
