/// Listings are lazy, capped and cancellable (graph-algorithms.md §0, result conventions): on graphs with 2^30 or
/// more answers, the first few arrive at once; maxResults caps; a cancelled token stops the enumeration.
module CausalScript.Tests.Graphs.Criteria.ListingsTests

open System
open System.Threading
open Expecto
open CausalScript.Graphs

/// x -> y, three confounders c_i, and k optional parents p_i of y: 2^k adjustment sets (and separators of x, y in
/// G without x -> y).
let private optionalParents k =
    let b = Admg.CreateBuilder().Edge("x", "y")
    for i in 1..3 do b.Edge($"c{i}", "x").Edge($"c{i}", "y") |> ignore
    for i in 1..k do b.Edge($"p{i}", "y") |> ignore
    b.Build()

/// x <- a_i -> b_i -> y for i = 1..k (and x -> y): 2^k minimal separators / minimal adjustment sets.
let private parallelPaths k direct =
    let b = Admg.CreateBuilder()
    if direct then b.Edge("x", "y") |> ignore
    for i in 1..k do b.Edge($"a{i}", "x").Edge($"a{i}", $"b{i}").Edge($"b{i}", "y") |> ignore
    b.Build()

/// x -> m -> y, x <-> y, and k children q_i of m: {m} plus any subset of the q_i is a front-door set.
let private frontDoorFan k =
    let b = Admg.CreateBuilder().Edge("x", "m").Edge("m", "y").Bidirected("x", "y")
    for i in 1..k do b.Edge("m", $"q{i}") |> ignore
    b.Build()

