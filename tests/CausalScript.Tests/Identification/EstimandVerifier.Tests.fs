/// The ground-truth oracle (src/CausalScript/Identification/EstimandVerifier.cs, design §7): the random models are
/// compatible with the graph (one latent with ≥ 3 states per ↔ edge, binary observed nodes, tables inside [1/10, 9/10]),
/// reproducible per seed, and Check reports the cells where a wrong estimand misses.
module CausalScript.Tests.Identification.EstimandVerifierTests

open System
open Expecto
open CausalScript
open CausalScript.Graphs
open CausalScript.Inference
open CausalScript.Expressions
open CausalScript.Identification
open CausalScript.Tests.Graphs
open CausalScript.Tests.Expressions.ExpressionTests

let private frontDoor = "x -> m -> y; x <-> y"

[<Tests>]
let tests =
    testList "Identification.EstimandVerifier" [
        testCase "RandomModel: one latent U_x_y with at least 3 states per ↔ edge, binary observed nodes, same graph" <| fun () ->
            for seed in 1 .. 5 do
                let m = EstimandVerifier.RandomModel(Admg.Parse frontDoor, seed)
                Expect.equal [ for v in m.Latent -> v.Name ] [ "U_x_y" ] "latents"
                Expect.isGreaterThanOrEqual m.Latent[0].Size 3 "states of the latent"
                Expect.equal (set [ for v in m.Observed -> v.Name, v.Size ]) (set [ "x", 2; "m", 2; "y", 2 ]) "observed"
                let projected = m.Graph
                Expect.equal (set [ for e in projected.DirectedEdges -> e.From, e.To ]) (set [ "x", "m"; "m", "y" ]) "directed edges"
                Expect.equal (set [ for e in projected.BidirectedEdges -> set [ e.From; e.To ] ]) (set [ set [ "x"; "y" ] ]) "bidirected edges"
        testCase "RandomModel: tables inside [1/10, 9/10] in tenths (P(m | x) read off the joint), reproducible per seed" <| fun () ->
            for seed in 1 .. 5 do
                let m = EstimandVerifier.RandomModel(Admg.Parse frontDoor, seed)
                let joint = m.QueryExact(m.Observed)
                let again = (EstimandVerifier.RandomModel(Admg.Parse frontDoor, seed)).QueryExact(m.Observed)
                Expect.equal (List.ofSeq again.Values) (List.ofSeq joint.Values) "same seed, same joint"
                let pm = (parse "P(m | x)").Table(joint)
                for v in pm.Values do
                    if v < q "1/10" || v > q "9/10" || (v * Rational(10, 1)).Denominator <> Numerics.BigInteger.One then
                        failtestf "seed %d: P(m | x) = %O is not a tenth in [1/10, 9/10]" seed v
            let joint s = List.ofSeq ((EstimandVerifier.RandomModel(Admg.Parse frontDoor, s)).QueryExact((EstimandVerifier.RandomModel(Admg.Parse frontDoor, s)).Observed).Values)
            Expect.notEqual (joint 1) (joint 2) "different seeds, different models"
        testCase "Check: a wrong estimand gets mismatching cells with both values; the right one none" <| fun () ->
            let g = Admg.Parse frontDoor
            let mismatches = EstimandVerifier.Check(g, [ "y" ], [ "x" ], parse "P(y | x)", [ 1; 2 ])
            Expect.isNonEmpty mismatches "P(y | x) is wrong"
            Expect.isLessThanOrEqual mismatches.Count 10 "at most ten"
            for m in mismatches do
                if m.Estimand = m.Truth then failtestf "a mismatch with equal values: %O" m
            Expect.isEmpty (EstimandVerifier.Check(g, [ "y" ], [ "x" ], parse "sum_{m} P(m | x) sum_{x'} P(y | x', m) P(x')", [ 1; 2 ])) "the front door is right"
        testCase "Check: a context variable must give the same answer at every value (a dependence on it is a mismatch)" <| fun () ->
            // P(y | do(x)) in X → Y with an unrelated W: P(y | x, w) is right for every w, P(y | x) P(w) is not a probability of y.
            let g = Admg.Parse "dag { x -> y; w }"
            Expect.isEmpty (EstimandVerifier.Check(g, [ "y" ], [ "x" ], parse "P(y | x, w)", [ 1; 2; 3 ])) "P(y | x, w)"
            Expect.isNonEmpty (EstimandVerifier.Check(g, [ "y" ], [ "x" ], parse "P(y | x) P(w)", [ 1; 2; 3 ])) "P(y | x) P(w)"
        testCase "Check: interventional atoms P(· | do(z), ·) are evaluated on the mutilated model (experiments, gID)" <| fun () ->
            let g = Admg.Parse frontDoor
            Expect.isEmpty (EstimandVerifier.Check(g, [ "y" ], [ "x" ], parse "P(y | do(x))", [ 1; 2 ])) "the experiment itself"
            Expect.isEmpty (EstimandVerifier.Check(g, [ "y" ], [ "x" ], parse "sum_{m} P(m | do(x)) P(y | do(m))", [ 1; 2 ])) "chained experiments"
            Expect.isEmpty (EstimandVerifier.Check(g, [ "y" ], [ "x" ], parse "sum_{m} P(m | x) P(y | do(m))", [ 1; 2 ])) "mixed with P(v)"
            Expect.isNonEmpty (EstimandVerifier.Check(g, [ "y" ], [ "x" ], parse "P(y | do(m))", [ 1; 2 ])) "P_m(y) is not P_x(y)"
            Expect.isNonEmpty (EstimandVerifier.Check(g, [ "y" ], [ "x" ], parse "sum_{m} P(m | do(x)) P(y | m)", [ 1; 2 ])) "P(y | m) is confounded"
        testCase "Check: a free primed symbol is refused" <| fun () ->
            ExpectSets.throws<CausalScriptException> (fun () -> EstimandVerifier.Check(Admg.Parse frontDoor, [ "y" ], [ "x" ], parse "P(y | x')", [ 1 ]) |> ignore) "x'" |> ignore
    ]
