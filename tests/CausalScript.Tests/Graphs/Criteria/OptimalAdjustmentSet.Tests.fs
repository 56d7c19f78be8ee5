/// The optimal adjustment set O(X, Y) (graph-algorithms.md §6): the worked examples 6a–6f; O is valid iff some
/// valid set exists (DAGs, and ADMGs with the Runge extension); O equals pa(cn) \ forb in DAGs.
module CausalScript.Tests.Graphs.Criteria.OptimalAdjustmentSetTests

open Expecto
open CausalScript.Graphs
open CausalScript.Tests.Graphs
open CausalScript.Tests.Graphs.Reference
open CausalScript.Tests.Graphs.Generators
open CausalScript.Tests.Graphs.Criteria.ProperCausalPathsTests

let private optimal (text: string) xs ys = (Admg.Parse text).OptimalAdjustmentSet(xs, ys)

let private found (text: string) xs ys (expected: string list) =
    let o = optimal text xs ys
    Expect.equal o.Status OptimalAdjustmentStatus.Found (sprintf "%s: status (%O)" text o)
    ExpectSets.set o.Set expected "O"

let fixtures =
    testList "fixtures" [
        testCase "§6 6a: x -> m -> y; a -> x; a -> y; b -> y; c -> x: O = {a,b}" <| fun () ->
            found "dag{ x -> m -> y; a -> x; a -> y; b -> y; c -> x }" [ "x" ] [ "y" ] [ "a"; "b" ]
            Expect.isTrue (optimal "dag{ x -> m -> y; a -> x; a -> y; b -> y; c -> x }" [ "x" ] [ "y" ]).IsGuaranteedOptimal "a DAG: guaranteed"
        testCase "§6 6b: x -> y; x <- a -> b -> y: O = {b}" <| fun () -> found "dag{ x -> y; x <- a -> b -> y }" [ "x" ] [ "y" ] [ "b" ]
        testCase "§6 6c: x -> y; c -> x: O = ∅ (found, not null)" <| fun () -> found "dag{ x -> y; c -> x }" [ "x" ] [ "y" ] []
        testCase "§6 6d: x <- c -> y: NotApplicable (y ∉ De(x))" <| fun () ->
            let o = optimal "dag{ x <- c -> y }" [ "x" ] [ "y" ]
            Expect.equal o.Status OptimalAdjustmentStatus.NotApplicable "status"
            ExpectSets.none o.Set "no set"
        testCase "§6 6e: x1 -> m -> x2 -> y; m -> y, X={x1,x2}: None" <| fun () ->
            let o = optimal "dag{ x1 -> m -> x2 -> y; m -> y }" [ "x1"; "x2" ] [ "y" ]
            Expect.equal o.Status OptimalAdjustmentStatus.NoValidSet "status"
            ExpectSets.none o.Set "no set"
        testCase "§6 6f: w -> x -> y; w <-> y: the ADMG extension gives {w}, not guaranteed optimal" <| fun () ->
            found "dag{ w -> x -> y; w <-> y }" [ "x" ] [ "y" ] [ "w" ]
            Expect.isFalse (optimal "dag{ w -> x -> y; w <-> y }" [ "x" ] [ "y" ]).IsGuaranteedOptimal "↔: not guaranteed"
        testCase "§6: x -> y; x <-> y: NoValidSet" <| fun () ->
            Expect.equal (optimal "dag{ x -> y; x <-> y }" [ "x" ] [ "y" ]).Status OptimalAdjustmentStatus.NoValidSet "status"
    ]

let private check (r: RGraph) (g: Admg) xs ys =
    let o = g.OptimalAdjustmentSet(xs, ys)
    let q = sprintf "X=%s Y=%s" (fmt xs) (fmt ys)
    let p = project r
    if not (Set.isSubset ys (descendants p xs)) then
        Expect.equal o.Status OptimalAdjustmentStatus.NotApplicable ("Y ⊄ De(X) must be NotApplicable, " + q)
    else
        let anyValid = adjustmentSets r xs ys Set.empty (defaultRestrict r xs ys) |> List.isEmpty |> not
        match o.Status, ExpectSets.toSet o.Set with
        | OptimalAdjustmentStatus.Found, Some z ->
            if not (isAdjustment r xs ys z) then failtestf "%s: O = %s is not a valid adjustment set" q (fmt z)
        | OptimalAdjustmentStatus.Found, None -> failtestf "%s: Found without a set" q
        | status, _ ->
            if anyValid then failtestf "%s: %O, but a valid adjustment set exists" q status
    o

let properties =
    testList "properties (§10)" [
        forGraphs "§10: in DAGs, O is found iff some valid set exists, is valid, equals pa(cn) \\ forb and is guaranteed" 30000 600 denseDags <| fun rng r g ->
            for _ in 1..2 do
                let xs, ys = randomCausalXY rng r 2 2
                let o = check r g xs ys
                if o.Status = OptimalAdjustmentStatus.Found then
                    let cn = properCausalNodes r xs ys
                    let forb = descendants r cn + xs
                    let expected = (cn |> Seq.collect r.Parents |> Set.ofSeq) - forb
                    ExpectSets.set o.Set (Set.toList expected) (sprintf "O = pa(cn) \\ forb for X=%s Y=%s" (fmt xs) (fmt ys))
                    Expect.isTrue o.IsGuaranteedOptimal "DAG: guaranteed optimal"
        forGraphs "§6: in ADMGs (and with latents), O is found iff some valid set exists, and is valid" 31000 600 confounded <| fun rng r g ->
            for _ in 1..2 do
                let xs, ys = randomCausalXY rng r 2 2
                let o = check r g xs ys
                if o.Status = OptimalAdjustmentStatus.Found && not (project r).IsDag && o.IsGuaranteedOptimal then
                    failtestf "X=%s Y=%s: IsGuaranteedOptimal for a graph with <-> edges" (fmt xs) (fmt ys)
                if o.Status <> OptimalAdjustmentStatus.NotApplicable then
                    let expected = optimalAdjustment r xs ys
                    if expected <> ExpectSets.toSet o.Set then
                        failtestf "X=%s Y=%s: library %O, spec formula (with Runge's extension) %s" (fmt xs) (fmt ys) o
                            (match expected with Some z -> fmt z | None -> "none")
    ]

[<Tests>]
let tests = testList "Graphs.Criteria.OptimalAdjustmentSet" [ fixtures; properties ]
