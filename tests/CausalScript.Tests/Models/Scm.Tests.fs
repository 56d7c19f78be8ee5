/// Building structural causal models: the graphs a model induces, interventions as new immutable models, and the
/// validation errors (each must name the culprit: the variable, the row, the parents' values).
module CausalScript.Tests.Models.ScmTests

open System
open System.Collections.Generic
open Expecto
open CausalScript
open CausalScript.Graphs
open CausalScript.Models
open CausalScript.Inference
open CausalScript.Tests.Graphs
open CausalScript.Tests.Models.ScmReference

let private graphEqual (actual: Admg) (expected: Admg) (message: string) =
    if not (actual.Equals expected) then failtestf "%s: expected %O, got %O" message expected actual

let private contains = ExpectSets.contains

/// The ModelException raised by `f`, checked to name `variable`.
let private modelError (variable: string) (f: unit -> unit) : ModelException =
    let e = ExpectSets.throws<ModelException> f "expected a ModelException"
    Expect.equal (string e.Variable) variable $"the exception names '{variable}' ({e.Message})"
    e

let private cpt (parents: Variable list) (p: float list) = Mechanism.Cpt(parents, p)

open Smoking

[<Tests>]
let tests =
    testList "Models.Scm" [
        testCase "smoking: Graph is the latent projection S -> T; T -> C; S <-> C, FullGraph keeps H latent" <| fun () ->
            let m = model ()
            graphEqual m.Graph (Admg.Parse "S -> T; T -> C; S <-> C") "observed ADMG"
            graphEqual m.FullGraph (Admg.Parse "H -> S; S -> T; T -> C; H -> C; H [latent]") "full DAG"
            Expect.equal [ for v in m.Observed -> v.Name ] [ "S"; "T"; "C" ] "observed, in declaration order"
            Expect.equal [ for v in m.Latent -> v.Name ] [ "H" ] "latent"
            Expect.isTrue (m.IsLatent H) "H latent"
            Expect.isFalse (m.IsLatent S) "S observed"
            Expect.equal [ for v in m.TopologicalOrder -> v.Name ] [ "H"; "S"; "T"; "C" ] "the only topological order"
            Expect.equal [ for v in m.ParentsOf C -> v.Name ] [ "T"; "H" ] "parents in mechanism order"
            Expect.equal (m["T"]) T "lookup by name"
            Expect.isTrue (m.Contains "C") "contains"
            Expect.isFalse (m.Contains "c") "names are case-sensitive"
            let e = modelError "Smokng" (fun () -> m["Smokng"] |> ignore)
            contains e.Message "Unknown variable 'Smokng'" "unknown name"
            // The same model declared in a scrambled order (parents after children) has the same graphs.
            graphEqual (decimalModel ()).Graph m.Graph "declaration order does not matter"
            graphEqual (decimalModel ()).FullGraph m.FullGraph "declaration order does not matter (full graph)"

        testCase "a noise term read by X and Y becomes X <-> Y; latent chains and mediators project as in the definition" <| fun () ->
            let U, X, Y, Z = Variable.Real "U", Variable.Real "X", Variable.Real "Y", Variable.Real "Z"
            let shared =
                Scm.Create("shared noise")
                    .Noise(U, Noise.Normal())
                    .Node(X, Mechanism.Linear(0.0, [ struct (U, 1.0) ]))
                    .Node(Y, Mechanism.Linear(0.0, [ struct (X, 2.0); struct (U, 1.0) ]))
                    .Build()
            graphEqual shared.Graph (Admg.Parse "X -> Y; X <-> Y") "shared noise"
            Expect.isTrue (shared.IsLatent U) "a noise term is latent"
            // A noise term read by three variables: pairwise bidirected edges.
            let three =
                Scm.Create("three").Noise(U, Noise.Normal())
                    .Node(X, Mechanism.Linear(0.0, [ struct (U, 1.0) ]))
                    .Node(Y, Mechanism.Linear(0.0, [ struct (U, 1.0) ]))
                    .Node(Z, Mechanism.Linear(0.0, [ struct (U, 1.0) ]))
                    .Build()
            graphEqual three.Graph (Admg.Parse "X <-> Y; Y <-> Z; X <-> Z") "three readers"
            // A latent chain L1 -> L2 feeding X and Y, and a latent mediator X -> M -> Z.
            let L1, L2, M = Variable.Real "L1", Variable.Real "L2", Variable.Real "M"
            let chain =
                Scm.Create("chain").Noise(L1, Noise.Normal())
                    .Latent(L2, Mechanism.Linear(0.0, [ struct (L1, 1.0) ]))
                    .Node(X, Mechanism.Linear(0.0, [ struct (L2, 1.0) ]))
                    .Node(Y, Mechanism.Linear(0.0, [ struct (L2, 1.0) ]))
                    .Latent(M, Mechanism.Linear(0.0, [ struct (X, 1.0) ]))
                    .Node(Z, Mechanism.Linear(0.0, [ struct (M, 1.0) ]))
                    .Build()
            graphEqual chain.Graph (Admg.Parse "X <-> Y; X -> Z") "latent chain and mediator"

        testCase "property: FullGraph is the mechanisms' parent relation and Graph its latent projection (200 random models)" <| fun () ->
            let rng = Random 2024
            for case in 1..200 do
                let r = randomModel rng 2 7 0.45 0.2 0.35 true
                let m = build "random" r
                let names = [ for n in r.Nodes -> n.Var.Name ]
                let full =
                    Reference.RGraph(names, [ for n in r.Nodes do for p in n.Parents -> p.Name, n.Var.Name ], [],
                                     set [ for n in r.Nodes do if n.Latent then n.Var.Name ])
                let context = $"case {case}:\n{r}"
                graphEqual m.FullGraph (Reference.toAdmg full) $"full graph, {context}"
                graphEqual m.Graph (Reference.toAdmg (Reference.project full)) $"latent projection, {context}"
                Expect.equal [ for v in m.Variables -> v.Name ] [ for n in r.Declared -> n.Var.Name ] $"declaration order, {context}"
                let position = Dictionary<string, int>()
                m.TopologicalOrder |> Seq.iteri (fun i v -> position[v.Name] <- i)
                for n in r.Nodes do
                    Expect.equal [ for p in m.ParentsOf n.Var -> p.Name ] [ for p in n.Parents -> p.Name ] $"parents of {n.Var.Name}, {context}"
                    for p in n.Parents do
                        Expect.isLessThan position[p.Name] position[n.Var.Name] $"{p.Name} before {n.Var.Name} in the topological order, {context}"

        testCase "Do returns a new model and leaves the original unchanged (mechanisms, graph, answers)" <| fun () ->
            let m = model ()
            let before = m.ProbabilityExact(C.Is "yes", [])
            let intervened = m.Do([ S.Is "yes" ])
            Expect.equal (m.MechanismOf S).Kind MechanismKind.Table "original S keeps its table"
            Expect.equal (intervened.MechanismOf S).Kind MechanismKind.Constant "intervened S is a constant"
            Expect.isTrue (Object.ReferenceEquals(m.MechanismOf T, intervened.MechanismOf T)) "untouched mechanisms are shared"
            Expect.isEmpty m.Interventions "the original has no interventions"
            Expect.equal (List.ofSeq intervened.Interventions) [ "do(S = yes)" ] "the intervention is recorded"
            Expect.isEmpty (intervened.ParentsOf S) "do(S) cuts H -> S"
            graphEqual intervened.Graph (Admg.Parse "S -> T; T -> C") "H now confounds nothing observed"
            graphEqual m.Graph (Admg.Parse "S -> T; T -> C; S <-> C") "the original graph is unchanged"
            Expect.equal (m.ProbabilityExact(C.Is "yes", [])) before "the original's answers are unchanged"
            // P(C = yes) = (1/2)(29/100 + 61/100) since P(S = yes) = 1/2 by symmetry of the H prior and the S table.
            Expect.equal before (Rational.Parse "9/20") "P(C = yes)"
            Expect.isTrue (Object.ReferenceEquals(m.Do([]), m)) "an empty intervention is the model itself"
            let chained = intervened.Do([ T.Is "low" ])
            Expect.equal (List.ofSeq chained.Interventions) [ "do(S = yes)"; "do(T = low)" ] "interventions chain in order"
            Expect.equal (List.ofSeq intervened.Interventions) [ "do(S = yes)" ] "chaining leaves the intermediate model unchanged"

        testCase "Intervene, DoRandom, Shift and Policy also return new models, leaving the original untouched" <| fun () ->
            let m = model ()
            let unchanged () =
                Expect.equal (m.MechanismOf S).Kind MechanismKind.Table "S still a table"
                Expect.equal (m.MechanismOf T).Kind MechanismKind.Table "T still a table"
                Expect.isEmpty m.Interventions "no interventions recorded on the original"
                Expect.equal [ for p in m.ParentsOf S -> p.Name ] [ "H" ] "S still reads H"
            let random = m.DoRandom(S, [ 0.3; 0.7 ])
            Expect.equal (random.MechanismOf S).Kind MechanismKind.Table "DoRandom with probabilities is a prior table"
            Expect.isEmpty (random.ParentsOf S) "DoRandom cuts S's parents"
            unchanged ()
            let policy = m.Policy(T, Mechanism.Function(S, Func<string, string>(fun s -> if s = "yes" then "low" else "high")))
            Expect.equal (policy.MechanismOf T).Kind MechanismKind.Function "policy mechanism"
            Expect.equal (List.ofSeq policy.Interventions) [ "do(T = π(S))" ] "policy is recorded"
            unchanged ()
            let replaced = m.Intervene(T, Mechanism.Cpt([ H ], [ 0.5; 0.5; 0.5; 0.5 ]))
            Expect.equal [ for p in replaced.ParentsOf T -> p.Name ] [ "H" ] "Intervene may give new parents"
            graphEqual replaced.Graph (Admg.Parse "S <-> T; S <-> C; T <-> C; T -> C") "H now confounds S, T and C"
            unchanged ()
            let X = Variable.Real "X"
            let linear = Scm.Create("lin").Node(X, Noise.Normal()).Build()
            let shifted = linear.Shift(X, 2.0)
            Expect.equal (shifted.MechanismOf X).Kind MechanismKind.Shift "shift mechanism"
            Expect.equal (linear.MechanismOf X).Kind MechanismKind.Exogenous "the original is not shifted"
            Expect.equal (List.ofSeq shifted.Interventions) [ "shift(X + 2)" ] "shift is recorded"

        testCase "a CPT row that does not sum to 1 names the variable and the row" <| fun () ->
            let build (m: Mechanism) = Scm.Create().Latent(H, Mechanism.Prior([ 0.5; 0.5 ])).Node(S, m).Build() |> ignore
            let e = modelError "S" (fun () -> build (cpt [ H ] [ 0.8; 0.2; 0.25; 0.5 ]))
            contains e.Message "Row (H = 'g1') of the table of 'S' sums to 0.75, not 1" "double row"
            let e = modelError "S" (fun () -> build (Mechanism.Cpt([ H ], [ rat 4 5; rat 1 5; rat 1 3; rat 1 3 ])))
            contains e.Message "Row (H = 'g1') of the table of 'S' sums to 2/3, not 1" "rational row"
            let e = modelError "S" (fun () -> build (cpt [ H ] [ 1.1; -0.1; 0.5; 0.5 ]))
            contains e.Message "invalid probability -0.1 for S = 'yes' in row (H = 'g0')" "a negative probability"
            let e = modelError "S" (fun () -> build (cpt [ H ] [ nan; 1.0; 0.5; 0.5 ]))
            contains e.Message "invalid probability NaN for S = 'no' in row (H = 'g0')" "NaN probability"
            let e = modelError "H" (fun () -> Scm.Create().Node(H, Mechanism.Prior([ 0.5; 0.6 ])).Build() |> ignore)
            contains e.Message "Row (the prior) of the table of 'H'" "a prior"
            // Two parents: the row names both parents' values.
            let e =
                modelError "C" (fun () ->
                    Scm.Create().Node(T, Mechanism.Prior([ 0.5; 0.5 ])).Node(H, Mechanism.Prior([ 0.5; 0.5 ]))
                        .Node(C, cpt [ T; H ] [ 0.9; 0.1; 0.6; 0.4; 0.5; 0.4; 0.2; 0.8 ]).Build() |> ignore)
            contains e.Message "Row (T = 'high', H = 'g0') of the table of 'C'" "two parents"

        testCase "a table of the wrong length, or keyed rows that are missing, repeated or malformed, are rejected" <| fun () ->
            let e = modelError "S" (fun () -> Scm.Create().Node(H, Mechanism.Prior([ 0.5; 0.5 ])).Node(S, cpt [ H ] [ 0.5; 0.5; 1.0 ]).Build() |> ignore)
            contains e.Message "The table of 'S' has 3 probabilities, but needs 2 parent configuration(s) × 2 values of 'S' {no, yes} = 4" "length"
            let rows (r: (obj * float[]) list) = [ for (k, p) in r -> struct (k, p) ]
            let e = ExpectSets.throws<ModelException> (fun () -> Mechanism.Cpt([ H ], rows [ ("g0" :> obj), [| 0.5; 0.5 |] ]) |> ignore) "missing row"
            contains e.Message "The CPT has no row for (H = 'g1')" "missing row"
            let e =
                ExpectSets.throws<ModelException> (fun () ->
                    Mechanism.Cpt([ H ], rows [ ("g0" :> obj), [| 0.5; 0.5 |]; ("g0" :> obj), [| 0.5; 0.5 |] ]) |> ignore) "duplicate row"
            contains e.Message "two rows for (H = 'g0')" "duplicate row"
            let e =
                ExpectSets.throws<ModelException> (fun () ->
                    Mechanism.Cpt([ T; H ], rows [ ("low" :> obj), [| 0.5; 0.5 |] ]) |> ignore) "key arity"
            contains e.Message "has 1 value(s), but there are 2 parents (T, H)" "key arity"
            let e =
                ExpectSets.throws<ModelException> (fun () ->
                    Mechanism.Cpt([ H ], rows [ ("g0" :> obj), [| 0.5; 0.5 |]; ("g1" :> obj), [| 1.0 |] ]) |> ignore) "row width"
            contains e.Message "The CPT row for (H = 'g1') has 1 probabilities; other rows have 2" "row width"
            let e =
                ExpectSets.throws<CausalScriptException> (fun () ->
                    Mechanism.Cpt([ H ], rows [ ("g2" :> obj), [| 0.5; 0.5 |]; ("g1" :> obj), [| 0.5; 0.5 |] ]) |> ignore) "unknown key"
            contains e.Message "'g2' is not a value of H" "unknown key"

        testCase "an unknown parent is named, with the closest variable as a suggestion" <| fun () ->
            let smoking = Variable.Bool "Smoking"
            let tar = Variable.Bool "Tar"
            let e =
                modelError "Tar" (fun () ->
                    Scm.Create().Node(smoking, Mechanism.Prior([ 0.5; 0.5 ]))
                        .Node(tar, cpt [ Variable.Bool "Smokng" ] [ 0.9; 0.1; 0.1; 0.9 ]).Build() |> ignore)
            contains e.Message "The mechanism of 'Tar' reads 'Smokng', which is not a variable of the model. Did you mean 'Smoking'?" "suggestion"
            let e =
                modelError "Tar" (fun () ->
                    Scm.Create().Node(smoking, Mechanism.Prior([ 0.5; 0.5 ]))
                        .Node(tar, cpt [ Variable.Bool "Quux" ] [ 0.9; 0.1; 0.1; 0.9 ]).Build() |> ignore)
            contains e.Message "reads 'Quux', which is not a variable of the model." "no suggestion"
            Expect.isFalse (e.Message.Contains "Did you mean") "no suggestion for a distant name"
            // A parent with the right name but another domain.
            let e =
                modelError "T" (fun () ->
                    Scm.Create().Node(S, Mechanism.Prior([ 0.5; 0.5 ])).Node(T, cpt [ Variable.Bool "S" ] [ 0.9; 0.1; 0.1; 0.9 ]).Build() |> ignore)
            contains e.Message "reads 'S' with domain {false, true}, but the model defines it with domain {no, yes}" "domain mismatch"

        testCase "a cycle raises CycleException naming the cycle in order" <| fun () ->
            let X, Y, Z, W = Variable.Bool "X", Variable.Bool "Y", Variable.Bool "Z", Variable.Bool "W"
            let copy (p: Variable) = Mechanism.Function(p, Func<bool, bool>(id))
            let e =
                ExpectSets.throws<CycleException> (fun () ->
                    Scm.Create("loop").Node(W, Mechanism.Prior([ 0.5; 0.5 ]))
                        .Node(X, Mechanism.Function(Y, W, Func<bool, bool, bool>(fun y w -> y && w)))
                        .Node(Y, copy Z).Node(Z, copy X).Build() |> ignore) "cycle"
            let cycle = List.ofSeq e.Nodes
            Expect.equal (set cycle) (set [ "X"; "Y"; "Z" ]) "the cycle's nodes (W is not on it)"
            let parents = Map [ "X", set [ "Y"; "W" ]; "Y", set [ "Z" ]; "Z", set [ "X" ] ]
            for i in 0 .. cycle.Length - 1 do
                let a, b = cycle[i], cycle[(i + 1) % cycle.Length]
                Expect.isTrue (parents[b].Contains a) $"{a} -> {b} is an edge of the cycle {cycle}"
            contains e.Message "directed cycle" "message"
            contains e.Message (String.Join(" -> ", cycle @ [ cycle[0] ])) "the message lists the cycle"
            // A mechanism reading its own variable.
            let e = ExpectSets.throws<CausalScriptException> (fun () -> Scm.Create().Node(X, copy X).Build() |> ignore) "self-loop"
            contains e.Message "X -> X" "self-loop named"

        testCase "a function returning a value outside the domain names the variable and the parents' values" <| fun () ->
            let X = Variable.Range("X", 0, 2)
            let Y = Variable.Range("Y", 0, 3)
            let m =
                Scm.Create().Node(X, Mechanism.Prior([ 0.2; 0.3; 0.5 ]))
                    .Node(Y, Mechanism.Function(X, Func<int, int>(fun x -> x + 2))).Build()
            let expected = "The mechanism of 'Y' returned 4 at (X = 2), which is outside its domain {0..3}"
            let e = modelError "Y" (fun () -> m.Sample(1000, 1) |> ignore)
            contains e.Message expected "when sampling"
            let e = modelError "Y" (fun () -> m.Probability(Y.Is 3, []) |> ignore)
            contains e.Message expected "in exact inference"
            // A label outside a categorical domain, through the object overload.
            let G = Variable.Categorical("G", [ "a"; "b" ])
            let m =
                Scm.Create().Node(X, Mechanism.Prior([ 0.2; 0.3; 0.5 ]))
                    .Node(G, Mechanism.Function([ X ], Func<IReadOnlyList<obj>, obj>(fun v -> if unbox<int> v[0] = 1 then ("c" :> obj) else ("a" :> obj))))
                    .Build()
            let e = modelError "G" (fun () -> m.Sample(1000, 1) |> ignore)
            contains e.Message "The mechanism of 'G' returned 'c' at (X = 1), which is outside its domain {a, b}" "label"
            // Reading a parent as the wrong type fails when the model is built, naming both variables.
            let e =
                modelError "Y" (fun () ->
                    Scm.Create().Node(X, Mechanism.Prior([ 0.2; 0.3; 0.5 ])).Node(Y, Mechanism.Function(X, Func<bool, int>(fun _ -> 0))).Build() |> ignore)
            contains e.Message "reads its parent 'X' as Boolean, but 'X' has domain {0..2}" "reader type"

        testCase "NaN or infinity produced while sampling names the variable and the parents' values" <| fun () ->
            let X = Variable.Real "X"
            let Y = Variable.Real "Y"
            let additive =
                Scm.Create().Node(X, Noise.Normal())
                    .Node(Y, Mechanism.Additive([ X ], Func<float[], float>(fun x -> log x[0]), Noise.Normal(0.0, 0.1))).Build()
            let e = modelError "Y" (fun () -> additive.Sample(2000, 3) |> ignore)
            contains e.Message "The mechanism of 'Y' produced NaN at row" "additive"
            // log x is NaN only for x < 0: the reported parent value must be negative.
            contains e.Message "(X = -" "the row's parent value"
            let fn = Scm.Create().Node(X, Noise.Normal()).Node(Y, Mechanism.Function(X, Func<float, float>(fun x -> sqrt x))).Build()
            let e = modelError "Y" (fun () -> fn.Sample(2000, 3) |> ignore)
            contains e.Message "The mechanism of 'Y' returned NaN at (X = -" "function"
            contains e.Message "not a finite number" "function"
            let B = Variable.Bool "B"
            let inf = Scm.Create().Node(B, Mechanism.Prior([ 0.5; 0.5 ])).Node(Y, Mechanism.Function(B, Func<float, float>(fun b -> 1.0 / (b - 1.0)))).Build()
            let e = modelError "Y" (fun () -> inf.Sample(100, 3) |> ignore)
            contains e.Message "at (B = true)" "infinity: the parent value that causes it"

        testCase "mechanisms that do not fit their variable: logistic/probit on a non-bool, numeric readings of a categorical" <| fun () ->
            let X = Variable.Real "X"
            let Y3 = Variable.Range("Y", 0, 2)
            let e = modelError "Y" (fun () -> Scm.Create().Node(X, Noise.Normal()).Node(Y3, Mechanism.Logistic(0.0, [ struct (X, 1.0) ])).Build() |> ignore)
            contains e.Message "A logistic mechanism defines a bool variable, but 'Y' has domain {0..2}" "logistic"
            let e = modelError "Y" (fun () -> Scm.Create().Node(X, Noise.Normal()).Node(Y3, Mechanism.Probit(0.0, [ struct (X, 1.0) ])).Build() |> ignore)
            contains e.Message "A probit mechanism defines a bool variable" "probit"
            let G = Variable.Categorical("G", [ "a"; "b"; "c" ])
            let Y = Variable.Real "Y"
            let e =
                modelError "Y" (fun () ->
                    Scm.Create().Node(G, Mechanism.Prior([ 0.2; 0.3; 0.5 ])).Node(Y, Mechanism.Linear(0.0, [ struct (G, 1.0) ])).Build() |> ignore)
            contains e.Message "The additive-noise mechanism of 'Y' reads its parent 'G' as a number, but 'G' is categorical {a, b, c}" "linear"
            let B = Variable.Bool "B"
            let e =
                modelError "B" (fun () ->
                    Scm.Create().Node(G, Mechanism.Prior([ 0.2; 0.3; 0.5 ])).Node(B, Mechanism.Logistic(0.0, [ struct (G, 1.0) ])).Build() |> ignore)
            contains e.Message "The logistic mechanism of 'B' reads its parent 'G' as a number" "logistic with a categorical parent"
            let e = modelError "B" (fun () -> Scm.Create().Node(X, Noise.Normal()).Node(B, Mechanism.Linear(0.0, [ struct (X, 1.0) ])).Build() |> ignore)
            contains e.Message "An additive-noise mechanism defines a real variable, but 'B' has domain {false, true}" "linear on a bool"
            let e = modelError "Y" (fun () -> Scm.Create().Node(Y3, Noise.Bernoulli 0.5).Build() |> ignore)
            contains e.Message "'Y' has 3 values {0..2}, so its distribution must be finite with 3 probabilities" "noise size"
            let e = modelError "Y" (fun () -> Scm.Create().Node(Y3, Noise.Normal()).Build() |> ignore)
            contains e.Message "must be finite" "continuous noise on a finite variable"
            let e = modelError "Y" (fun () -> Scm.Create().Node(G, Mechanism.Prior([ 0.2; 0.3; 0.5 ])).Node(Y, Mechanism.Cpt([ G ], [ 0.5 ])).Build() |> ignore)
            contains e.Message "'Y' is continuous" "a table for a real variable"

        testCase "a policy reading a descendant is refused; one reading a non-descendant is accepted" <| fun () ->
            let m = model ()
            let readC = Mechanism.Function(C, Func<string, string>(id))
            let e = modelError "S" (fun () -> m.Policy(S, readC) |> ignore)
            contains e.Message "The policy for 'S' reads 'C', a descendant of 'S'" "descendant"
            let e = modelError "S" (fun () -> m.Policy(S, T, Func<string, string>(fun t -> if t = "low" then "no" else "yes")) |> ignore)
            contains e.Message "reads 'T', a descendant of 'S'" "child"
            Expect.isEmpty m.Interventions "the original is untouched by a refused policy"
            // Reading the latent H (not a descendant) is fine: a policy conditioned on the genotype.
            let p = m.Policy(S, H, Func<string, string>(fun h -> if h = "g1" then "no" else "yes"))
            // Hand computation: P(C = yes) = ½·P(C=yes | do(S=yes), H=g0) + ½·P(C=yes | do(S=no), H=g1)
            //   = ½(1/10·1/10 + 9/10·1/2) + ½(9/10·2/5 + 1/10·4/5) = ½·46/100 + ½·44/100 = 45/100.
            Expect.equal (p.ProbabilityExact(C.Is "yes", [])) (Rational.Parse "9/20") "policy effect"

        testCase "misuse of the builder and of interventions" <| fun () ->
            let e = modelError "S" (fun () -> Scm.Create().Node(S, Mechanism.Prior([ 0.5; 0.5 ])).Node(S, Mechanism.Prior([ 0.5; 0.5 ])) |> ignore)
            contains e.Message "Variable 'S' is defined twice" "duplicate"
            let e = ExpectSets.throws<ModelException> (fun () -> Scm.Create("empty").Build() |> ignore) "empty"
            contains e.Message "Model 'empty' has no variables" "empty"
            let e = ExpectSets.throws<ModelException> (fun () -> Mechanism.Cpt([ H; H ], [ 0.5; 0.5 ]) |> ignore) "repeated parent"
            contains e.Message "Parent 'H' is listed twice" "repeated parent"
            let m = model ()
            let e = modelError "S" (fun () -> m.Do([ S.Is "yes"; S.Is "no" ]) |> ignore)
            contains e.Message "'S' is assigned twice" "assigned twice"
            let e = modelError "Q" (fun () -> m.Do([ (Variable.Bool "Q").Is true ]) |> ignore)
            contains e.Message "Unknown variable 'Q'" "unknown intervened variable"
            let e = modelError "S" (fun () -> m.Do([ (Variable.Bool "S").Is true ]) |> ignore)
            contains e.Message "'S' has domain {false, true} here, but the model defines it with domain {no, yes}" "domain mismatch"
            let e = modelError "S" (fun () -> m.Shift(S, 1.0) |> ignore)
            contains e.Message "'S' is categorical" "shift of a categorical"
            let e = ExpectSets.throws<CausalScriptException> (fun () -> m.Intervene(S, Mechanism.Constant "maybe") |> ignore) "constant outside the domain"
            contains e.Message "'maybe' is not a value of S" "constant outside the domain"
    ]
