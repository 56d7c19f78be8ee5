/// m-separation (graph-algorithms.md §1): the worked examples 1a–1c and agreement with path enumeration.
module CausalScript.Tests.Graphs.Criteria.MSeparationTests

open Expecto
open CausalScript
open CausalScript.Graphs
open CausalScript.Tests.Graphs
open CausalScript.Tests.Graphs.Reference
open CausalScript.Tests.Graphs.Generators

let private sep (text: string) x y z expected =
    let g = Admg.Parse text
    Expect.equal (g.IsMSeparated(x, y, z)) expected (sprintf "%s: %A ⊥ %A | %A" text x y z)

let fixtures =
    testList "fixtures" [
        testList "§1 1a dag{ a -> c <- b; c -> d }" [
            testCase "§1 1a: a⊥b | {} = true" <| fun () -> sep "dag{ a -> c <- b; c -> d }" [ "a" ] [ "b" ] [] true
            testCase "§1 1a: a⊥b | {d} = false" <| fun () -> sep "dag{ a -> c <- b; c -> d }" [ "a" ] [ "b" ] [ "d" ] false
            testCase "§1 1a: a⊥b | {c} = false" <| fun () -> sep "dag{ a -> c <- b; c -> d }" [ "a" ] [ "b" ] [ "c" ] false
        ]
        testList "§1 1b dag{ a -> c <-> b }" [
            testCase "§1 1b: a⊥b | {} = true" <| fun () -> sep "dag{ a -> c <-> b }" [ "a" ] [ "b" ] [] true
            testCase "§1 1b: a⊥b | {c} = false (a collider formed by <-> opens; y0's moralisation gets this wrong)" <| fun () ->
                sep "dag{ a -> c <-> b }" [ "a" ] [ "b" ] [ "c" ] false
        ]
        testList "§1 1c dag{ a -> b -> c -> d; b <-> d } (Verma)" [
            testCase "§1 1c: a⊥c | {b} = true" <| fun () -> sep "dag{ a -> b -> c -> d; b <-> d }" [ "a" ] [ "c" ] [ "b" ] true
            for z in [ []; [ "b" ]; [ "c" ]; [ "b"; "c" ] ] do
                testCase (sprintf "§1 1c: a⊥d | %s = false" (fmt (Set.ofList z))) <| fun () ->
                    sep "dag{ a -> b -> c -> d; b <-> d }" [ "a" ] [ "d" ] z false
        ]
        testList "edge cases" [
            testCase "§1 pitfall: a <-> b <-> c, a⊥c | {} = true and a⊥c | {b} = false" <| fun () ->
                sep "dag{ a <-> b <-> c }" [ "a" ] [ "c" ] [] true
                sep "dag{ a <-> b <-> c }" [ "a" ] [ "c" ] [ "b" ] false
            testCase "§1: overlapping X and Y are never separated" <| fun () ->
                let g = Admg.Parse "dag{ a -> b; c }"
                Expect.isFalse (g.IsMSeparated([ "a"; "c" ], [ "c" ], [])) "X ∩ Y = {c}"
            testCase "§1: null given = empty given" <| fun () ->
                let g = Admg.Parse "dag{ a -> c <- b }"
                Expect.isTrue (g.IsMSeparated([ "a" ], [ "b" ])) "omitted Z"
                Expect.isTrue (g.IsMSeparated([ "a" ], [ "b" ], null)) "null Z"
            testCase "§1: IsDSeparated is IsMSeparated" <| fun () ->
                let g = Admg.Parse "dag{ a -> c <- b; c -> d }"
                Expect.isTrue (g.IsDSeparated([ "a" ], [ "b" ], [])) "{}"
                Expect.isFalse (g.IsDSeparated([ "a" ], [ "b" ], [ "d" ])) "{d}"
            testCase "§1: sets: {a,b} ⊥ {d} | {c} in a -> c <- b; c -> d" <| fun () ->
                sep "dag{ a -> c <- b; c -> d }" [ "a"; "b" ] [ "d" ] [ "c" ] true
            testCase "§2: latent nodes are projected before testing (x <- u -> y, u latent)" <| fun () ->
                sep "dag{ x <- u -> y; u [latent] }" [ "x" ] [ "y" ] [] false
            testCase "§1: MConnectedNodes(a | {c}) in a -> c <- b; c -> d = {b}" <| fun () ->
                let g = Admg.Parse "dag{ a -> c <- b; c -> d }"
                ExpectSets.set (g.MConnectedNodes([ "a" ], [ "c" ])) [ "b" ] "MConnectedNodes"
            testCase "§1: MConnectedNodes(a) in a -> c <- b; c -> d = {c, d}" <| fun () ->
                let g = Admg.Parse "dag{ a -> c <- b; c -> d }"
                ExpectSets.set (g.MConnectedNodes([ "a" ])) [ "c"; "d" ] "MConnectedNodes"
        ]
    ]

