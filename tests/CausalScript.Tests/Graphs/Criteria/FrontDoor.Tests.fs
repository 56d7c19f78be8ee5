/// The front-door criterion and front-door sets (graph-algorithms.md §7): the worked examples 7a–7f, and agreement
/// with subset enumeration over the three conditions (checked by path enumeration on mutilated graphs).
module CausalScript.Tests.Graphs.Criteria.FrontDoorTests

open System
open Expecto
open CausalScript.Graphs
open CausalScript.Tests.Graphs
open CausalScript.Tests.Graphs.Reference
open CausalScript.Tests.Graphs.Generators
open CausalScript.Tests.Graphs.Criteria.ProperCausalPathsTests

let private x, y = [ "x" ], [ "y" ]

/// One row of the §7 table: FindFD (max), FindMinFD and ListFD; `None` = no front-door set.
let private row (name: string) (text: string) (expected: (string list * string list * string list list) option) =
    let g () = Admg.Parse text
    match expected with
    | None ->
        testList name [
            testCase (name + ": FindFD = None") <| fun () -> ExpectSets.none ((g ()).FindFrontDoorSet(x, y)) "FindFrontDoorSet"
            testCase (name + ": FindMinFD = None") <| fun () -> ExpectSets.none ((g ()).FindMinimalFrontDoorSet(x, y)) "FindMinimalFrontDoorSet"
            testCase (name + ": ListFD = []") <| fun () -> ExpectSets.sets ((g ()).ListFrontDoorSets(x, y)) [] "ListFrontDoorSets"
        ]
    | Some(max, min, all) ->
        testList name [
            testCase (sprintf "%s: FindFD = %s" name (fmt (set max))) <| fun () -> ExpectSets.set ((g ()).FindFrontDoorSet(x, y)) max "FindFrontDoorSet"
            testCase (sprintf "%s: FindMinFD = %s" name (fmt (set min))) <| fun () -> ExpectSets.set ((g ()).FindMinimalFrontDoorSet(x, y)) min "FindMinimalFrontDoorSet"
            testCase (sprintf "%s: ListFD = %s" name (fmtSets (all |> List.map set))) <| fun () ->
                ExpectSets.sets ((g ()).ListFrontDoorSets(x, y)) all "ListFrontDoorSets"
        ]

let private g7d = "dag{ x -> a -> y; a -> b; c -> a; x <-> y }"
let private g7e = "dag{ x -> z2 -> y; x -> z1; p -> z1; p -> z2; x <-> y }"
let private g7f = "dag{ x -> m -> y; x <-> y; c -> m; c -> y }"

let fixtures =
    testList "fixtures" [
        row "§7 7a (classic)" "dag{ x -> m -> y; x <-> y }" (Some([ "m" ], [ "m" ], [ [ "m" ] ]))
        row "§7 7b" "dag{ x -> m -> y; x <-> y; m <-> y }" None
        row "§7 7c (direct edge)" "dag{ x -> y; x -> m -> y; x <-> y }" None
        row "§7 7d" g7d (Some([ "a"; "b"; "c" ], [ "a" ], [ [ "a" ]; [ "a"; "b" ]; [ "a"; "c" ]; [ "a"; "b"; "c" ] ]))
        testCase "§7 7d: with R={b,c}: None" <| fun () ->
            let g = Admg.Parse g7d
            ExpectSets.none (g.FindFrontDoorSet(x, y, allowed = [ "b"; "c" ])) "FindFrontDoorSet R={b,c}"
            ExpectSets.none (g.FindMinimalFrontDoorSet(x, y, allowed = [ "b"; "c" ])) "FindMinimalFrontDoorSet R={b,c}"
            ExpectSets.sets (g.ListFrontDoorSets(x, y, allowed = [ "b"; "c" ])) [] "ListFrontDoorSets R={b,c}"
        row "§7 7e (per-element check fails here)" g7e
            (Some([ "p"; "z1"; "z2" ], [ "z2" ], [ [ "z2" ]; [ "p"; "z2" ]; [ "z1"; "z2" ]; [ "p"; "z1"; "z2" ] ]))
        testCase "§7 7e: IsFrontDoorSet {z1,z2} and {p,z1,z2} are valid (pgmpy rejects them)" <| fun () ->
            let g = Admg.Parse g7e
            Expect.isTrue (g.IsFrontDoorSet(x, y, [ "z1"; "z2" ])) "{z1,z2}"
            Expect.isTrue (g.IsFrontDoorSet(x, y, [ "p"; "z1"; "z2" ])) "{p,z1,z2}"
            Expect.isFalse (g.IsFrontDoorSet(x, y, [ "z1" ])) "{z1} does not intercept x -> z2 -> y"
        row "§7 7f ({m} alone is invalid)" g7f (Some([ "c"; "m" ], [ "c"; "m" ], [ [ "c"; "m" ] ]))
        testCase "§7 7f: IsFrontDoorSet {m} is invalid, {c,m} valid" <| fun () ->
            let g = Admg.Parse g7f
            Expect.isFalse (g.IsFrontDoorSet(x, y, [ "m" ])) "{m}"
            Expect.isTrue (g.IsFrontDoorSet(x, y, [ "c"; "m" ])) "{c,m}"
            Expect.isNotEmpty (g.CheckFrontDoor(x, y, [ "m" ])).Reason "reason"
        testCase "§7: no directed x→y path: ∅ is a front-door set (not null), and {c} is not" <| fun () ->
            let g = Admg.Parse "dag{ x <- c -> y }"
            ExpectSets.set (g.FindFrontDoorSet(x, y)) [] "FindFrontDoorSet"
            ExpectSets.set (g.FindMinimalFrontDoorSet(x, y)) [] "FindMinimalFrontDoorSet"
            ExpectSets.sets (g.ListFrontDoorSets(x, y)) [ [] ] "ListFrontDoorSets"
        testCase "§7: mustContain outside every front-door set gives None (7a with I={m} ok, 7d with I={b} only {a,b},{a,b,c})" <| fun () ->
            ExpectSets.set ((Admg.Parse "dag{ x -> m -> y; x <-> y }").FindMinimalFrontDoorSet(x, y, mustContain = [ "m" ])) [ "m" ] "7a I={m}"
            ExpectSets.sets ((Admg.Parse g7d).ListFrontDoorSets(x, y, mustContain = [ "b" ])) [ [ "a"; "b" ]; [ "a"; "b"; "c" ] ] "7d I={b}"
            ExpectSets.set ((Admg.Parse g7d).FindMinimalFrontDoorSet(x, y, mustContain = [ "b" ])) [ "a"; "b" ] "7d FindMin I={b}"
    ]

