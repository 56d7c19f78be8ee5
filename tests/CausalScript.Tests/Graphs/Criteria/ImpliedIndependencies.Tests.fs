/// Implied conditional independencies (graph-algorithms.md §9): the worked examples 9a–9f; the missing-edge list
/// equals the brute-force minimal separators of every non-adjacent pair; the DAG basis is the ordered local Markov
/// property; every basis statement (DAG or ADMG) holds by path enumeration.
module CausalScript.Tests.Graphs.Criteria.ImpliedIndependenciesTests

open System
open Expecto
open CausalScript.Graphs
open CausalScript.Tests.Graphs
open CausalScript.Tests.Graphs.Reference
open CausalScript.Tests.Graphs.Generators

/// A statement X ⊥ Y | Z with the two sides ordered, so that X ⊥ Y and Y ⊥ X compare equal.
let private normal (xs: Set<string>, ys: Set<string>, zs: Set<string>) = (min xs ys, max xs ys, zs)

let private statements (s: ConditionalIndependence seq) =
    s |> Seq.map (fun c -> Set.ofSeq c.X, Set.ofSeq c.Y, Set.ofSeq c.Given) |> List.ofSeq

let private show (l: (Set<string> * Set<string> * Set<string>) seq) =
    l |> Seq.map (fun (a, b, c) -> sprintf "%s ⊥ %s | %s" (fmt a) (fmt b) (fmt c)) |> String.concat "; "

/// The statements must be exactly the expected ones (sides in either order, each once).
let private exactly (actual: ConditionalIndependence seq) (expected: (string list * string list * string list) list) (message: string) =
    let a = statements actual |> List.map normal
    let e = expected |> List.map (fun (x, y, z) -> normal (set x, set y, set z))
    if a.Length <> (Set.ofList a).Count then failtestf "%s: duplicate statements in %s" message (show a)
    if Set.ofList a <> Set.ofList e then failtestf "%s:\n  expected %s\n  got      %s" message (show e) (show a)

let private missing (text: string) = (Admg.Parse text).ImpliedIndependencies(ImpliedIndependenceKind.MissingEdge, SeparatorPolicy.All)
let private basis (text: string) = (Admg.Parse text).ImpliedIndependencies(kind = ImpliedIndependenceKind.Basis)

let private g9f = "dag{ x <- a -> m -> y; x <- b -> m }"

