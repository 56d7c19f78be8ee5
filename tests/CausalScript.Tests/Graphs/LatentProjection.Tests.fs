/// Latent projection (graph-algorithms.md §2): the worked examples 2a–2f, agreement with the projection computed
/// from its path definition, and preservation of m-separation among observed nodes.
module CausalScript.Tests.Graphs.LatentProjectionTests

open Expecto
open CausalScript.Graphs
open CausalScript.Tests.Graphs.Reference
open CausalScript.Tests.Graphs.Generators

let private projects (text: string) (expected: string) =
    let p = (Admg.Parse text).ProjectLatents()
    let e = Admg.Parse expected
    if not (p.Equals e) then failtestf "%s projects to %O, expected %O" text p e

let private edgeSets (g: RGraph) =
    Set.ofList g.Nodes,
    Set.ofList g.Directed,
    g.Bidirected |> List.map (fun (a, b) -> if System.String.CompareOrdinal(a, b) < 0 then a, b else b, a) |> Set.ofList

let fixtures =
    testList "fixtures" [
        testCase "§2 2a: x <- u -> y, u latent ⇒ x <-> y" <| fun () -> projects "dag{ x <- u -> y; u [latent] }" "x <-> y"
        testCase "§2 2b: x -> u -> y, u latent ⇒ x -> y" <| fun () -> projects "dag{ x -> u -> y; u [latent] }" "x -> y"
        testCase "§2 2c: u1 -> u2 -> a; u2 -> b; u1 -> c ⇒ a<->b; a<->c; b<->c" <| fun () ->
            projects "dag{ u1 -> u2 -> a; u2 -> b; u1 -> c; u1 [latent]; u2 [latent] }" "a <-> b; a <-> c; b <-> c"
        testCase "§2 2d: a -> u <- b; u -> c ⇒ a -> c; b -> c (no a–b edge)" <| fun () ->
            projects "dag{ a -> u <- b; u -> c; u [latent] }" "a -> c; b -> c"
        testCase "§2 2e: l2 -> x -> l1 -> y; l2 -> l1 ⇒ x -> y; x <-> y (both edges)" <| fun () ->
            projects "dag{ l2 -> x -> l1 -> y; l2 -> l1; l1 [latent]; l2 [latent] }" "x -> y; x <-> y"
        testCase "§2 2f: a <-> l -> b ⇒ a <-> b" <| fun () -> projects "dag{ a <-> l -> b; l [latent] }" "a <-> b"
        testCase "§2: a graph without latent nodes projects to itself" <| fun () ->
            let g = Admg.Parse "dag{ a -> b <-> c }"
            Expect.isTrue (obj.ReferenceEquals(g.ProjectLatents(), g) || g.ProjectLatents().Equals g) "no latents"
        testCase "§2: projection keeps exposure and outcome flags of observed nodes" <| fun () ->
            let p = (Admg.Parse "dag{ x [exposure]; y [outcome]; x -> u -> y; u [latent] }").ProjectLatents()
            Expect.equal (List.ofSeq p.Exposures) [ "x" ] "exposure"
            Expect.equal (List.ofSeq p.Outcomes) [ "y" ] "outcome"
            Expect.isTrue p.Latent.IsEmpty "no latent nodes remain"
    ]

let properties =
    testList "properties (§10)" [
        forGraphs "§2: ProjectLatents equals the projection built from its path definition" 11000 300 latentAdmgs <| fun _ r g ->
            let p = g.ProjectLatents()
            let actual = edgeSets (ofAdmg p)
            let expected = edgeSets (project r)
            if actual <> expected then failtestf "library %O\nexpected %O" p (project r)
            if not p.Latent.IsEmpty then failtest "the projection still has latent nodes"
        forGraphs "§10: projection preserves m-separation among observed nodes" 12000 300 latentAdmgs <| fun rng r g ->
            let p = ofAdmg (g.ProjectLatents())
            for _ in 1..4 do
                let xs, ys = randomXY rng r 2 2
                let zs = randomSubset rng 0.35 (Set.ofList r.Observed - xs - ys)
                let inG = mSeparated r xs ys zs
                let inProjection = mSeparated p xs ys zs
                if inG <> inProjection then
                    failtestf "%s ⊥ %s | %s: %b in G, %b in the projection %O" (fmt xs) (fmt ys) (fmt zs) inG inProjection p
    ]

let largeGraphs =
    testList "large graphs" [
        forGraphs "§2: ProjectLatents equals the path-definition projection on 65–150-node graphs" 12500 60 large <| fun _ r g ->
            let p = g.ProjectLatents()
            if edgeSets (ofAdmg p) <> edgeSets (project r) then
                let a, b, c = edgeSets (ofAdmg p)
                let a', b', c' = edgeSets (project r)
                failtestf "nodes missing %A extra %A; -> missing %A extra %A; <-> missing %A extra %A" (a' - a) (a - a') (b' - b) (b - b') (c' - c) (c - c')
    ]

[<Tests>]
let tests = testList "Graphs.LatentProjection" [ fixtures; properties; largeGraphs ]