/// Takes n items within a time budget: the token is cancelled after 20 s, so an eager listing fails instead of hanging.
let private firstWithin (n: int) (list: CancellationToken -> seq<'T>) =
    use cts = new CancellationTokenSource(TimeSpan.FromSeconds 20.0)
    try
        list cts.Token |> Seq.truncate n |> List.ofSeq
    with :? OperationCanceledException -> failtestf "the first %d results did not arrive within 20 s: the listing is not lazy" n

let private x, y = [ "x" ], [ "y" ]

let lazyListings =
    testList "lazy" [
        testCase "§1: ListSeparators with 2^40 answers yields its first 10 at once" <| fun () ->
            let g = (optionalParents 40).RemoveOutgoingEdges x
            let first = firstWithin 10 (fun ct -> g.ListSeparators(x, y, cancellationToken = ct))
            Expect.equal first.Length 10 "10 separators"
            Expect.equal (first |> List.distinct).Length 10 "distinct"
        testCase "§1: ListMinimalSeparators with 2^30 answers yields its first 10 at once" <| fun () ->
            let g = parallelPaths 30 false
            let first = firstWithin 10 (fun ct -> g.ListMinimalSeparators(x, y, cancellationToken = ct))
            Expect.equal first.Length 10 "10 minimal separators"
            for z in first do Expect.equal z.Count 30 "one node per path"
        testCase "§5: ListAdjustmentSets with 2^40 answers yields its first 10 at once" <| fun () ->
            let g = optionalParents 40
            let first = firstWithin 10 (fun ct -> g.ListAdjustmentSets(x, y, cancellationToken = ct))
            Expect.equal first.Length 10 "10 sets"
            for z in first do Expect.isTrue (g.IsAdjustmentSet(x, y, z)) (string z)
        testCase "§5: ListMinimalAdjustmentSets with 2^30 answers yields its first 10 at once" <| fun () ->
            let g = parallelPaths 30 true
            let first = firstWithin 10 (fun ct -> g.ListMinimalAdjustmentSets(x, y, cancellationToken = ct))
            Expect.equal first.Length 10 "10 minimal sets"
            for z in first do Expect.isTrue (g.IsAdjustmentSet(x, y, z)) (string z)
        testCase "§7: ListFrontDoorSets with 2^40 answers yields its first 10 at once" <| fun () ->
            let g = frontDoorFan 40
            let first = firstWithin 10 (fun ct -> g.ListFrontDoorSets(x, y, cancellationToken = ct))
            Expect.equal first.Length 10 "10 sets"
            for z in first do Expect.isTrue (g.IsFrontDoorSet(x, y, z)) (string z)
        testCase "§9: the ADMG basis of a 40-node <-> chain yields its first statements at once" <| fun () ->
            let b = Admg.CreateBuilder()
            for i in 1..39 do b.Bidirected($"v{i}", $"v{i + 1}") |> ignore
            let g = b.Build()
            let first = firstWithin 3 (fun ct -> g.ImpliedIndependencies(ImpliedIndependenceKind.Basis, cancellationToken = ct))
            Expect.equal first.Length 3 "3 statements"
        testCase "§9: the missing-edge list of a 60-node graph yields its first statements at once" <| fun () ->
            let g = parallelPaths 20 true
            let first = firstWithin 5 (fun ct -> g.ImpliedIndependencies(cancellationToken = ct))
            Expect.equal first.Length 5 "5 statements"
    ]

let capsAndCancellation =
    testList "maxResults and cancellation" [
        testCase "§0: maxResults caps every listing (0, 1, 3)" <| fun () ->
            let sep = (optionalParents 10).RemoveOutgoingEdges x
            let adj = optionalParents 10
            let minimal = parallelPaths 5 true
            let fd = frontDoorFan 10
            let instruments = Admg.Parse "dag{ i1 -> x; i2 -> x; i3 -> x; i4 -> x; x -> y; x <-> y }"
            for k in [ 0; 1; 3 ] do
                Expect.equal (Seq.length (sep.ListSeparators(x, y, maxResults = k))) k $"ListSeparators max {k}"
                Expect.equal (Seq.length (minimal.ListMinimalSeparators(x, [ "b1" ], maxResults = k))) (min k 1) $"ListMinimalSeparators max {k}"
                Expect.equal (Seq.length (adj.ListAdjustmentSets(x, y, maxResults = k))) k $"ListAdjustmentSets max {k}"
                Expect.equal (Seq.length (minimal.ListMinimalAdjustmentSets(x, y, maxResults = k))) k $"ListMinimalAdjustmentSets max {k}"
                Expect.equal (Seq.length (fd.ListFrontDoorSets(x, y, maxResults = k))) k $"ListFrontDoorSets max {k}"
                Expect.equal (Seq.length (instruments.ConditionalInstruments("x", "y", maxResults = k))) k $"ConditionalInstruments max {k}"
                Expect.equal (Seq.length (minimal.ImpliedIndependencies(maxResults = k))) k $"ImpliedIndependencies max {k}"
        testCase "§0: negative maxResults is an ArgumentOutOfRangeException for every listing" <| fun () ->
            let g = frontDoorFan 2
            let throws name (f: unit -> unit) = Expect.throwsT<ArgumentOutOfRangeException> f name
            throws "ListMinimalSeparators" (fun () -> g.ListMinimalSeparators(x, y, maxResults = -1) |> Seq.iter ignore)
            throws "ListAdjustmentSets" (fun () -> g.ListAdjustmentSets(x, y, maxResults = -1) |> Seq.iter ignore)
            throws "ListMinimalAdjustmentSets" (fun () -> g.ListMinimalAdjustmentSets(x, y, maxResults = -1) |> Seq.iter ignore)
            throws "ListFrontDoorSets" (fun () -> g.ListFrontDoorSets(x, y, maxResults = -1) |> Seq.iter ignore)
            throws "ConditionalInstruments" (fun () -> g.ConditionalInstruments("x", "y", maxResults = -1) |> Seq.iter ignore)
            throws "ImpliedIndependencies" (fun () -> g.ImpliedIndependencies(maxResults = -1) |> Seq.iter ignore)
        testCase "§0: a cancelled token stops every listing" <| fun () ->
            use cts = new CancellationTokenSource()
            cts.Cancel()
            let ct = cts.Token
            let g = parallelPaths 4 true
            let fd = frontDoorFan 3
            let throws name (f: unit -> unit) = Expect.throwsT<OperationCanceledException> f name
            throws "ListMinimalSeparators" (fun () -> (parallelPaths 4 false).ListMinimalSeparators(x, y, cancellationToken = ct) |> Seq.iter ignore)
            throws "ListAdjustmentSets" (fun () -> g.ListAdjustmentSets(x, y, cancellationToken = ct) |> Seq.iter ignore)
            throws "ListMinimalAdjustmentSets" (fun () -> g.ListMinimalAdjustmentSets(x, y, cancellationToken = ct) |> Seq.iter ignore)
            throws "ListFrontDoorSets" (fun () -> fd.ListFrontDoorSets(x, y, cancellationToken = ct) |> Seq.iter ignore)
            throws "ConditionalInstruments" (fun () -> (Admg.Parse "i -> x -> y; x <-> y").ConditionalInstruments("x", "y", cancellationToken = ct) |> Seq.iter ignore)
            throws "ImpliedIndependencies" (fun () -> g.ImpliedIndependencies(cancellationToken = ct) |> Seq.iter ignore)
        testCase "§0: a listing can be enumerated twice with the same answers" <| fun () ->
            let g = parallelPaths 3 true
            let l = g.ListMinimalAdjustmentSets(x, y)
            Expect.equal (l |> Seq.map Set.ofSeq |> Set.ofSeq) (l |> Seq.map Set.ofSeq |> Set.ofSeq) "same sets"
            Expect.equal (Seq.length l) 8 "2^3 minimal sets"
    ]

[<Tests>]
let tests = testList "Graphs.Criteria.Listings" [ lazyListings; capsAndCancellation ]
