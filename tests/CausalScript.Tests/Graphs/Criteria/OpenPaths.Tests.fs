module CausalScript.Tests.Graphs.Criteria.OpenPathsTests

open System
open Expecto
open CausalScript.Graphs

/// Parses a witness like "x <- a <-> b -> y" into nodes and arrows.
let private parse (path: string) =
    let tokens = path.Split(' ', StringSplitOptions.RemoveEmptyEntries)
    [ for i in 0 .. 2 .. tokens.Length - 1 -> tokens[i] ], [ for i in 1 .. 2 .. tokens.Length - 1 -> tokens[i] ]

/// True when the walk is m-connecting given z in g: every arrow is an edge of g, every interior non-collider is outside
/// z, every collider is an ancestor of z.
let private isOpenWalk (g: Admg) (z: string list) (nodes: string list) (arrows: string list) =
    let anZ = if z.IsEmpty then Set.empty else Set.ofSeq (g.Ancestors z)
    let edgeOk (a: string) (arrow: string) (b: string) =
        match arrow with
        | "->" -> g.HasEdge(a, b)
        | "<-" -> g.HasEdge(b, a)
        | "<->" -> g.HasBidirectedEdge(a, b)
        | _ -> false
    let headAtEnd arrow = arrow = "->" || arrow = "<->"      // arrowhead at the right-hand node
    let headAtStart arrow = arrow = "<-" || arrow = "<->"    // arrowhead at the left-hand node
    let edges = List.zip3 (List.take arrows.Length nodes) arrows (List.tail nodes)
    edges |> List.forall (fun (a, arrow, b) -> edgeOk a arrow b)
    && [ 1 .. nodes.Length - 2 ] |> List.forall (fun i ->
        let v = nodes[i]
        let collider = headAtEnd arrows[i - 1] && headAtStart arrows[i]
        if collider then anZ.Contains v else not (List.contains v z))

[<Tests>]
let tests =
    testList "Graphs.Criteria.OpenPaths" [
        testCase "the witness path shows the edge actually used when a -> y and a <-> y both exist" <| fun () ->
            // Given {a}, a -> y is blocked (a is a conditioned non-collider); the open path is the collider path via <->.
            let g = Admg.Parse "x <-> a; a -> y; a <-> y; x -> y"
            let check = g.CheckBackdoor([ "x" ], [ "y" ], [ "a" ])
            Expect.isFalse check.IsValid "x <-> a <-> y is open given {a}"
            Expect.equal check.OpenPath ("x <-> a <-> y" |> Option.Some |> Option.toObj) "witness"

        testCase "the M-bias witness: conditioning on the collider m opens x <- a -> m <- b -> y" <| fun () ->
            let g = Admg.Parse "x <- a -> m <- b -> y; x -> y"
            let check = g.CheckAdjustment([ "x" ], [ "y" ], [ "m" ])
            Expect.equal check.OpenPath ("x <- a -> m <- b -> y" |> Option.Some |> Option.toObj) "M-bias path"

        testCase "every reported open path is an m-connecting walk of the graph (random ADMGs, back-door and adjustment checks)" <| fun () ->
            let rng = Random 99
            let mutable witnesses = 0
            for _ in 1..400 do
                let n = rng.Next(4, 9)
                let names = [ for i in 0 .. n - 1 -> sprintf "v%d" i ]
                let b = Admg.CreateBuilder().Nodes(names)
                for i in 0 .. n - 1 do
                    for j in i + 1 .. n - 1 do
                        if rng.NextDouble() < 0.35 then b.Edge(names[i], names[j]) |> ignore
                        if rng.NextDouble() < 0.12 then b.Bidirected(names[i], names[j]) |> ignore
                let g = b.Build()
                let x, y = names[rng.Next(n / 2)], names[n / 2 + rng.Next(n - n / 2)]
                let z = names |> List.filter (fun v -> v <> x && v <> y && rng.Next 3 = 0)
                for check in [ g.CheckBackdoor([ x ], [ y ], z); g.CheckAdjustment([ x ], [ y ], z) ] do
                    match check.OpenPath with
                    | null -> ()
                    | path ->
                        let nodes, arrows = parse path
                        Expect.equal (List.head nodes, List.last nodes) (x, y) $"{path} runs from x to y"
                        if not (isOpenWalk g z nodes arrows) then failtestf "%O: %s is not open given %A" g path z
                        witnesses <- witnesses + 1
            Expect.isGreaterThan witnesses 100 "enough witnesses were checked"
    ]
