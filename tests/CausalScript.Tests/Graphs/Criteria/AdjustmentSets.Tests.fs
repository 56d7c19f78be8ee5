/// The canonical adjustment set and listing (minimal) adjustment sets (graph-algorithms.md §5): the worked examples
/// 5a–5f and agreement with subset enumeration over the path-based adjustment criterion, with random I and R.
module CausalScript.Tests.Graphs.Criteria.AdjustmentSetsTests

open System
open Expecto
open CausalScript.Graphs
open CausalScript.Tests.Graphs
open CausalScript.Tests.Graphs.Reference
open CausalScript.Tests.Graphs.Generators
open CausalScript.Tests.Graphs.Criteria.ProperCausalPathsTests

let private g5a = "dag{ x -> y; x <- a -> b -> y }"
let private g5c = "dag{ x -> y; x <- a -> b -> c -> y }"
let private g5d = "dag{ x <- a -> m <- b -> y; x -> y }"
let private g5e = "dag{ x -> y; x <-> a -> y; b -> a }"
let private p (text: string) = Admg.Parse text
let private x, y = [ "x" ], [ "y" ]

let fixtures =
    testList "fixtures" [
        testCase "§5 5a: canonical = {a,b}" <| fun () -> ExpectSets.set ((p g5a).CanonicalAdjustmentSet(x, y)) [ "a"; "b" ] "canonical"
        testCase "§5 5a: ListMinAdj = {a},{b}" <| fun () -> ExpectSets.sets ((p g5a).ListMinimalAdjustmentSets(x, y)) [ [ "a" ]; [ "b" ] ] "ListMinAdj"
        testCase "§5 5a: ListAdj = {a},{b},{a,b}" <| fun () ->
            ExpectSets.sets ((p g5a).ListAdjustmentSets(x, y)) [ [ "a" ]; [ "b" ]; [ "a"; "b" ] ] "ListAdj"
        testCase "§5 5b: ListMinAdj I={b} = {b}" <| fun () ->
            ExpectSets.sets ((p g5a).ListMinimalAdjustmentSets(x, y, mustContain = [ "b" ])) [ [ "b" ] ] "ListMinAdj I={b}"
        testCase "§5 5b: ListMinAdj R=V∖{a} = {b}" <| fun () ->
            ExpectSets.sets ((p g5a).ListMinimalAdjustmentSets(x, y, allowed = [ "b" ])) [ [ "b" ] ] "ListMinAdj R={b}"
        testCase "§5 5c: ListMinAdj = {a},{b},{c}" <| fun () ->
            ExpectSets.sets ((p g5c).ListMinimalAdjustmentSets(x, y)) [ [ "a" ]; [ "b" ]; [ "c" ] ] "ListMinAdj"
        testCase "§5 5c: ListMinAdj I={c} = {c}" <| fun () ->
            ExpectSets.sets ((p g5c).ListMinimalAdjustmentSets(x, y, mustContain = [ "c" ])) [ [ "c" ] ] "ListMinAdj I={c}"
        testCase "§5 5c: ListMinAdj R=V∖{b} = {a},{c}" <| fun () ->
            ExpectSets.sets ((p g5c).ListMinimalAdjustmentSets(x, y, allowed = [ "a"; "c" ])) [ [ "a" ]; [ "c" ] ] "ListMinAdj R={a,c}"
        testCase "§5 5d: canonical = {a,b}" <| fun () -> ExpectSets.set ((p g5d).CanonicalAdjustmentSet(x, y)) [ "a"; "b" ] "canonical"
        testCase "§5 5d: ListMinAdj = [∅] (one set, empty)" <| fun () ->
            ExpectSets.sets ((p g5d).ListMinimalAdjustmentSets(x, y)) [ [] ] "ListMinAdj"
            ExpectSets.set ((p g5d).FindMinimalAdjustmentSet(x, y)) [] "FindMinimalAdjustmentSet is ∅, not null"
        testCase "§5 5e: canonical = {a,b}" <| fun () -> ExpectSets.set ((p g5e).CanonicalAdjustmentSet(x, y)) [ "a"; "b" ] "canonical"
        testCase "§5 5e: ListMinAdj = {a}" <| fun () -> ExpectSets.sets ((p g5e).ListMinimalAdjustmentSets(x, y)) [ [ "a" ] ] "ListMinAdj"
        testCase "§5 5e: ListAdj = {a},{a,b}" <| fun () ->
            ExpectSets.sets ((p g5e).ListAdjustmentSets(x, y)) [ [ "a" ]; [ "a"; "b" ] ] "ListAdj"
        testCase "§5 5f: x -> y; x <- u -> w -> y, u latent: ListMinAdj = {w}" <| fun () ->
            ExpectSets.sets ((p "dag{ x -> y; x <- u -> w -> y; u [latent] }").ListMinimalAdjustmentSets(x, y)) [ [ "w" ] ] "ListMinAdj"
        testCase "§5 5f: x -> y; x <-> y: ListMinAdj = none (empty list)" <| fun () ->
            let g = p "dag{ x -> y; x <-> y }"
            ExpectSets.sets (g.ListMinimalAdjustmentSets(x, y)) [] "ListMinAdj"
            ExpectSets.sets (g.ListAdjustmentSets(x, y)) [] "ListAdj"
            ExpectSets.none (g.CanonicalAdjustmentSet(x, y)) "canonical"
            ExpectSets.none (g.FindMinimalAdjustmentSet(x, y)) "FindMinimalAdjustmentSet"
        testCase "§4 4f / §5 rule 5: X ∩ Dpcp ≠ ∅ gives none" <| fun () ->
            let g = p "dag{ x1 -> m -> x2 -> y; m -> y }"
            ExpectSets.none (g.CanonicalAdjustmentSet([ "x1"; "x2" ], y)) "canonical"
            ExpectSets.sets (g.ListAdjustmentSets([ "x1"; "x2" ], y)) [] "ListAdj"
            ExpectSets.sets (g.ListMinimalAdjustmentSets([ "x1"; "x2" ], y)) [] "ListMinAdj"
        testCase "§5 rule 5: I ∩ Dpcp ≠ ∅ gives none (x -> m -> y, I={m})" <| fun () ->
            let g = p "dag{ x -> m -> y; c -> x; c -> y }"
            ExpectSets.none (g.CanonicalAdjustmentSet(x, y, mustContain = [ "m" ])) "canonical"
            ExpectSets.sets (g.ListMinimalAdjustmentSets(x, y, mustContain = [ "m" ])) [] "ListMinAdj"
        testCase "§5: FindMinimalBackdoorSet on 5a is {a} or {b}; on 4c (x -> y; x -> d) it is ∅" <| fun () ->
            let z = ExpectSets.toSet ((p g5a).FindMinimalBackdoorSet(x, y))
            Expect.isTrue (z = Some(set [ "a" ]) || z = Some(set [ "b" ])) (sprintf "got %s" (ExpectSets.show z))
            ExpectSets.set ((p "dag{ x -> y; x -> d }").FindMinimalBackdoorSet(x, y)) [] "∅"
    ]