/// A random query on the observed nodes: X, Y of up to 2 nodes, Z a random subset of the rest.
let private randomQuery rng (r: RGraph) =
    let xs, ys = randomXY rng r 2 2
    let zs = randomSubset rng 0.35 (Set.ofList r.Observed - xs - ys)
    xs, ys, zs

let properties =
    testList "properties (§10)" [
        // The same property over three graph families; IsDSeparated is the DAG-named alias.
        for name, seed, cases, shape, separated in
            [ "§10: IsMSeparated agrees with path enumeration (ADMGs)", 1000, 300, admgs, (fun (g: CausalScript.Graphs.Admg) x y z -> g.IsMSeparated(x, y, z))
              "§10: IsMSeparated agrees with path enumeration in G itself when G has latent nodes", 2000, 300, latentAdmgs, (fun g x y z -> g.IsMSeparated(x, y, z))
              "§10: IsDSeparated agrees with path enumeration (DAGs)", 3000, 200, dags, (fun g x y z -> g.IsDSeparated(x, y, z)) ] do
            forGraphs name seed cases shape <| fun rng r g ->
                for _ in 1..4 do
                    let xs, ys, zs = randomQuery rng r
                    let expected = mSeparated r xs ys zs
                    let actual = separated g xs ys zs
                    if actual <> expected then
                        failtestf "%s ⊥ %s | %s: library %b, paths %b" (fmt xs) (fmt ys) (fmt zs) actual expected
        forGraphs "§1: MConnectedNodes = nodes outside X ∪ Z with an open path from X" 4000 200 latentAdmgs <| fun rng r g ->
            for _ in 1..3 do
                let xs, _, zs = randomQuery rng r
                let expected = Set.difference (Set.intersect (mConnectedNodes r xs zs) (Set.ofList r.Observed)) (Set.ofSeq xs)
                let actual = g.MConnectedNodes(xs, zs) |> Set.ofSeq
                if actual <> expected then
                    failtestf "MConnectedNodes(%s | %s): library %s, paths %s" (fmt xs) (fmt zs) (fmt actual) (fmt expected)
    ]

/// Sets on graphs of 65–150 nodes span several 64-bit words.
let largeGraphs =
    testList "large graphs" [
        forGraphs "oracle self-check: the augmented-graph criterion agrees with path enumeration" 4500 300 latentAdmgs <| fun rng r _ ->
            for _ in 1..4 do
                let xs, ys, zs = randomQuery rng r
                if mSeparated r xs ys zs <> mSeparatedAugmented r xs ys zs then
                    failtestf "oracles disagree on %s ⊥ %s | %s" (fmt xs) (fmt ys) (fmt zs)
        forGraphs "§1: IsMSeparated agrees with the augmented-graph criterion on 65–150-node graphs" 4700 100 large <| fun rng r g ->
            for _ in 1..5 do
                let xs, ys = randomXY rng r 3 3
                let others = Set.ofList r.Observed - xs - ys
                // Half the time a random set, otherwise most of the ancestral candidate set (which often separates).
                let zs =
                    if rng.Next 2 = 0 then randomSubset rng 0.1 others
                    else randomSubset rng 0.9 (Set.intersect (ancestors r (xs + ys)) others)
                let expected = mSeparatedAugmented r xs ys zs
                let actual = g.IsMSeparated(xs, ys, zs)
                if actual <> expected then
                    failtestf "%s ⊥ %s | %s: library %b, augmented graph %b" (fmt xs) (fmt ys) (fmt zs) actual expected
    ]

[<Tests>]
let tests = testList "Graphs.Criteria.MSeparation" [ fixtures; properties; largeGraphs ]