let fixtures =
    testList "fixtures" [
        testCase "§9 9a: x -> m -> y: missing-edge x⊥y|m" <| fun () -> exactly (missing "dag{ x -> m -> y }") [ [ "x" ], [ "y" ], [ "m" ] ] "missing-edge"
        testCase "§9 9a: x -> m -> y: basis y⊥x|m" <| fun () -> exactly (basis "dag{ x -> m -> y }") [ [ "y" ], [ "x" ], [ "m" ] ] "basis"
        testCase "§9 9a: with m latent: missing-edge none" <| fun () -> exactly (missing "dag{ x -> m -> y; m [latent] }") [] "missing-edge"
        testCase "§9 9a: with m latent: basis none (projection is x -> y)" <| fun () -> exactly (basis "dag{ x -> m -> y; m [latent] }") [] "basis"
        testCase "§9 9b: a -> c <- b; c -> d: missing-edge a⊥b; a⊥d|c; b⊥d|c" <| fun () ->
            exactly (missing "dag{ a -> c <- b; c -> d }") [ [ "a" ], [ "b" ], []; [ "a" ], [ "d" ], [ "c" ]; [ "b" ], [ "d" ], [ "c" ] ] "missing-edge"
        testCase "§9 9b: a -> c <- b; c -> d: basis b⊥a; d⊥{a,b}|c" <| fun () ->
            exactly (basis "dag{ a -> c <- b; c -> d }") [ [ "b" ], [ "a" ], []; [ "d" ], [ "a"; "b" ], [ "c" ] ] "basis"
        testCase "§9 9c: a -> b <-> c: missing-edge a⊥c" <| fun () -> exactly (missing "dag{ a -> b <-> c }") [ [ "a" ], [ "c" ], [] ] "missing-edge"
        testCase "§9 9c: a -> b <-> c: basis c⊥a" <| fun () -> exactly (basis "dag{ a -> b <-> c }") [ [ "c" ], [ "a" ], [] ] "basis"
        testCase "§9 9d: a <-> b <-> c <-> d: missing-edge a⊥c; a⊥d; b⊥d" <| fun () ->
            exactly (missing "dag{ a <-> b <-> c <-> d }") [ [ "a" ], [ "c" ], []; [ "a" ], [ "d" ], []; [ "b" ], [ "d" ], [] ] "missing-edge"
        testCase "§9 9d: a <-> b <-> c <-> d: basis c⊥a; d⊥{a,b}; d⊥a|c" <| fun () ->
            exactly (basis "dag{ a <-> b <-> c <-> d }") [ [ "c" ], [ "a" ], []; [ "d" ], [ "a"; "b" ], []; [ "d" ], [ "a" ], [ "c" ] ] "basis"
        testCase "§9 9e (Verma): missing-edge a⊥c|b (nothing for a,d)" <| fun () ->
            exactly (missing "dag{ a -> b -> c -> d; b <-> d }") [ [ "a" ], [ "c" ], [ "b" ] ] "missing-edge"
        testCase "§9 9e (Verma): basis c⊥a|b" <| fun () -> exactly (basis "dag{ a -> b -> c -> d; b <-> d }") [ [ "c" ], [ "a" ], [ "b" ] ] "basis"
        testCase "§9 9f: missing-edge x⊥m|{a,b}; x⊥y|{m} and |{a,b}; a⊥b; a⊥y|m; b⊥y|m" <| fun () ->
            exactly (missing g9f)
                [ [ "x" ], [ "m" ], [ "a"; "b" ]; [ "x" ], [ "y" ], [ "m" ]; [ "x" ], [ "y" ], [ "a"; "b" ]
                  [ "a" ], [ "b" ], []; [ "a" ], [ "y" ], [ "m" ]; [ "b" ], [ "y" ], [ "m" ] ] "missing-edge"
        testCase "§9 9f: basis b⊥a; m⊥x|{a,b}; y⊥{a,b,x}|m" <| fun () ->
            exactly (basis g9f) [ [ "b" ], [ "a" ], []; [ "m" ], [ "x" ], [ "a"; "b" ]; [ "y" ], [ "a"; "b"; "x" ], [ "m" ] ] "basis"
        testCase "§9 9f: OnePerPair keeps x⊥y|m (minimum size) and one statement per pair" <| fun () ->
            exactly ((Admg.Parse g9f).ImpliedIndependencies(ImpliedIndependenceKind.MissingEdge, SeparatorPolicy.OnePerPair))
                [ [ "x" ], [ "m" ], [ "a"; "b" ]; [ "x" ], [ "y" ], [ "m" ]; [ "a" ], [ "b" ], []; [ "a" ], [ "y" ], [ "m" ]; [ "b" ], [ "y" ], [ "m" ] ] "OnePerPair"
        testCase "§9: maxResults caps the list" <| fun () ->
            Expect.equal (Seq.length ((Admg.Parse g9f).ImpliedIndependencies(maxResults = 2))) 2 "maxResults = 2"
        testCase "§9: the default kind is the missing-edge list" <| fun () ->
            exactly ((Admg.Parse "dag{ x -> m -> y }").ImpliedIndependencies()) [ [ "x" ], [ "y" ], [ "m" ] ] "default"
    ]

/// The brute-force missing-edge list: for every non-adjacent observed pair (adjacency in the projection), every
/// inclusion-minimal separator among the other observed nodes.
let private bruteMissingEdge (r: RGraph) =
    let p = project r
    let adjacent u v =
        p.Directed |> List.exists (fun (a, b) -> (a = u && b = v) || (a = v && b = u))
        || p.Bidirected |> List.exists (fun (a, b) -> (a = u && b = v) || (a = v && b = u))
    let observed = r.Observed
    [ for u in observed do
        for v in observed do
            if String.CompareOrdinal(u, v) < 0 && not (adjacent u v) then
                let others = Set.ofList observed - set [ u; v ]
                yield (u, v), minimalSeparators r (Set.singleton u) (Set.singleton v) Set.empty others ]

