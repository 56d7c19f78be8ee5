/// ID* (identification-algorithms.md §3.3): the worked examples K1, K2, K4–K8 of §3.5 (estimands by canonical
/// equality, verdicts, zeros, derivations) checked numerically against exact counterfactuals on random SCMs with
/// explicit finite noise (§7), the observational conversion, and a property test on random graphs and queries.
module CausalScript.Tests.Identification.IdStarTests

open System
open Expecto
open CausalScript
open CausalScript.Graphs
open CausalScript.Models
open CausalScript.Inference
open CausalScript.Expressions
open CausalScript.Identification
open CausalScript.Tests.Graphs
open CausalScript.Tests.Identification.CfOracle

let private seeds = [ 1; 2; 3 ]
let private x, x', y, y', z, z', w, d = sym "X" 0, sym "X" 1, sym "Y" 0, sym "Y" 1, sym "Z" 0, sym "Z" 1, sym "W" 0, sym "D" 0

let private conflict (r: IdentificationResult) =
    match r with
    | :? CounterfactualNotIdentified as c -> c.Conflict
    | other -> failwithf "expected a conflict, got %O" other

let private lines (r: IdentificationResult) = r.Derivation.Steps |> Seq.filter (fun s -> s.Algorithm = "ID*" && s.Line > 0) |> Seq.map (fun s -> s.Line) |> List.ofSeq

/// True if the formula differs from the truth P(γ) somewhere (over the labellings and seeds).
let private differsSomewhere (g: Admg) (cells: CounterfactualEvent list list) (formula: Expression) (source: Scm -> IDistributionSource<Rational>) =
    seeds |> List.exists (fun seed ->
        let m = randomScm g seed
        cells |> List.exists (fun gamma ->
            let values = nonNull (IdStar.Identify(g, gamma)).Values
            evaluations (source m) values formula |> List.exists (fun v -> v <> probability m gamma)))

