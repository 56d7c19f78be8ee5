/// IDC* (identification-algorithms.md §3.4): the conditional worked examples K3, K4c and K9 of §3.5, the note's two
/// soundness points, two further corrections found with the oracle, Undefined and 0, and a property test on random
/// graphs and conditional queries against exact counterfactuals.
module CausalScript.Tests.Identification.IdcStarTests

open System
open Expecto
open CausalScript
open CausalScript.Graphs
open CausalScript.Expressions
open CausalScript.Identification
open CausalScript.Tests.Graphs
open CausalScript.Tests.Identification.CfOracle

let private seeds = [ 1; 2; 3 ]
let private x, x', y, z, w, a, b = sym "X" 0, sym "X" 1, sym "Y" 0, sym "Z" 0, sym "W" 0, sym "A" 0, sym "B" 0

let private lines (r: IdentificationResult) = r.Derivation.Steps |> Seq.filter (fun s -> s.Algorithm = "IDC*") |> Seq.map (fun s -> s.Line) |> List.ofSeq

/// True if the formula differs from the truth P(γ | δ) somewhere (over the cells and seeds).
let private differsSomewhere (g: Admg) (cells: (CounterfactualEvent list * CounterfactualEvent list) list) (formula: Expression) =
    seeds |> List.exists (fun seed ->
        let m = randomScm g seed
        cells |> List.exists (fun (gamma, delta) ->
            let values = nonNull (IdcStar.Identify(g, gamma, delta)).Values
            let truth = (conditional m gamma delta).Value
            evaluations (observational m) values formula |> List.exists (fun v -> v <> truth)))