let properties =
    testList "properties (§10)" [
        forGraphs "§9: MissingEdge/All = brute-force minimal separators of every non-adjacent pair" 39000 200 latentAdmgs <| fun _ r g ->
            let expected =
                [ for (u, v), seps in bruteMissingEdge r do
                    for z in seps -> normal (Set.singleton u, Set.singleton v, z) ]
            let actual = statements (g.ImpliedIndependencies(ImpliedIndependenceKind.MissingEdge, SeparatorPolicy.All)) |> List.map normal
            if actual.Length <> (Set.ofList actual).Count then failtestf "duplicates in %s" (show actual)
            if Set.ofList actual <> Set.ofList expected then
                failtestf "expected %s\ngot      %s" (show expected) (show actual)
        forGraphs "§9: MissingEdge/OnePerPair = one minimum-size minimal separator per separable non-adjacent pair" 40000 200 latentAdmgs <| fun _ r g ->
            let brute = bruteMissingEdge r |> List.filter (fun (_, seps) -> not seps.IsEmpty) |> Map.ofList
            let actual = statements (g.ImpliedIndependencies(ImpliedIndependenceKind.MissingEdge, SeparatorPolicy.OnePerPair))
            let pairs =
                actual |> List.map (fun (a, b, _) ->
                    let u, v = Seq.exactlyOne a, Seq.exactlyOne b
                    if String.CompareOrdinal(u, v) < 0 then u, v else v, u)
            Expect.equal (List.sort pairs) (brute |> Map.toList |> List.map fst |> List.sort) "one statement per separable non-adjacent pair"
            for (a, b, z), pair in List.zip actual pairs do
                let seps = brute[pair]
                let smallest = seps |> List.map Set.count |> List.min
                if not (List.contains z seps) || z.Count <> smallest then
                    failtestf "%s ⊥ %s | %s: not a minimum-size minimal separator (they are %s)" (fmt a) (fmt b) (fmt z) (fmtSets seps)
        forGraphs "§9: OnePerPair ties are broken by the smallest sum of topological ranks (y0's policy)" 40500 300 admgs <| fun _ _ g ->
            let rank = g.ProjectLatents().TopologicalOrder |> Seq.mapi (fun i v -> v, i) |> Map.ofSeq
            let cost (z: Set<string>) = z.Count, (z |> Seq.sumBy (fun v -> rank[v]))
            for ci in g.ImpliedIndependencies(ImpliedIndependenceKind.MissingEdge, SeparatorPolicy.OnePerPair) do
                let all = g.ListMinimalSeparators(ci.X, ci.Y) |> Seq.map Set.ofSeq |> List.ofSeq
                let best = all |> List.map cost |> List.min
                let chosen = Set.ofSeq ci.Given
                if cost chosen <> best then
                    failtestf "%O: cost %A, but the best minimal separator costs %A (all: %A)" ci (cost chosen) best all
        forGraphs "§9: the DAG basis is v ⊥ pre(v) \\ pa(v) | pa(v) over Kahn's order (ties by declaration)" 41000 200 dags <| fun _ r g ->
            let expected = dagBasis r |> List.map normal
            let actual = statements (g.ImpliedIndependencies(kind = ImpliedIndependenceKind.Basis)) |> List.map normal
            Expect.equal (Set.ofList actual) (Set.ofList expected) "basis"
            Expect.equal actual.Length expected.Length "no duplicates"
        forGraphs "§9: the basis equals the ordered local Markov statements over ancestral sets (subset enumeration, ADMGs with latents)" 41500 300 latentAdmgs <| fun _ r g ->
            let p = project r
            let expected = (if p.IsDag then dagBasis p else admgBasis r) |> List.map normal
            let actual = statements (g.ImpliedIndependencies(kind = ImpliedIndependenceKind.Basis)) |> List.map normal
            if Set.ofList actual <> Set.ofList expected || actual.Length <> expected.Length then
                failtestf "expected %s\ngot      %s" (show expected) (show actual)
        forGraphs "§9: every basis statement (DAG or ADMG, with latents) holds by path enumeration" 42000 200 latentAdmgs <| fun _ r g ->
            for (a, b, z) in statements (g.ImpliedIndependencies(kind = ImpliedIndependenceKind.Basis)) do
                if a.IsEmpty || b.IsEmpty then failtestf "empty side in %s ⊥ %s | %s" (fmt a) (fmt b) (fmt z)
                if not (mSeparated r a b z) then failtestf "%s ⊥ %s | %s does not hold" (fmt a) (fmt b) (fmt z)
        forGraphs "§9: every missing-edge statement holds by path enumeration" 43000 100 latentAdmgs <| fun _ r g ->
            for (a, b, z) in statements (g.ImpliedIndependencies()) do
                if not (mSeparated r a b z) then failtestf "%s ⊥ %s | %s does not hold" (fmt a) (fmt b) (fmt z)
    ]

[<Tests>]
let tests = testList "Graphs.Criteria.ImpliedIndependencies" [ fixtures; properties ]
