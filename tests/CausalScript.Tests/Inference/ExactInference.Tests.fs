/// Exact inference on SCMs: the smoking model of string-diagrams.md §2.4 in exact rationals, and properties against
/// the brute-force semantics of ScmReference (enumerate every assignment, multiply the table entries).
module CausalScript.Tests.Inference.ExactInferenceTests

open System
open Expecto
open CausalScript
open CausalScript.Models
open CausalScript.Inference
open CausalScript.Tests.Graphs
open CausalScript.Tests.Models.ScmReference
open CausalScript.Tests.Models.ScmReference.Smoking

let private r (s: string) = Rational.Parse s

let private contains = ExpectSets.contains

let private close = ExpectSets.close

/// Compares a library distribution over `query` with the reference table (codes → probability), in rationals.
let private sameRational (actual: Factor<Rational>) (query: Variable list) (expected: Map<int list, Rational>) (context: string) =
    Expect.equal [ for v in actual.Variables -> v.Name ] [ for v in query -> v.Name ] $"axes in query order, {context}"
    for KeyValue(codes, p) in expected do
        let a = actual[[| for (v, c) in List.zip query codes -> at v c |]]
        if a <> p then failtestf "P(%A) expected %O, got %O; %s" codes p a context

let private sameDouble (actual: Factor<float>) (query: Variable list) (expected: Map<int list, Rational>) (context: string) =
    Expect.equal [ for v in actual.Variables -> v.Name ] [ for v in query -> v.Name ] $"axes in query order, {context}"
    for KeyValue(codes, p) in expected do
        let a = actual[[| for (v, c) in List.zip query codes -> at v c |]]
        if abs (a - toFloat p) > 1e-12 then failtestf "P(%A) expected %.17g, got %.17g; %s" codes (toFloat p) a context

/// A random query on a random model: 1–2 query variables and 0–3 evidence assignments on other variables.
let private randomQuery (rng: Random) (m: RModel) =
    let vars = shuffle rng [| for n in m.Nodes -> n.Var |]
    let q = 1 + rng.Next(min 2 (vars.Length - 1))
    let query = List.ofArray vars[0 .. q - 1]
    let evidence = [ for v in vars[q..] do if rng.Next 3 = 0 then v, rng.Next v.Size ] |> List.truncate 3
    query, evidence

/// A random hard intervention on 1–2 variables (name → code).
let private randomIntervention (rng: Random) (m: RModel) =
    let vars = shuffle rng [| for n in m.Nodes -> n.Var |]
    vars |> Array.take (1 + rng.Next 2) |> Array.map (fun v -> v.Name, rng.Next v.Size) |> Map.ofArray

