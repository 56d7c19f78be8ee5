using CausalScript.Diagrams;
using CausalScript.Expressions;
using CausalScript.Inference;
using CausalScript.Models;
using Expecto;

namespace CausalScript.Tests.CSharp;

// String diagrams from C# (issue 5): the operators >> * &, surgery on the smoking model (29/100, 61/100 from
// string-diagrams.md §2.4), the symbolic and sampling interpretations, twin diagrams with named counterfactual copies
// (the firing squad's 5/6), and errors that name both sides or the offending variable.
public static partial class ApiTests
{
    private static Test Diagrams => List("String diagrams",
        Case("Operators: >> composes, * tensors, & fans out; boxes convert to diagrams implicitly", () =>
        {
            var flip = Box.FromChannel("flip", Channel<Rational>.Create([S], [T], [R("1/4"), R("3/4"), R("1"), R("0")]));
            var keep = Box.FromChannel("keep", Channel<Rational>.Create([S], [C], [R("1"), R("0"), R("0"), R("1")]));
            var state = Diagram.Uniform(S) >> flip;
            Check.Equal(state.Signature, "I → T", ">>");
            Check.Sequence(Stoch.EvaluateExact(state).Values, [R("5/8"), R("3/8")], "u ; flip");
            Check.Equal((Diagram.Uniform(S) * Diagram.Uniform(T)).Signature, "I → S ⊗ T", "*");
            var fan = Diagram.Uniform(S) >> ((Diagram)flip & keep);
            Check.Equal(fan.Signature, "I → T ⊗ C", "&");
            Check.Sequence(Stoch.EvaluateExact(fan).Values, [R("1/8"), R("1/2"), R("3/8"), R("0")], "both read the same S");
            var generic = new Functor<Channel<Rational>>(Stoch.Category<Rational>(), Stoch.ExactTable);
            Check.True(generic.Apply(fan).SameAs(Stoch.EvaluateExact(fan)), "functor = contraction");
        }),
        Case("FromModel, Do, Cut and Open on the smoking model give 29/100 and 61/100", () =>
        {
            var d = Diagram.FromModel(Smoking());
            Check.Sequence(d.Boxes.Select(b => b.Name), ["H", "S", "T", "C"], "boxes");
            Check.Equal(Stoch.EvaluateExact(d.Do(S.Is("yes")).Marginal(C)).At("yes"), R("61/100"), "do");
            var cut = Stoch.EvaluateExact(d.Cut(S).Marginal(S, C));
            Check.Equal(cut.At("no", "yes") / R("1/2"), R("29/100"), "cut, disintegrated at S");
            var open = Stoch.EvaluateExact(d.Open(S).Marginal(C));
            Check.Equal(open.Signature, "S → C", "open");
            Check.Equal(open.At("yes", "yes"), R("61/100"), "P(C = yes | do(S = yes))");
            Check.Equal(Stoch.EvaluateExact(d.Cut(S).Cut(S)).SameAs(Stoch.EvaluateExact(d.Cut(S))), true, "idempotent");
        }),
        Case("Symbolic: the do diagram is Σ_{H,T} P(H) P(T | S) P(C | H, T), 61/100 on the model", () =>
        {
            var e = Symbolic.Interpret(Diagram.FromModel(Smoking()).Do(S.Is("yes")).Marginal(C));
            Check.Equal(e, ExpressionParser.Parse("sum_{H, T} P(H) P(T | S) P(C | T, H)"), "expression");
            var value = e.Evaluate(new ModelDistribution(Smoking()), new Dictionary<Symbol, int> { [new Symbol("S")] = 1, [new Symbol("C")] = 1 });
            Check.Equal(value, R("61/100"), "value");
        }),
        Case("Sampling: columns are the outputs, a repeated output gets a suffix", () =>
        {
            var data = DiagramSampler.Sample(Diagram.FromModel(Smoking()).SelectOutputs(0, 0, 2), 1000, seed: 3);
            Check.Sequence(data.Variables.Select(v => v.Name), ["S", "S_2", "C"], "columns");
            Check.True(data.Codes(S).SequenceEqual(data.Codes(data["S_2"])), "the copy is the same column");
        }),
        Case("Twin diagrams: named copies D[A=false], shared roots, P(D[A=false] = true | D = true) = 5/6", () =>
        {
            var model = Scm.Create("firing squad")
                .Latent(U, Mechanism.Prior(R("2/5"), R("3/5")))
                .Latent(W, Mechanism.Prior(R("7/10"), R("3/10")))
                .Node(O, Mechanism.Function(U, (bool u) => u))
                .Node(A, Mechanism.Function(O, W, (bool o, bool w) => o || w))
                .Node(B, Mechanism.Function(O, (bool o) => o))
                .Node(D, Mechanism.Function(A, B, (bool a, bool b) => a || b))
                .Build();
            var twin = Diagram.Twin(model, A.Is(false));
            var dead = D.Under(A.Is(false));
            Check.Equal(twin.Resolve(dead).Name, "D[A=false]", "copy name");
            Check.Equal(twin.Resolve(B.Under(A.Is(false))).Name, "B", "B is shared");
            Check.Sequence(twin.Diagram.Cod.Select(v => v.Name), ["O", "A", "B", "D", "A[A=false]", "D[A=false]"], "outputs");
            Check.Equal(twin.Query([dead], [D.Is(true)])[dead.Is(true)], R("5/6"), "5/6");
            var multiverse = TwinDiagram.Build(model, [[A.Is(true)], [A.Is(false)]]);
            Check.Equal(multiverse.Worlds.Count, 3, "factual + two worlds");
        }),
        Case("Errors: mismatched composition names both types; surgery and twins name the variable", () =>
        {
            var e = Check.Throws<DiagramException>(() => _ = Diagram.Uniform(S) >> Diagram.Copy(T), "S vs T");
            Check.Contains(e.Message, "Cannot compose: the outputs S {no, yes} do not match the inputs T {low, high}", "both types");
            Check.Contains(e.Message, "position 0: 'S' {no, yes} against 'T' {low, high}", "position");
            var missing = Check.Throws<DiagramException>(() => Diagram.FromModel(Smoking()).Cut(Variable.Bool("Q")), "cut");
            Check.Contains(missing.Message, "'Q'", "names Q");
            var stochastic = Check.Throws<DiagramException>(() => Diagram.Twin(Smoking(), S.Is("yes")), "twin of a CPT model");
            Check.Contains(stochastic.Message, "'T'", "names T");
            var inputs = Check.Throws<DiagramException>(() => DiagramSampler.Sample(Diagram.Copy(S), 10), "sample a channel");
            Check.Contains(inputs.Message, "Only a state", "says why");
        }));
}