let private randomIR rng = Generators.randomIR rng 0.75 0.2 3

let private describe = describeQuery

let private isFrontDoorAgrees rng (r: RGraph) (g: Admg) xs ys =
    let zs = randomSubset rng 0.4 (defaultRestrict r xs ys)
    let expected = isFrontDoor r xs ys zs
    let check = g.CheckFrontDoor(xs, ys, zs)
    if check.IsValid <> expected then
        failtestf "X=%s Y=%s Z=%s: library %b (%s), brute force %b" (fmt xs) (fmt ys) (fmt zs) check.IsValid check.Reason expected

let private findIsMaximum rng (r: RGraph) (g: Admg) xs ys =
    let i, rr, iSet, rSet = randomIR rng r xs ys
    let all = frontDoorSets r xs ys iSet rSet
    match ExpectSets.toSet (g.FindFrontDoorSet(xs, ys, i, rr)) with
    | None -> if not all.IsEmpty then failtestf "%s: null, but %s are front-door sets" (describe xs ys iSet rSet) (fmtSets all)
    | Some z ->
        if not (List.contains z all) then failtestf "%s: %s is not a front-door set in [I,R]" (describe xs ys iSet rSet) (fmt z)
        let union = Set.unionMany all
        if z <> union then failtestf "%s: %s is not the maximum; the front-door sets are %s" (describe xs ys iSet rSet) (fmt z) (fmtSets all)

let private findMinimalIsMinimal rng (r: RGraph) (g: Admg) xs ys =
    let i, rr, iSet, rSet = randomIR rng r xs ys
    let minimal = minimalMembers (frontDoorSets r xs ys iSet rSet)
    match ExpectSets.toSet (g.FindMinimalFrontDoorSet(xs, ys, i, rr)) with
    | None -> if not minimal.IsEmpty then failtestf "%s: null, but the I-minimal front-door sets are %s" (describe xs ys iSet rSet) (fmtSets minimal)
    | Some z ->
        if not (List.contains z minimal) then
            failtestf "%s: %s is not an I-minimal front-door set; they are %s" (describe xs ys iSet rSet) (fmt z) (fmtSets minimal)

let private listIsExact rng (r: RGraph) (g: Admg) xs ys =
    let i, rr, iSet, rSet = randomIR rng r xs ys
    ExpectSets.family (g.ListFrontDoorSets(xs, ys, i, rr)) (frontDoorSets r xs ys iSet rSet) (describe xs ys iSet rSet)

/// Each check on random X, Y (sets, latent ADMGs) and on planted single-node effects where x ↔ y and no direct edge
/// are common (so non-empty front-door sets occur in about a fifth of the cases).
let private both name seed check =
    testList name [
        forGraphs (name + " (random X, Y)") seed 300 latentAdmgs <| fun rng r g ->
            let xs, ys = randomCausalXY rng r 2 2
            check rng r g xs ys
        forEffects (name + " (planted x -> … -> y, x <-> y)") (seed + 500) 1000 confounded <| fun rng r g x y ->
            check rng r g (Set.singleton x) (Set.singleton y)
    ]

let properties =
    testList "properties (§10)" [
        both "§7: IsFrontDoorSet agrees with the three conditions by path enumeration" 32000 isFrontDoorAgrees
        both "§10: FindFrontDoorSet is the unique maximal front-door set in [I,R] (null iff none)" 33000 findIsMaximum
        both "§10: FindMinimalFrontDoorSet is null iff none, else an I-minimal front-door set" 34000 findMinimalIsMinimal
        both "§10: ListFrontDoorSets is exact (all front-door sets in [I,R], no duplicates)" 35000 listIsExact
    ]

[<Tests>]
let tests = testList "Graphs.Criteria.FrontDoor" [ fixtures; properties ]
