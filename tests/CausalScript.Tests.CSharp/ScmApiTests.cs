using CausalScript.Data;
using CausalScript.Graphs;
using CausalScript.Inference;
using CausalScript.Models;
using Expecto;

namespace CausalScript.Tests.CSharp;

// Structural causal models from C#: the fluent builder, interventions, exact queries, sampling and counterfactuals.
// Expected numbers: the smoking model of string-diagrams.md §2.4 (29/100, 61/100, 7/10) and Pearl's firing squad
// (P(D_{A=false} | D) = p/(p + q − pq) = 5/6; PN, PS, PNS derived by hand in the F# counterfactual tests).
public static partial class ApiTests
{
    private static Rational R(string text) => Rational.Parse(text);

    private static readonly Variable H = Variable.Categorical("H", "g0", "g1");
    private static readonly Variable S = Variable.Categorical("S", "no", "yes");
    private static readonly Variable T = Variable.Categorical("T", "low", "high");
    private static readonly Variable C = Variable.Categorical("C", "no", "yes");

    /// <summary>The smoking model, as a C# user would write it: rationals for the prior, keyed rows for C's table.</summary>
    private static Scm Smoking() =>
        Scm.Create("smoking")
            .Latent(H, Mechanism.Prior(R("1/2"), R("1/2")))
            .Node(S, Mechanism.Cpt([H], [0.8, 0.2, 0.2, 0.8]))
            .Node(T, Mechanism.Cpt([S], [0.9, 0.1, 0.1, 0.9]))
            .Node(C, Mechanism.Cpt([T, H],
                (("low", "g0"), [0.9, 0.1]),
                (("low", "g1"), [0.6, 0.4]),
                (("high", "g0"), [0.5, 0.5]),
                (("high", "g1"), [0.2, 0.8])))
            .Build();

    private static readonly Variable U = Variable.Bool("U"), W = Variable.Bool("W"), O = Variable.Bool("O"),
        A = Variable.Bool("A"), B = Variable.Bool("B"), D = Variable.Bool("D");

    private static Scm FiringSquad(double p, double q) =>
        Scm.Create("firing squad")
            .Noise(U, Noise.Bernoulli(p))
            .Noise(W, Noise.Bernoulli(q))
            .Node(O, Mechanism.Function(U, (bool u) => u))
            .Node(A, Mechanism.Function(O, W, (bool o, bool w) => o || w))
            .Node(B, Mechanism.Function(O, (bool o) => o))
            .Node(D, Mechanism.Function(A, B, (bool a, bool b) => a || b))
            .Build();

    private static void Close(double actual, double expected, string what)
    {
        if (Math.Abs(actual - expected) > 1e-12) throw new AssertException($"{what}: expected {expected:R}, got {actual:R}.");
    }