let private randomIR rng = Generators.randomIR rng 0.75 0.2 2

let private describe = describeQuery

let properties =
    testList "properties (§10)" [
        forGraphs "§10: the canonical set is non-null iff some adjustment set in [I,R] exists, and then it is valid and equals Adjust(X,Y)" 23000 600 confounded <| fun rng r g ->
            let xs, ys = randomCausalXY rng r 2 2
            let i, rr, iSet, rSet = randomIR rng r xs ys
            let valid = adjustmentSets r xs ys iSet rSet
            match ExpectSets.toSet (g.CanonicalAdjustmentSet(xs, ys, i, rr)) with
            | None -> if not valid.IsEmpty then failtestf "%s: null, but %s are valid" (describe xs ys iSet rSet) (fmtSets valid)
            | Some z ->
                if valid.IsEmpty then failtestf "%s: returned %s but no adjustment set exists" (describe xs ys iSet rSet) (fmt z)
                if not (List.contains z valid) then failtestf "%s: returned %s, which is not valid in [I,R]" (describe xs ys iSet rSet) (fmt z)
                let expected = canonicalAdjustment (project r) xs ys iSet rSet
                if z <> expected then failtestf "%s: returned %s, Adjust(X,Y) = %s" (describe xs ys iSet rSet) (fmt z) (fmt expected)
        forGraphs "§10: ListAdjustmentSets = all valid subsets in [I,R] (complete, no duplicates)" 24000 600 confounded <| fun rng r g ->
            let xs, ys = randomCausalXY rng r 2 2
            let i, rr, iSet, rSet = randomIR rng r xs ys
            ExpectSets.family (g.ListAdjustmentSets(xs, ys, i, rr)) (adjustmentSets r xs ys iSet rSet) (describe xs ys iSet rSet)
        forGraphs "§10: ListMinimalAdjustmentSets = brute-force I-minimal adjustment sets (default I, R)" 25000 300 latentAdmgs <| fun rng r g ->
            let xs, ys = randomCausalXY rng r 2 2
            let rSet = defaultRestrict r xs ys
            ExpectSets.family (g.ListMinimalAdjustmentSets(xs, ys)) (minimalMembers (adjustmentSets r xs ys Set.empty rSet)) (describe xs ys Set.empty rSet)
        forGraphs "§10: ListMinimalAdjustmentSets = brute-force I-minimal adjustment sets (random I, R)" 26000 600 confounded <| fun rng r g ->
            let xs, ys = randomCausalXY rng r 2 2
            let i, rr, iSet, rSet = randomIR rng r xs ys
            ExpectSets.family (g.ListMinimalAdjustmentSets(xs, ys, i, rr)) (minimalMembers (adjustmentSets r xs ys iSet rSet)) (describe xs ys iSet rSet)
        forGraphs "§10: ListMinimalAdjustmentSets = brute force (DAGs up to 10 nodes)" 27000 100 { dags with MaxNodes = 10; PDirected = 0.3 } <| fun rng r g ->
            let xs, ys = randomCausalXY rng r 1 1
            let rSet = defaultRestrict r xs ys
            ExpectSets.family (g.ListMinimalAdjustmentSets(xs, ys)) (minimalMembers (adjustmentSets r xs ys Set.empty rSet)) (describe xs ys Set.empty rSet)
        forGraphs "§10: FindMinimalAdjustmentSet is null iff none, else one of the brute-force I-minimal sets" 28000 600 confounded <| fun rng r g ->
            let xs, ys = randomCausalXY rng r 2 2
            let i, rr, iSet, rSet = randomIR rng r xs ys
            let minimal = minimalMembers (adjustmentSets r xs ys iSet rSet)
            match ExpectSets.toSet (g.FindMinimalAdjustmentSet(xs, ys, i, rr)) with
            | None -> if not minimal.IsEmpty then failtestf "%s: null, but the I-minimal sets are %s" (describe xs ys iSet rSet) (fmtSets minimal)
            | Some z ->
                if not (List.contains z minimal) then
                    failtestf "%s: %s is not I-minimal valid; the I-minimal sets are %s" (describe xs ys iSet rSet) (fmt z) (fmtSets minimal)
        forGraphs "§5: FindMinimalBackdoorSet is null iff no back-door set in [I,R], else an I-minimal back-door set" 29000 600 confounded <| fun rng r g ->
            let xs, ys = randomCausalXY rng r 2 2
            let i, rr, iSet, rSet = randomIR rng r xs ys
            let minimal = minimalMembers (interval iSet rSet |> List.filter (isBackdoor r xs ys))
            match ExpectSets.toSet (g.FindMinimalBackdoorSet(xs, ys, i, rr)) with
            | None -> if not minimal.IsEmpty then failtestf "%s: null, but the I-minimal back-door sets are %s" (describe xs ys iSet rSet) (fmtSets minimal)
            | Some z ->
                if not (List.contains z minimal) then
                    failtestf "%s: %s is not an I-minimal back-door set; they are %s" (describe xs ys iSet rSet) (fmt z) (fmtSets minimal)
    ]

[<Tests>]
let tests = testList "Graphs.Criteria.AdjustmentSets" [ fixtures; properties ]
