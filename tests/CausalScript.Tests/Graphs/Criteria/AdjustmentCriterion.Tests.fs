/// The back-door and (generalised) adjustment criteria (graph-algorithms.md §4): the worked examples 4a–4f and
/// agreement of the CBC with the path-based adjustment criterion of Shpitser et al. / Perković et al.
module CausalScript.Tests.Graphs.Criteria.AdjustmentCriterionTests

open Expecto
open CausalScript.Graphs
open CausalScript.Tests.Graphs
open CausalScript.Tests.Graphs.Reference
open CausalScript.Tests.Graphs.Generators
open CausalScript.Tests.Graphs.Criteria.ProperCausalPathsTests

let private adjusts (text: string) xs ys zs (expected: bool) =
    let g = Admg.Parse text
    let check = g.CheckAdjustment(xs, ys, zs)
    if check.IsValid <> expected then
        failtestf "%s: CheckAdjustment(%A, %A, %A) = %b (%s), expected %b" text xs ys zs check.IsValid check.Reason expected
    Expect.equal (g.IsAdjustmentSet(xs, ys, zs)) expected "IsAdjustmentSet = CheckAdjustment.IsValid"
    Expect.isNotEmpty check.Reason "a reason is always given"

let private backdoor (text: string) xs ys zs (expected: bool) =
    let g = Admg.Parse text
    let check = g.CheckBackdoor(xs, ys, zs)
    if check.IsValid <> expected then
        failtestf "%s: CheckBackdoor(%A, %A, %A) = %b (%s), expected %b" text xs ys zs check.IsValid check.Reason expected
    Expect.equal (g.IsBackdoorSet(xs, ys, zs)) expected "IsBackdoorSet = CheckBackdoor.IsValid"

let private g4b = "dag{ x <- a -> m <- b -> y; x -> y }"
let private g4f = "dag{ x1 -> m -> x2 -> y; m -> y }"

let fixtures =
    testList "fixtures" [
        testCase "§4 4a: x <- z -> y; x -> y: {z} valid" <| fun () -> adjusts "dag{ x <- z -> y; x -> y }" [ "x" ] [ "y" ] [ "z" ] true
        testCase "§4 4a: x <- z -> y; x -> y: {} invalid" <| fun () -> adjusts "dag{ x <- z -> y; x -> y }" [ "x" ] [ "y" ] [] false
        testCase "§4 4b (M-bias): {} valid" <| fun () -> adjusts g4b [ "x" ] [ "y" ] [] true
        testCase "§4 4b (M-bias): {m} invalid" <| fun () -> adjusts g4b [ "x" ] [ "y" ] [ "m" ] false
        testCase "§4 4b (M-bias): {m,a} valid" <| fun () -> adjusts g4b [ "x" ] [ "y" ] [ "m"; "a" ] true
        testCase "§4 4b (M-bias): {m,b} valid" <| fun () -> adjusts g4b [ "x" ] [ "y" ] [ "m"; "b" ] true
        testCase "§4 4b (M-bias): {a} valid" <| fun () -> adjusts g4b [ "x" ] [ "y" ] [ "a" ] true
        testCase "§4 4c: x -> y; x -> d: {d} is a valid adjustment set" <| fun () -> adjusts "dag{ x -> y; x -> d }" [ "x" ] [ "y" ] [ "d" ] true
        testCase "§4 4c: x -> y; x -> d: {d} is not a back-door set (d ∈ De(x))" <| fun () ->
            backdoor "dag{ x -> y; x -> d }" [ "x" ] [ "y" ] [ "d" ] false
        testCase "§4 4d: x -> m -> y; m -> d: {d} invalid (d ∈ Dpcp), naming d" <| fun () ->
            adjusts "dag{ x -> m -> y; m -> d }" [ "x" ] [ "y" ] [ "d" ] false
            let check = (Admg.Parse "dag{ x -> m -> y; m -> d }").CheckAdjustment([ "x" ], [ "y" ], [ "d" ])
            Expect.contains check.Culprits "d" "culprit d"
        testCase "§4 4e: x -> y; x <-> y: no valid set" <| fun () -> adjusts "dag{ x -> y; x <-> y }" [ "x" ] [ "y" ] [] false
        testCase "§4 4e: x -> y; x <-> z -> y: {z} valid" <| fun () -> adjusts "dag{ x -> y; x <-> z -> y }" [ "x" ] [ "y" ] [ "z" ] true
        testCase "§4 4f: x1 -> m -> x2 -> y; m -> y, X={x1,x2}: no valid set ({} and {m} invalid)" <| fun () ->
            adjusts g4f [ "x1"; "x2" ] [ "y" ] [] false
            adjusts g4f [ "x1"; "x2" ] [ "y" ] [ "m" ] false
        testCase "§4: an invalid set reports the open path" <| fun () ->
            let check = (Admg.Parse "dag{ x <- z -> y; x -> y }").CheckAdjustment([ "x" ], [ "y" ], [])
            Expect.isNotNull check.OpenPath "open path"
            ExpectSets.contains (string check.OpenPath) "z" "the open path goes through z"
        testCase "§4: back-door 4a and M-bias agree with adjustment" <| fun () ->
            backdoor "dag{ x <- z -> y; x -> y }" [ "x" ] [ "y" ] [ "z" ] true
            backdoor g4b [ "x" ] [ "y" ] [ "m" ] false
            backdoor g4b [ "x" ] [ "y" ] [ "m"; "a" ] true
        testCase "§4: when Y ⊄ De(X) the criterion still applies (x <- c -> y: {c} valid, {} invalid)" <| fun () ->
            adjusts "dag{ x <- c -> y }" [ "x" ] [ "y" ] [ "c" ] true
            adjusts "dag{ x <- c -> y }" [ "x" ] [ "y" ] [] false
    ]