    private static Test ScmModels => List("Structural causal models",
        Case("The fluent builder gives the latent projection S -> T -> C, S <-> C", () =>
        {
            var model = Smoking();
            Check.True(model.Graph.Equals(Admg.Parse("S -> T; T -> C; S <-> C")), $"observed graph, got {model.Graph}");
            Check.Names(model.FullGraph.Latent, ["H"], "H is latent in the full DAG");
            Check.Sequence(model.Observed.Select(v => v.Name), ["S", "T", "C"], "observed variables");
            Check.Sequence(model.ParentsOf(C).Select(v => v.Name), ["T", "H"], "parents of C");
            Check.True(model.MechanismOf(C) is { Kind: MechanismKind.Table }, "C has a table");
        }),
        Case("Do returns a new model; exact answers are 29/100 and 61/100, the conditionals 1/5 and 7/10", () =>
        {
            var model = Smoking();
            var treated = model.Do(S.Is("yes"));
            Check.Equal(treated.ProbabilityExact(C.Is("yes")), R("61/100"), "P(C = yes | do(S = yes))");
            Check.Equal(model.Do(S.Is("no")).ProbabilityExact(C.Is("yes")), R("29/100"), "P(C = yes | do(S = no))");
            Check.Equal(model.ProbabilityExact(C.Is("yes"), S.Is("yes")), R("7/10"), "P(C = yes | S = yes)");
            Check.Equal(model.ProbabilityExact(C.Is("yes"), S.Is("no")), R("1/5"), "P(C = yes | S = no)");
            Close(treated.Probability(C.Is("yes")), 0.61, "double precision");
            Check.Sequence(treated.Interventions, ["do(S = yes)"], "recorded intervention");
            Check.Equal(model.Interventions.Count, 0, "the original is unchanged");
            Check.Equal(model.MechanismOf(S).Kind, MechanismKind.Table, "the original S keeps its table");
            var joint = model.QueryExact([S, C]);
            Check.Equal(joint[S.Is("yes"), C.Is("yes")], R("7/20"), "P(S = yes, C = yes) = 17/1000 + 333/1000");
        }),
        Case("Sample is seeded and converges to the interventional probability", () =>
        {
            var treated = Smoking().Do(S.Is("yes"));
            var data = treated.Sample(20_000, seed: 1);
            var again = treated.Sample(20_000, seed: 1, new SamplingOptions(MaxDegreeOfParallelism: 1));
            Check.True(data.Codes(C).SequenceEqual(again.Codes(C)), "same seed, same column");
            var p = (double)data.Count(C.Is("yes")) / data.RowCount;
            Check.True(Math.Abs(p - 0.61) <= 5 * Math.Sqrt(0.61 * 0.39 / data.RowCount), $"frequency {p} near 0.61");
            var withLatent = Smoking().Sample(10, seed: 2, new SamplingOptions(IncludeLatent: true));
            Check.Sequence(withLatent.Variables.Select(v => v.Name), ["H", "S", "T", "C"], "latent column on request");
            using var csv = new StringWriter { NewLine = "\n" };
            withLatent.WriteCsv(csv);
            Check.True(csv.ToString().StartsWith("H,S,T,C\n", StringComparison.Ordinal), "CSV header");
        }),
        Case("Firing squad: P(D_{A=false} = true | D = true) = 5/6; PN = 1/6, PS = 1, PNS = 2/5", () =>
        {
            var model = FiringSquad(0.6, 0.3);
            var dead = D.Under(A.Is(false));
            Check.Equal(dead.Name, "D[A=false]", "counterfactual variable name");
            Close(model.CounterfactualProbability(dead.Is(true), D.Is(true)), 5.0 / 6, "double");
            Check.Equal(Counterfactuals.ExactRational(model, [dead], [D.Is(true)])[dead.Is(true)], R("5/6"), "rational");
            var (pn, ps, pns) = Counterfactuals.ProbabilitiesOfCausation(model, A.Is(true), D.Is(true));
            Close(pn, 1.0 / 6, "PN");
            Close(ps, 1.0, "PS");
            Close(pns, 0.4, "PNS");
            var sample = Counterfactuals.Sample(model, [dead], [D.Is(true)], samples: 20_000, seed: 4);
            var share = (double)sample.Samples.Count(dead.Is(true)) / sample.Samples.RowCount;
            Check.True(Math.Abs(share - 5.0 / 6) <= 5 * Math.Sqrt(5.0 / 36 / sample.Samples.RowCount), $"sampled {share} near 5/6");
            var twin = model.TwinNetwork([[A.Is(false)]]);
            Check.True(twin.Graph.HasEdge("B", "D[A=false]"), "B is shared by both worlds");
            Check.Equal(twin.CopyOf(O, [A.Is(false)]).Name, "O", "O is not affected by A");
        }),
        Case("Linear models: Shift moves a child by w·δ; unit-level counterfactuals are y + b(x' − x)", () =>
        {
            var x = Variable.Real("x");
            var y = Variable.Real("y");
            var model = Scm.Create("linear")
                .Node(x, Noise.Normal(0, 1))
                .Node(y, Mechanism.Linear(1.0, [(x, 2.0)], Noise.Normal(0, 0.5)))
                .Build();
            var before = model.Sample(1000, seed: 5);
            var after = model.Shift(x, 0.25).Sample(1000, seed: 5);
            for (var i = 0; i < before.RowCount; i++)
                Close(after.Reals(y)[i] - before.Reals(y)[i], 0.5, $"row {i}: y moves by 2 · 0.25");
            var units = Dataset.FromColumns((x, new[] { 0.0, 1.0 }), (y, new[] { 1.5, 2.0 }));
            var counterfactual = Counterfactuals.UnitLevel(model, units, [x.Is(3.0)]);
            Close(counterfactual.Reals(y)[0], 1.5 + 2.0 * 3.0, "unit 0");
            Close(counterfactual.Reals(y)[1], 2.0 + 2.0 * 2.0, "unit 1");
        }),
        Case("Errors are ModelExceptions naming the variable", () =>
        {
            var e = Check.Throws<ModelException>(() => Scm.Create()
                .Node(H, Mechanism.Prior(0.5, 0.5))
                .Node(S, Mechanism.Cpt([H], [0.8, 0.2, 0.25, 0.5]))
                .Build(), "row sum");
            Check.Equal(e.Variable, "S", "variable");
            Check.Contains(e.Message, "Row (H = 'g1') of the table of 'S' sums to 0.75, not 1.", "message");
            var cycle = Check.Throws<CycleException>(() => Scm.Create()
                .Node(A, Mechanism.Function(B, (bool b) => b))
                .Node(B, Mechanism.Function(A, (bool a) => !a))
                .Build(), "cycle");
            Check.SameElements(cycle.Nodes, ["A", "B"], "the cycle");
            var table = Scm.Create().Node(A, Mechanism.Prior(0.5, 0.5)).Node(B, Mechanism.Cpt([A], [0.9, 0.1, 0.2, 0.8])).Build();
            var cf = Check.Throws<ModelException>(() => table.CounterfactualProbability(B.Under(A.Is(true)).Is(true), B.Is(false)), "CPT counterfactual");
            Check.Equal(cf.Variable, "B", "CPT variable named");
            var data = Check.Throws<DataException>(() => Dataset.FromColumns((A, new[] { 0, 1, 2 })), "bad code");
            Check.True(data is { Column: "A", Row: 2 }, $"column and row, got {data.Column}, {data.Row}");
        }));
}