[<Tests>]
let tests =
    testList "Inference.ExactInference" [
        testCase "smoking (string-diagrams.md §2.4): P(C=1|do(S=0)) = 29/100, P(C=1|do(S=1)) = 61/100, P(C=1|S=1) = 7/10, P(C=1|S=0) = 1/5" <| fun () ->
            for m in [ model (); decimalModel () ] do
                let name = m.Name
                Expect.equal (m.Do([ S.Is "no" ]).ProbabilityExact(C.Is "yes", [])) (r "29/100") $"do(S=0), {name}"
                Expect.equal (m.Do([ S.Is "yes" ]).ProbabilityExact(C.Is "yes", [])) (r "61/100") $"do(S=1), {name}"
                Expect.equal (m.ProbabilityExact(C.Is "yes", [ S.Is "yes" ])) (r "7/10") $"P(C=1|S=1), {name}"
                Expect.equal (m.ProbabilityExact(C.Is "yes", [ S.Is "no" ])) (r "1/5") $"P(C=1|S=0), {name}"
                close 0.29 (m.Do([ S.Is "no" ]).Probability(C.Is "yes", [])) $"double do(S=0), {name}"
                close 0.61 (m.Do([ S.Is "yes" ]).Probability(C.Is "yes", [])) $"double do(S=1), {name}"
                close 0.7 (m.Probability(C.Is "yes", [ S.Is "yes" ])) $"double P(C=1|S=1), {name}"
                close 0.2 (m.Probability(C.Is "yes", [ S.Is "no" ])) $"double P(C=1|S=0), {name}"

        testCase "smoking: the observed joint of (S, T, C) is the note's ω exactly" <| fun () ->
            let omega =
                [ "000", "189/500"; "001", "9/125"; "010", "11/500"; "011", "7/250"
                  "100", "33/1000"; "101", "17/1000"; "110", "117/1000"; "111", "333/1000" ]
            for m in [ model (); decimalModel () ] do
                let joint = m.QueryExact([ S; T; C ])
                let marginal = m.Marginal([ S; T; C ])
                for (cell, p) in omega do
                    let a = [| for (v, ch) in Seq.zip [ S; T; C ] cell -> at v (int ch - int '0') |]
                    Expect.equal joint[a] (r p) $"ω({cell}), {m.Name}"
                    close (toFloat (r p)) marginal[a] $"double ω({cell}), {m.Name}"
                Expect.equal joint.Total Rational.One "sums to 1"
            // Axes follow the query order, not the model's.
            let reversed = (model ()).QueryExact([ C; S ])
            Expect.equal [ for v in reversed.Variables -> v.Name ] [ "C"; "S" ] "axes in query order"
            // P(C=yes, S=yes) = 17/1000 + 333/1000 from ω.
            Expect.equal reversed[[| C.Is "yes"; S.Is "yes" |]] (r "7/20") "P(C=yes, S=yes)"

        testCase "property: exact inference (double and rational) equals brute-force enumeration (150 random models, 3 queries each)" <| fun () ->
            let rng = Random 11
            let mutable checkedQueries = 0
            for case in 1..150 do
                let rm = randomModel rng 2 7 0.45 0.2 0.2 true
                let m = build "random" rm
                for _ in 1..3 do
                    let query, evidence = randomQuery rng rm
                    let ev = [ for (v, c) in evidence -> at v c ]
                    let context = $"case {case}: P({query} | {show ev})\n{rm}"
                    match conditional rm Map.empty query evidence with
                    | None -> ()
                    | Some expected ->
                        sameRational (m.QueryExact(query, ev)) query expected context
                        sameDouble (m.Query(query, ev)) query expected context
                        checkedQueries <- checkedQueries + 1
            Expect.isGreaterThan checkedQueries 300 "enough queries had positive evidence"

        testCase "property: do() equals the truncated factorisation by brute force (150 random models)" <| fun () ->
            let rng = Random 12
            let mutable checkedQueries = 0
            for case in 1..150 do
                let rm = randomModel rng 2 7 0.45 0.2 0.2 true
                let m = build "random" rm
                for _ in 1..3 do
                    let intervention = randomIntervention rng rm
                    let query, evidence = randomQuery rng rm
                    let query = query |> List.filter (fun v -> not (intervention.ContainsKey v.Name))
                    let evidence = evidence |> List.filter (fun (v, _) -> not (intervention.ContainsKey v.Name))
                    if not query.IsEmpty then
                        let doAssignments = [ for KeyValue(name, code) in intervention -> at (rm.Var name) code ]
                        let intervened = m.Do(doAssignments)
                        let ev = [ for (v, c) in evidence -> at v c ]
                        let context = $"case {case}: P({query} | do{show doAssignments}, {show ev})\n{rm}"
                        match conditional rm intervention query evidence with
                        | None -> ExpectSets.throws<CausalScriptException> (fun () -> intervened.QueryExact(query, ev) |> ignore) context |> ignore
                        | Some expected ->
                            sameRational (intervened.QueryExact(query, ev)) query expected context
                            sameDouble (intervened.Query(query, ev)) query expected context
                            checkedQueries <- checkedQueries + 1
                        // The intervened variable itself is a point mass at its value.
                        let (KeyValue(name, code)) = Seq.head intervention
                        let v = rm.Var name
                        let point = intervened.QueryExact([ v ])
                        Expect.equal point[[| at v code |]] Rational.One $"{name} is set, {context}"
            Expect.isGreaterThan checkedQueries 300 "enough interventional queries"

        testCase "property: evidence of probability zero throws, naming the evidence (models with zeros and lookups)" <| fun () ->
            let rng = Random 13
            let mutable zeroCases = 0
            let mutable case = 0
            while zeroCases < 100 do
                case <- case + 1
                if case > 3000 then failtest "could not generate 100 zero-probability cases"
                let rm = randomModel rng 2 6 0.5 0.4 0.0 true
                let m = build "zeros" rm
                let query, evidence = randomQuery rng rm
                if not evidence.IsEmpty && (conditional rm Map.empty query evidence).IsNone then
                    zeroCases <- zeroCases + 1
                    let ev = [ for (v, c) in evidence -> at v c ]
                    let context = $"case {case}: P({query} | {show ev})\n{rm}"
                    for e in [ ExpectSets.throws<CausalScriptException> (fun () -> m.Query(query, ev) |> ignore) context
                               ExpectSets.throws<CausalScriptException> (fun () -> m.QueryExact(query, ev) |> ignore) context ] do
                        contains e.Message "has probability zero" context
                        for a in ev do contains e.Message (string a) context

        testCase "zero-probability evidence in the smoking model under an intervention" <| fun () ->
            // Under do(S = no), S = yes is impossible.
            let e = ExpectSets.throws<CausalScriptException> (fun () -> (model ()).Do([ S.Is "no" ]).Probability(C.Is "yes", [ S.Is "yes" ]) |> ignore) "impossible"
            contains e.Message "The evidence S = yes has probability zero, so the conditional distribution is undefined" "message"

        testCase "decimal tables are read as written; other doubles must be given in rationals for exact answers" <| fun () ->
            let X, Y = Variable.Bool "X", Variable.Bool "Y"
            // 0.1, 0.7 are 1/10 and 7/10 exactly, not their binary approximations.
            let m = Scm.Create().Node(X, Mechanism.Prior([ 0.3; 0.7 ])).Node(Y, Mechanism.Cpt([ X ], [ 0.9; 0.1; 0.2; 0.8 ])).Build()
            // P(Y=1) = 3/10·1/10 + 7/10·8/10 = 3/100 + 56/100 = 59/100.
            Expect.equal (m.ProbabilityExact(Y.Is true, [])) (r "59/100") "decimals"
            // P(X=1 | Y=1) = (56/100)/(59/100) = 56/59.
            Expect.equal (m.ProbabilityExact(X.Is true, [ Y.Is true ])) (r "56/59") "posterior"
            let third = Scm.Create().Node(X, Mechanism.Prior([ 1.0 / 3.0; 2.0 / 3.0 ])).Build()
            close (2.0 / 3.0) (third.Probability(X.Is true, [])) "double queries accept any double table"
            let e = ExpectSets.throws<ModelException> (fun () -> third.ProbabilityExact(X.Is true, []) |> ignore) "non-decimal"
            contains e.Message "'X', read as the decimals it was written with" "names the variable"
            contains e.Message "Give the table in rationals" "says how to fix it"

        testCase "deterministic, finite-noise, logistic and shifted mechanisms give their tables to exact inference" <| fun () ->
            let N = Variable.Range("N", 0, 2)
            let X = Variable.Range("X", -1, 1)
            let Y = Variable.Bool "Y"
            let m =
                Scm.Create().Noise(N, Noise.Categorical([ 0.25; 0.5; 0.25 ]))
                    .Node(X, Mechanism.Function(N, Func<int, int>(fun n -> n - 1)))
                    .Node(Y, Mechanism.Logistic(0.5, [ struct (X, 2.0) ]))
                    .Build()
            Expect.equal (m.ProbabilityExact(X.Is -1, [])) (r "1/4") "X = N - 1"
            Expect.equal (m.ProbabilityExact(X.Is 0, [])) (r "1/2") "X = N - 1"
            let sigma z = 1.0 / (1.0 + exp -z)
            // P(Y=1 | X=x) = σ(0.5 + 2x): the numeric reading of X is its value, not its code.
            for x in [ -1; 0; 1 ] do
                close (sigma (0.5 + 2.0 * float x)) (m.Probability(Y.Is true, [ X.Is x ])) $"logistic at X = {x}"
            close (0.25 * sigma -1.5 + 0.5 * sigma 0.5 + 0.25 * sigma 2.5) (m.Probability(Y.Is true, [])) "logistic marginal"
            let e = ExpectSets.throws<ModelException> (fun () -> m.ProbabilityExact(Y.Is true, []) |> ignore) "irrational"
            contains e.Message "logistic probabilities of 'Y' are irrational" "logistic in rationals"
            // Probit: Φ(η).
            let P = Variable.Bool "P"
            let probit = Scm.Create().Node(X, Mechanism.Prior([ 0.2; 0.3; 0.5 ])).Node(P, Mechanism.Probit(0.1, [ struct (X, -0.7) ])).Build()
            for x in [ -1; 0; 1 ] do
                close (MathNet.Numerics.Distributions.Normal.CDF(0.0, 1.0, 0.1 - 0.7 * float x)) (probit.Probability(P.Is true, [ X.Is x ])) $"probit at X = {x}"
            // A shift X := X + 1 on {-1..1} moves the mass up; mapping 1 to 2 leaves the domain.
            let shifted = m.Do([]).Shift(X, (fun x -> if x = 1.0 then 1.0 else x + 1.0), "min(x + 1, 1)")
            Expect.equal (shifted.ProbabilityExact(X.Is 1, [])) (r "3/4") "shifted mass"
            let e = ExpectSets.throws<ModelException> (fun () -> m.Shift(X, 1.0).ProbabilityExact(X.Is 1, []) |> ignore) "out of domain"
            contains e.Message "The shift intervention on 'X' maps 1 to 2, outside its domain {-1..1}" "shift out of the domain"

        testCase "barren continuous variables are pruned; relevant ones are refused with the variable named" <| fun () ->
            let X, Z = Variable.Bool "X", Variable.Bool "Z"
            let Y = Variable.Real "Y"
            let m =
                Scm.Create().Node(X, Mechanism.Prior([ 0.25; 0.75 ])).Node(Y, Mechanism.Linear(1.0, [ struct (X, 2.0) ]))
                    .Node(Z, Mechanism.Cpt([ X ], [ 0.5; 0.5; 0.1; 0.9 ])).Build()
            // P(Z=1) = 1/4·1/2 + 3/4·9/10 = 1/8 + 27/40 = 32/40 = 4/5; Y is barren.
            Expect.equal (m.ProbabilityExact(Z.Is true, [])) (r "4/5") "Y pruned"
            let e = ExpectSets.throws<ModelException> (fun () -> m.Marginal([ Y ]) |> ignore) "continuous query"
            Expect.equal (string e.Variable) "Y" "names Y"
            contains e.Message "'Y' is continuous" "continuous query"
            let e = ExpectSets.throws<ModelException> (fun () -> m.Probability(Z.Is true, [ Y.Is 1.0 ]) |> ignore) "continuous evidence"
            contains e.Message "'Y' is continuous; exact inference takes evidence on finite variables only" "continuous evidence"
            let W = Variable.Bool "W"
            let m2 = Scm.Create().Node(Y, Noise.Normal()).Node(W, Mechanism.Logistic(0.0, [ struct (Y, 1.0) ])).Build()
            let e = ExpectSets.throws<ModelException> (fun () -> m2.Probability(W.Is true, []) |> ignore) "continuous ancestor"
            Expect.equal (string e.Variable) "Y" "names the continuous ancestor"
            let e = ExpectSets.throws<CausalScriptException> (fun () -> m.Query([ Z ], [ Z.Is true ]) |> ignore) "queried and observed"
            contains e.Message "'Z' is both queried and observed" "overlap"
            let e = ExpectSets.throws<ModelException> (fun () -> m.Query([]) |> ignore) "empty query"
            contains e.Message "at least one variable" "empty query"
            let e = ExpectSets.throws<ModelException> (fun () -> m.Query([ Variable.Bool "Q" ]) |> ignore) "unknown"
            contains e.Message "Unknown variable 'Q'" "unknown query variable"

        testCase "Factors lists one conditional table per variable over (parents…, variable)" <| fun () ->
            let fs = ExactInference.Factors(model ())
            Expect.equal [ for f in fs -> [ for v in f.Variables -> v.Name ] ] [ [ "H" ]; [ "H"; "S" ]; [ "S"; "T" ]; [ "T"; "H"; "C" ] ] "scopes"
            // P(C = yes | T = high, H = g0) = 1/2 from the note's table.
            close 0.5 (fs[3][[| T.Is "high"; H.Is "g0"; C.Is "yes" |]]) "table entry"
    ]