[<Tests>]
let tests =
    testList "Identification.IdcStar" [
        testCase "K3 (ETT): Z → X, Z → Y, X → Y, P(y_x | x′) = Σ_z P(y | x, z) P(z | x′)" <| fun () ->
            let g = Admg.Parse "Z -> X; Z -> Y; X -> Y"
            let r = IdcStar.Identify(g, evs [ "Y[X=1] = 1" ], evs [ "X = 0" ])
            // No move (Y_x ← Z → X). Line 5: ID*(y_x ∧ x′) = Σ_z P(z) P_{x,z}(y) P_z(x′) (C(G′) = {Z}, {Y_x}, {X});
            // the denominator ID*(x′) = Σ_z P(z) P_z(x′).
            let expected = Sum [ z ] (P [ z ] [] * Pdo [ y ] [ x; z ] * Pdo [ x' ] [ z ]) / Sum [ z ] (P [ z ] [] * Pdo [ x' ] [ z ])
            Expect.equal (estimand r) expected "interventional"
            Expect.equal (lines r) [ 5 ] "no move"
            let observational = Sum [ z ] (P [ z ] [] * P [ y ] [ x; z ] * P [ x' ] [ z ]) / Sum [ z ] (P [ z ] [] * P [ x' ] [ z ])
            Expect.equal (estimand (IdStar.ToObservational(g, r))) observational "observational (before Bayes' rule)"
            let cells = labelings 3 (fun l -> l[0] <> l[1]) |> List.map (fun l -> evs [ $"Y[X={l[0]}] = {l[2]}" ], evs [ $"X = {l[1]}" ])
            Expect.equal (checkAll g seeds cells [ Sum [ z ] (P [ y ] [ x; z ] * P [ z ] [ x' ]) ]) 12 "the note's form"

        testCase "K4c: P(y_x | x′, z_d, d) moves z, then d (line 4), and equals Σ_w P(w | x) P(y | x′, w, z)" <| fun () ->
            let g = Admg.Parse "X -> W -> Y <- Z <- D; X <-> Y"
            let r = IdcStar.Identify(g, evs [ "Y[X=1] = 1" ], evs [ "X = 0"; "Z[D=1] = 1"; "D = 1" ])
            Expect.equal (lines r) [ 4; 4; 5 ] "z_d (merged with Z) moves, then d"
            // After the moves: P(y_{x,z} | x′) = Σ_w P_x(w) P_{w,z}(y, x′) / P(x′).
            Expect.equal (estimand r) (Sum [ w ] (Pdo [ w ] [ x ] * Pdo [ x'; y ] [ w; z ]) / P [ x' ] []) "interventional"
            let cells =
                labelings 5 (fun l -> l[0] <> l[1])
                |> List.map (fun l -> evs [ $"Y[X={l[0]}] = {l[2]}" ], evs [ $"X = {l[1]}"; $"Z[D={l[4]}] = {l[3]}"; $"D = {l[4]}" ])
            Expect.equal (checkAll g [ 1; 2 ] cells [ Sum [ w ] (P [ w ] [ x ] * P [ y ] [ x'; w; z ]) ]) 32 "the note's form"

        testCase "K9 / soundness (i): A ↔ B ↔ Y, P(y | a, b) = P(y, a, b) / P(a, b); a marginal separation test would give P(y | b)" <| fun () ->
            let g = Admg.Parse "A <-> B <-> Y"
            let r = IdcStar.Identify(g, evs [ "Y = 1" ], evs [ "A = 1"; "B = 1" ])
            Expect.equal (estimand r) (P [ y; a; b ] [] / P [ a; b ] []) "no move: given B, A and Y are dependent"
            let cells = labelings 3 (fun _ -> true) |> List.map (fun l -> evs [ $"Y = {l[0]}" ], evs [ $"A = {l[1]}"; $"B = {l[2]}" ])
            Expect.equal (checkAll g seeds cells [ P [ y ] [ a; b ] ]) 24 "cells"
            Expect.isTrue (differsSomewhere g cells (P [ y ] [ b ])) "P(y | b) is wrong"

        testCase "K9 / soundness (ii): Y → W, A ↔ W, P(a | y, w) = P_y(a, w) / P_y(w) = P(a | y, w); without w_y it would be P(a | w)" <| fun () ->
            let g = Admg.Parse "Y -> W; A <-> W"
            let r = IdcStar.Identify(g, evs [ "A = 1" ], evs [ "Y = 1"; "W = 1" ])
            Expect.equal (estimand r) (Pdo [ a; w ] [ y ] / Pdo [ w ] [ y ]) "y moves; W, a descendant of Y, gets y"
            Expect.equal (lines r) [ 4; 5 ] "derivation"
            let cells = labelings 3 (fun _ -> true) |> List.map (fun l -> evs [ $"A = {l[0]}" ], evs [ $"Y = {l[1]}"; $"W = {l[2]}" ])
            Expect.equal (checkAll g seeds cells [ P [ a ] [ y; w ] ]) 24 "cells"
            Expect.isTrue (differsSomewhere g cells (P [ a ] [ w ])) "P(a | w) is wrong"

        testCase "correction: the denominator is ID*(δ), not ID*(δ′) — A → C, P(a | c_a) = P(a), not P(a | c)" <| fun () ->
            // make-cg merges C_a with C because A = a is in γ, so δ′ = c; but P(δ) = P_a(c) ≠ P(c).
            let g = Admg.Parse "A -> C"
            let r = IdcStar.Identify(g, evs [ "A = 1" ], evs [ "C[A=1] = 1" ])
            let c = sym "C" 0
            Expect.equal (estimand r) (P [ a ] [] * Pdo [ c ] [ a ] / Pdo [ c ] [ a ]) "P(a, c_a) / P(c_a)"
            Expect.equal (estimand (IdStar.ToObservational(g, r))) (P [ a ] []) "observational, after cancelling"
            let cells = labelings 2 (fun _ -> true) |> List.map (fun l -> evs [ $"A = {l[0]}" ], evs [ $"C[A={l[0]}] = {l[1]}" ])
            Expect.equal (checkAll g seeds cells []) 12 "cells"
            Expect.isTrue (differsSomewhere g cells (P [ a ] [ c ])) "P(a | c) is wrong"

        testCase "correction: no move when δ′ relies on values of γ — A → M → C, P(a | m, c_a) is not P(a | m), and is not identifiable" <| fun () ->
            // The counterfactual graph of a ∧ m ∧ c_a merges C_a with C (via M_a = M, since A = a): δ′ = m ∧ c, and
            // C is separated from A given M, so a literal line 4 returns P(a | m). But P(m, c_a) involves the joint
            // of M and M_a.
            let g = Admg.Parse "A -> M -> C"
            let r = IdcStar.Identify(g, evs [ "A = 1" ], evs [ "M = 1"; "C[A=1] = 1" ])
            Expect.isFalse r.IsIdentified "not identified"
            Expect.isTrue (r :? CounterfactualNotIdentified) "a conflict"
            Expect.equal (lines r) [ 4; 5 ] "line 4 declines to move"
            let cells = labelings 3 (fun _ -> true) |> List.map (fun l -> evs [ $"A = {l[0]}" ], evs [ $"M = {l[1]}"; $"C[A={l[0]}] = {l[2]}" ])
            Expect.isTrue (differsSomewhere g cells (P [ a ] [ sym "M" 0 ])) "P(a | m) is wrong"

        testCase "composition: A → C ← B, B ↔ C, P(c_{a,b} | b) = P_a(c | b): the observed b replaces the intervened one" <| fun () ->
            let g = Admg.Parse "A -> C <- B; B <-> C"
            let r = IdcStar.Identify(g, evs [ "C[A=1,B=1] = 1" ], evs [ "B = 1" ])
            let c = sym "C" 0
            Expect.equal (estimand r) (Pdo [ c; b ] [ a ] / P [ b ] []) "P_a(c, b) / P(b)"
            let cells = labelings 3 (fun _ -> true) |> List.map (fun l -> evs [ $"C[A={l[0]},B={l[1]}] = {l[2]}" ], evs [ $"B = {l[1]}" ])
            Expect.equal (checkAll g seeds cells [ P [ c ] [ a; b ] ]) 24 "cells"
            // P(c_{a,b}) alone (without the observation) stays P_{a,b}(c).
            Expect.equal (estimand (IdStar.Identify(g, evs [ "C[A=1,B=1] = 1" ]))) (Pdo [ c ] [ a; b ]) "no witness"

        testCase "an inconsistent δ is Undefined (line 1); an inconsistent γ ∧ δ is 0 (line 3); γ implied by δ is 1" <| fun () ->
            let g = Admg.Parse "X -> Y"
            let u = IdcStar.Identify(g, evs [ "Y = 1" ], evs [ "Y[Y=0] = 1" ])
            Expect.isTrue (u :? Undefined) "undefined"
            Expect.equal (lines u) [ 1 ] "line 1"
            ExpectSets.throws<CausalScriptException> (fun () -> u.OrThrow() |> ignore) "OrThrow" |> ignore
            Expect.equal (IdStar.ToObservational(g, u)) u "unchanged"
            Expect.equal (estimand (IdcStar.Identify(g, evs [ "Y = 1" ], evs [ "Y = 0" ]))) Expression.Zero "y given y′"
            Expect.equal (estimand (IdcStar.Identify(g, evs [ "Y[X=1] = 1" ], evs [ "X = 1"; "Y = 0" ]))) Expression.Zero "y_x given x, y′ (consistency)"
            Expect.equal (estimand (IdcStar.Identify(g, evs [ "Y = 1" ], evs [ "Y = 1"; "X = 0" ]))) Expression.One "y given y"

        testCase "property: on random graphs and conditional queries, every IDC* estimand (and its observational form) equals P(γ ∧ δ) / P(δ) exactly" <| fun () ->
            let rng = Random 77
            let mutable verified, zeros, undefined, failed, observationalVerified = 0, 0, 0, 0, 0
            for trial in 1 .. 150 do
                let g = randomGraph rng
                let gamma = randomConjunction rng g 2 []
                let delta = randomConjunction rng g 2 gamma
                let r = IdcStar.Identify(g, gamma, delta)
                let what = sprintf "trial %d, %O, P(%s | %s)" trial g (String.Join(" ∧ ", gamma)) (String.Join(" ∧ ", delta))
                let o = IdStar.ToObservational(g, r)
                for seed in [ 5 * trial; 5 * trial + 1 ] do
                    let m = randomScm g seed
                    match r, conditional m gamma delta with
                    | :? Undefined, None -> ()
                    | :? Undefined, Some _ -> failtestf "%s: Undefined, but P(δ) > 0" what
                    | :? Identified as i, Some truth ->
                        expectTruth what truth (evaluations (interventional m) (nonNull r.Values) i.Estimand)
                        match o with
                        | :? Identified as oi -> expectTruth (what + " observational") truth (evaluations (observational m) (nonNull r.Values) oi.Estimand)
                        | _ -> ()
                    | _ -> ()     // not identified, or P(δ) = 0 in this model by chance
                match r with
                | :? Identified as i when i.Estimand.Equals(Expression.Zero) -> zeros <- zeros + 1
                | :? Identified ->
                    verified <- verified + 1
                    if o.IsIdentified then observationalVerified <- observationalVerified + 1
                | :? Undefined -> undefined <- undefined + 1
                | _ -> failed <- failed + 1
            printfn "IDC* property: %d identified (%d also observationally), %d zero, %d undefined, %d not identified" verified observationalVerified zeros undefined failed
            Expect.isGreaterThanOrEqual verified 50 "at least 50 non-trivial conditional estimands verified"
            Expect.isGreaterThanOrEqual observationalVerified 40 "observational forms verified"
            Expect.isGreaterThanOrEqual zeros 5 "zeros verified"
            Expect.isGreaterThanOrEqual undefined 3 "undefined verified"
    ]