let properties =
    testList "properties (§10)" [
        // The same property over three graph families (the last through the boolean IsAdjustmentSet).
        for name, seed, cases, shape in
            [ "§10: CheckAdjustment agrees with the path-based adjustment criterion (ADMGs with latents)", 20000, 300, latentAdmgs
              "§10: CheckAdjustment agrees with the path-based adjustment criterion (denser graphs)", 20500, 600, confounded
              "§10: CheckAdjustment agrees with the path-based adjustment criterion (DAGs up to 10 nodes)", 21000, 200, { dags with MaxNodes = 10; PDirected = 0.3 } ] do
            forGraphs name seed cases shape <| fun rng r g ->
                for _ in 1..3 do
                    let xs, ys = randomCausalXY rng r 2 2
                    let zs = randomSubset rng 0.4 (defaultRestrict r xs ys)
                    let expected = isAdjustment r xs ys zs
                    let check = g.CheckAdjustment(xs, ys, zs)
                    if check.IsValid <> expected || g.IsAdjustmentSet(xs, ys, zs) <> expected then
                        failtestf "X=%s Y=%s Z=%s: library %b (%s), path criterion %b" (fmt xs) (fmt ys) (fmt zs) check.IsValid check.Reason expected
        forGraphs "§4: CheckBackdoor agrees with Z ∩ De(X) = ∅ and X ⊥ Y | Z in G_{X̲}; back-door sets are adjustment sets" 22000 600 confounded <| fun rng r g ->
            for _ in 1..3 do
                let xs, ys = randomCausalXY rng r 2 2
                let zs = randomSubset rng 0.4 (defaultRestrict r xs ys)
                let expected = isBackdoor r xs ys zs
                let check = g.CheckBackdoor(xs, ys, zs)
                if check.IsValid <> expected then
                    failtestf "X=%s Y=%s Z=%s: library %b (%s), brute force %b" (fmt xs) (fmt ys) (fmt zs) check.IsValid check.Reason expected
                if expected && not (isAdjustment r xs ys zs) then
                    failtestf "X=%s Y=%s Z=%s: a back-door set that is not an adjustment set (oracle inconsistency)" (fmt xs) (fmt ys) (fmt zs)
    ]

let largeGraphs =
    testList "large graphs" [
        forGraphs "oracle self-check: the CBC with the augmented-graph oracle = the path criterion (small ADMGs)" 22500 300 admgs <| fun rng r _ ->
            for _ in 1..3 do
                let xs, ys = randomCausalXY rng r 2 2
                let zs = randomSubset rng 0.4 (defaultRestrict r xs ys)
                if isAdjustment r xs ys zs <> isAdjustmentCbc r xs ys zs then
                    failtestf "oracles disagree on X=%s Y=%s Z=%s" (fmt xs) (fmt ys) (fmt zs)
        forGraphs "§4: CheckAdjustment agrees with the CBC oracle on 65–150-node ADMGs" 22700 60 { large with PLatent = 0.0 } <| fun rng r g ->
            for _ in 1..5 do
                let xs, ys = randomCausalXY rng r 2 2
                let candidates = defaultRestrict r xs ys
                // Z: part of the canonical candidates (ancestors) plus noise, so both verdicts occur.
                let zs = Set.union (randomSubset rng 0.6 (Set.intersect (ancestors r (xs + ys)) candidates)) (randomSubset rng 0.02 candidates)
                let expected = isAdjustmentCbc r xs ys zs
                let check = g.CheckAdjustment(xs, ys, zs)
                if check.IsValid <> expected then
                    failtestf "X=%s Y=%s Z=%s: library %b (%s), CBC oracle %b" (fmt xs) (fmt ys) (fmt zs) check.IsValid check.Reason expected
    ]

[<Tests>]
let tests = testList "Graphs.Criteria.AdjustmentCriterion" [ fixtures; properties; largeGraphs ]