[<Tests>]
let tests =
    testList "Identification.IdStar" [
        testCase "K1: X → Y, P(y_x, x′) = P_x(y) P(x′) = P(y | x) P(x′)" <| fun () ->
            let g = Admg.Parse "X -> Y"
            let r = IdStar.Identify(g, evs [ "Y[X=1] = 1"; "X = 0" ])
            // Line 6: C(G′) = {Y_x}, {X}; line 9 on each.
            Expect.equal (estimand r) (Pdo [ y ] [ x ] * P [ x' ] []) "interventional"
            Expect.equal (lines r) [ 6; 9; 9 ] "derivation"
            Expect.equal (estimand (IdStar.ToObservational(g, r))) (P [ y ] [ x ] * P [ x' ] []) "observational, as in the note"
            let cells = labelings 3 (fun l -> l[0] <> l[1]) |> List.map (fun l -> evs [ $"Y[X={l[0]}] = {l[2]}"; $"X = {l[1]}" ], [])
            Expect.equal (checkAll g seeds cells [ P [ y ] [ x ] * P [ x' ] [] ]) 12 "cells"

        testCase "K2: X → Y, X ↔ Y, P(y_x, x′) fails at line 8 (x ∈ sub, x′ ∈ ev); P(y_x, x) = P(x, y)" <| fun () ->
            let g = Admg.Parse "X -> Y; X <-> Y"
            let r = IdStar.Identify(g, evs [ "Y[X=1] = 1"; "X = 0" ])
            let c = conflict r
            Expect.equal (set c.Component) (set [ "Y[X=1]"; "X" ]) "the c-component {Y_x, X}"
            Expect.equal (c.Variable, c.InterventionValue, c.OtherValue) ("X", "1", "0") "x in a subscript, x′ observed"
            Expect.equal (lines r) [ 8 ] "derivation"
            Expect.isFalse r.IsIdentified "verdict"
            Expect.equal (IdStar.ToObservational(g, r)) r "nothing to convert"
            let e = ExpectSets.throws<CounterfactualNotIdentifiableException> (fun () -> r.OrThrow() |> ignore) "OrThrow"
            Expect.stringContains e.Message "C-component {Y[X=1], X} has X = 1 in a subscript and X = 0" "message"
            let same = IdStar.Identify(g, evs [ "Y[X=1] = 1"; "X = 1" ])
            Expect.equal (estimand same) (P [ x; y ] []) "merge: P(x, y)"
            let cells = labelings 2 (fun _ -> true) |> List.map (fun l -> evs [ $"Y[X={l[0]}] = {l[1]}"; $"X = {l[0]}" ], [])
            Expect.equal (checkAll g seeds cells [ P [ x; y ] [] ]) 12 "cells"

        testCase "K4: X → W → Y ← Z ← D, X ↔ Y, P(y_x, x′, z_d, d) = Σ_w P_{w,z}(y, x′) P_x(w) P_d(z) P(d)" <| fun () ->
            let g = Admg.Parse "X -> W -> Y <- Z <- D; X <-> Y"
            let r = IdStar.Identify(g, evs [ "Y[X=1] = 1"; "X = 0"; "Z[D=1] = 1"; "D = 1" ])
            Expect.equal (estimand r) (Sum [ w ] (Pdo [ y; x' ] [ w; z ] * Pdo [ w ] [ x ] * Pdo [ z ] [ d ] * P [ d ] [])) "interventional (§3.5)"
            Expect.equal (lines r) [ 6; 9; 9; 9; 9 ] "one line-6 split into four single c-components"
            let textbook = Sum [ w ] (P [ y ] [ x'; w; z ] * P [ x' ] [] * P [ w ] [ x ] * P [ z ] [ d ] * P [ d ] [])
            let cells =
                labelings 5 (fun l -> l[0] <> l[1])
                |> List.map (fun l -> evs [ $"Y[X={l[0]}] = {l[2]}"; $"X = {l[1]}"; $"Z[D={l[4]}] = {l[3]}"; $"D = {l[4]}" ], [])
            Expect.equal (checkAll g [ 1; 2 ] cells [ textbook ]) 32 "cells"

        testCase "K5: K4 plus X → Y fails (x and x′ in S = {Y_x, X})" <| fun () ->
            let g = Admg.Parse "X -> W -> Y <- Z <- D; X <-> Y; X -> Y"
            let c = conflict (IdStar.Identify(g, evs [ "Y[X=1] = 1"; "X = 0"; "Z[D=1] = 1"; "D = 1" ]))
            Expect.equal (c.Variable, c.InterventionValue, c.OtherValue) ("X", "1", "0") "x vs x′"
            Expect.isTrue (c.Component |> Seq.contains "X") "X is in the failing c-component"
            Expect.equal (c.Query |> Set.ofSeq) (set [ "y_{w,x,z}"; "x'" ]) "the factor y_{w,x,z} ∧ x′ (x stays: X → Y)"

        testCase "K6: X → Z → Y, P(z, z′_x, x) = 0 (Z_x merges with Z and the values clash); P(z, z′_x, x′) fails" <| fun () ->
            let g = Admg.Parse "X -> Z -> Y"
            let r = IdStar.Identify(g, evs [ "Z = 1"; "Z[X=1] = 0"; "X = 1" ])
            Expect.equal (estimand r) Expression.Zero "0"
            Expect.equal (lines r) [ 5 ] "line 5"
            for seed in seeds do
                Expect.equal (probability (randomScm g seed) (evs [ "Z = 1"; "Z[X=1] = 0"; "X = 1" ])) Rational.Zero "truth: 0"
            let c = conflict (IdStar.Identify(g, evs [ "Z = 1"; "Z[X=1] = 0"; "X = 0" ]))
            Expect.equal (set c.Component) (set [ "Z[X=0]"; "Z[X=1]" ]) "the factor z_{x′} ∧ z′_x"

        testCase "K7: P(y_{y′}) = 0 (line 2); P(x_x ∧ γ) = ID*(γ) (line 3)" <| fun () ->
            let g = Admg.Parse "X -> Y"
            let r = IdStar.Identify(g, evs [ "Y[Y=0] = 1" ])
            Expect.equal (estimand r) Expression.Zero "0"
            Expect.equal (lines r) [ 2 ] "line 2"
            Expect.equal (probability (randomScm g 1) (evs [ "Y[Y=0] = 1" ])) Rational.Zero "truth"
            let r3 = IdStar.Identify(g, evs [ "X[X=1] = 1"; "Y[X=1] = 1"; "X = 0" ])
            Expect.equal (estimand r3) (estimand (IdStar.Identify(g, evs [ "Y[X=1] = 1"; "X = 0" ]))) "K1"
            Expect.equal (lines r3) [ 3; 6; 9; 9 ] "line 3, then K1"

        testCase "K8: Z → X → Y, X ↔ Y, P(y_x, x_z) = P_z(x, y) = P(x, y | z); keeping Y_x instead (P_x(y)) is wrong" <| fun () ->
            let g = Admg.Parse "Z -> X -> Y; X <-> Y"
            let r = IdStar.Identify(g, evs [ "Y[X=1] = 1"; "X[Z=1] = 1" ])
            Expect.equal (estimand r) (Pdo [ x; y ] [ z ]) "P_z(x, y)"
            let cells = labelings 3 (fun _ -> true) |> List.map (fun l -> evs [ $"Y[X={l[0]}] = {l[1]}"; $"X[Z={l[2]}] = {l[0]}" ], [])
            Expect.equal (checkAll g seeds cells [ P [ x; y ] [ z ] ]) 24 "cells"
            // §3.2 line 185: the other survivor would give P_x(y) — not even a function of z.
            Expect.isTrue (differsSomewhere g (List.map fst cells) (Pdo [ y ] [ x ]) interventional) "P_x(y) is wrong"

        testCase "beyond the pseudocode: unmentioned nodes of a single c-component are summed (W → Y, W ↔ Y: P(y) = Σ_w P(w, y) = P(y))" <| fun () ->
            let g = Admg.Parse "W -> Y; W <-> Y"
            let r = IdStar.Identify(g, evs [ "Y = 1" ])
            Expect.equal (estimand r) (P [ y ] []) "Σ_w P(w, y)"
            Expect.equal (lines r) [ 9 ] "one c-component {W, Y}"
            let r2 = IdStar.Identify(g, evs [ "Y[W=1] = 1"; "Y = 0" ])
            Expect.isFalse r2.IsIdentified "y_w ∧ y′: W unmentioned, its index conflicts with w"

        testCase "beyond the pseudocode: line-6 factors use each node's frontier (A → B → C, B ↔ C: P(a, b, c) = P(a) P_a(b, c))" <| fun () ->
            // With only the parents outside S^i as subscripts the factor would be b_a ∧ c, whose counterfactual graph
            // brings back the factual B and A, and ID* would not terminate.
            let g = Admg.Parse "A -> B -> C; B <-> C"
            let a, b, c = sym "A" 0, sym "B" 0, sym "C" 0
            let r = IdStar.Identify(g, evs [ "A = 1"; "B = 0"; "C = 1" ])
            Expect.equal (estimand r) (P [ a ] [] * Pdo [ b; c ] [ a ]) "P(a) P_a(b, c)"
            Expect.equal (set (r.Derivation.Steps |> Seq.filter (fun s -> s.Line = 9) |> Seq.collect (fun s -> s.Outcomes))) (set [ "a"; "b_{a}"; "c_{a}" ]) "the factor b_a ∧ c_a"
            let cells = labelings 3 (fun _ -> true) |> List.map (fun l -> evs [ $"A = {l[0]}"; $"B = {l[1]}"; $"C = {l[2]}" ], [])
            Expect.equal (checkAll g seeds cells [ P [ a; b; c ] [] ]) 24 "cells"

        testCase "beyond the pseudocode: composition — A → C ← B, B ↔ C, P(b, c_{a,b}) = P_a(b, c), not P_{a,b}(b, c)" <| fun () ->
            let g = Admg.Parse "A -> C <- B; B <-> C"
            let a, b, c = sym "A" 0, sym "B" 0, sym "C" 0
            let r = IdStar.Identify(g, evs [ "B = 1"; "C[A=1,B=1] = 0" ])
            Expect.equal (estimand r) (Pdo [ b; c ] [ a ]) "c_{a,b} given b is c_a"
            let cells = labelings 3 (fun _ -> true) |> List.map (fun l -> evs [ $"B = {l[1]}"; $"C[A={l[0]},B={l[1]}] = {l[2]}" ], [])
            Expect.equal (checkAll g seeds cells [ P [ b; c ] [ a ] ]) 24 "cells"

        testCase "regression: a copy whose parent was merged with a copy of another world gets a unique name, and its mixed worlds are a conflict" <| fun () ->
            let g = Admg.Parse "A -> B; A -> D; A -> E; B -> C; B -> D; B -> F; C -> D; D -> E; E -> F; A <-> D; A <-> E; D <-> E; E <-> F"
            let r = IdStar.Identify(g, evs [ "D[B=0] = 0"; "F[C=1,D=0] = 1"; "D = 0" ])
            let c = (r :?> CounterfactualNotIdentified).Conflict
            Expect.equal c.Variable "B" "B = 0 (the query) against a summation index of B"
            Expect.equal (c.Component |> Seq.distinct |> Seq.length) c.Component.Count "distinct names"

        testCase "the observational form runs ID on every P_x term; an unidentifiable term fails with its hedge" <| fun () ->
            let g = Admg.Parse "X -> Y; X <-> Y"
            let r = IdStar.Identify(g, evs [ "Y[X=1] = 1" ])
            Expect.equal (estimand r) (Pdo [ y ] [ x ]) "P_x(y) is identified from experiments"
            match IdStar.IdentifyObservational(g, evs [ "Y[X=1] = 1" ]) with
            | :? NotIdentified as n ->
                Expect.isNull (n.Hedge.Check(g, [ "Y" ], [ "X" ])) "a valid hedge for P_x(y)"
                Expect.equal n.Values r.Values "symbols kept"
            | other -> failtestf "expected the hedge, got %O" other
            // The napkin: the observational estimand of P_x(y) keeps w2 free (ID line 3); any value gives the truth.
            let napkin = Admg.Parse "W1 -> W2 -> X -> Y; W1 <-> X; W1 <-> Y"
            let cells = labelings 2 (fun _ -> true) |> List.map (fun l -> evs [ $"Y[X={l[0]}] = {l[1]}" ], [])
            Expect.equal (checkAll napkin [ 1; 2 ] cells []) 8 "cells"
            let o = estimand (IdStar.IdentifyObservational(napkin, evs [ "Y[X=1] = 1" ]))
            Expect.isTrue (o.FreeSymbols.Contains(sym "W2" 0)) "w2 is a free context symbol"

        testCase "the interventional estimand is evaluated on the model's P_* (ModelDistribution): P_x(a | c) = P_x(a, c) / P_x(c)" <| fun () ->
            let g = Admg.Parse "X -> W -> Y; X <-> Y"
            let m = randomScm g 4
            let source = ModelDistribution(m)
            let X, W, Y = m["X"], m["W"], m["Y"]
            let codes = dict [ x, 1; w, 0; y, 1 ] |> Collections.Generic.Dictionary
            let joint = m.Do([ X.Is 1 ]).QueryExact([ W; Y ])
            let marginal = joint.Marginal([ W ])
            let expected = joint[[| W.Is 0; Y.Is 1 |]] / marginal[[| W.Is 0 |]]
            Expect.equal ((Expression.P([ y ], [ w ], [ x ])).Evaluate(source, codes)) expected "P_x(y | w)"
            let pw = m.QueryExact([ W ])
            Expect.equal ((P [ w ] []).Evaluate(source, codes)) pw[[| W.Is 0 |]] "observational atom"

        testCase "property: on random graphs and conjunctions, every ID* estimand (and its observational form) equals the exact counterfactual probability" <| fun () ->
            let rng = Random 2024
            let mutable verified, zeros, failed, observationalVerified = 0, 0, 0, 0
            for trial in 1 .. 150 do
                let g = randomGraph rng
                let gamma = randomConjunction rng g 3 []
                let r = IdStar.Identify(g, gamma)
                match r with
                | :? Identified as i ->
                    Expect.equal (IdcStar.Identify(g, gamma, []) |> estimand) i.Estimand "IDC* with δ = ∅ is ID*"
                    let o = IdStar.ToObservational(g, r)
                    for seed in [ 3 * trial; 3 * trial + 1 ] do
                        let m = randomScm g seed
                        let truth = probability m gamma
                        let what = sprintf "trial %d, %O, P(%s)" trial g (String.Join(" ∧ ", gamma))
                        expectTruth what truth (evaluations (interventional m) (nonNull r.Values) i.Estimand)
                        match o with
                        | :? Identified as oi -> expectTruth (what + " observational") truth (evaluations (observational m) (nonNull r.Values) oi.Estimand)
                        | _ -> ()
                    if i.Estimand.Equals(Expression.Zero) then zeros <- zeros + 1 else verified <- verified + 1
                    if o.IsIdentified && not (i.Estimand.Equals(Expression.Zero)) then observationalVerified <- observationalVerified + 1
                | :? CounterfactualNotIdentified -> failed <- failed + 1
                | other -> failtestf "unexpected %O" other
            printfn "ID* property: %d identified (%d also observationally), %d zero, %d not identified" verified observationalVerified zeros failed
            Expect.isGreaterThanOrEqual verified 50 "at least 50 non-trivial estimands verified"
            Expect.isGreaterThanOrEqual observationalVerified 40 "observational forms verified"
            Expect.isGreaterThanOrEqual zeros 10 "zeros verified"
            Expect.isGreaterThanOrEqual failed 10 "some queries are not identifiable"
    ]
