/// The parallel-worlds graph (Avin, Shpitser & Pearl 2005; Shpitser & Pearl 2007 §4) and its agreement with the
/// model-level network.
module CausalScript.Tests.Graphs.ParallelWorldsGraph

open System.Collections.Generic
open Expecto
open CausalScript
open CausalScript.Graphs
open CausalScript.Models

let private world (pairs: (string * string) list) : IReadOnlyDictionary<string, string> =
    dict pairs |> Dictionary<string, string> :> IReadOnlyDictionary<string, string>

let private names (g: Admg) = g.Nodes |> Set.ofSeq
let private directed (g: Admg) = g.DirectedEdges |> Seq.map (fun e -> e.From, e.To) |> Set.ofSeq
let private bidirected (g: Admg) = g.BidirectedEdges |> Seq.map (fun e -> set [ e.From; e.To ]) |> Set.ofSeq

[<Tests>]
let tests =
    testList "Graphs.ParallelWorlds" [
        testCase "twin network of x -> y under x = 0: the outcome's copies share U_y, the intervened copy has no parents" <| fun () ->
            let twin = (Admg.Parse "x -> y").TwinNetwork(world [ "x", "0" ])
            Expect.equal (names twin) (set [ "x"; "y"; "x[x=0]"; "y[x=0]" ]) "nodes"
            Expect.equal (directed twin) (set [ "x", "y"; "x[x=0]", "y[x=0]" ]) "directed"
            Expect.equal (bidirected twin) (set [ set [ "y"; "y[x=0]" ] ]) "only y's noise is shared"

        testCase "front-door graph under do(t = 0): s is shared, confounding reaches both copies of c" <| fun () ->
            let twin = (Admg.Parse "s -> t -> c; s <-> c").TwinNetwork(world [ "t", "0" ])
            Expect.equal (names twin) (set [ "s"; "t"; "c"; "t[t=0]"; "c[t=0]" ]) "s has one copy"
            Expect.equal (directed twin) (set [ "s", "t"; "t", "c"; "t[t=0]", "c[t=0]" ]) "directed"
            Expect.equal (bidirected twin) (set [ set [ "s"; "c" ]; set [ "s"; "c[t=0]" ]; set [ "c"; "c[t=0]" ] ]) "bidirected"

        testCase "copies are named by the intervened ancestors only, so worlds that agree on them share the copy" <| fun () ->
            let g = Admg.Parse "x -> y; z -> w"
            let pw = g.ParallelWorlds([ world [ "x", "0" ]; world [ "x", "0"; "z", "1" ] ])
            // Only the given worlds appear: z and w are untouched in the first world, so they are the plain nodes.
            Expect.equal (names pw) (set [ "z"; "w"; "x[x=0]"; "y[x=0]"; "z[z=1]"; "w[z=1]" ]) "y_{x,z} = y_x: one copy"
            Expect.equal (bidirected pw) (set [ set [ "w"; "w[z=1]" ] ]) "shared noise of w"

        testCase "an unknown intervened node is named" <| fun () ->
            let e = ExpectSets.throws<UnknownNodeException> (fun () -> (Admg.Parse "x -> y").TwinNetwork(world [ "q", "0" ]) |> ignore) "unknown"
            Expect.equal e.Name "q" "name"

        testCase "the model-level network has the same nodes and directed edges as the graph-level one (random models)" <| fun () ->
            let rng = System.Random 7
            for _ in 1 .. 40 do
                let n = rng.Next(3, 7)
                let vars = [| for i in 0 .. n - 1 -> Variable.Bool(sprintf "v%d" i) |]
                let builder = Scm.Create("random")
                for i in 0 .. n - 1 do
                    let parents = [ for j in 0 .. i - 1 do if rng.Next 2 = 0 then vars[j] ]
                    let rows = List.fold (fun acc (_: Variable) -> acc * 2) 1 parents
                    builder.Node(vars[i], Mechanism.Cpt(parents, [ for _ in 1 .. rows do yield! [ 0.5; 0.5 ] ])) |> ignore
                let model = builder.Build()
                let x = vars[rng.Next n]
                let z = vars[rng.Next n]
                let worlds = [ [ x.Is(false) ]; (if z = x then [ x.Is(true) ] else [ x.Is(false); z.Is(true) ]) ]
                let modelLevel = model.TwinNetwork(worlds |> List.map Seq.ofList).FullGraph
                let labels (w: Assignment list) = world [ for a in w -> a.Variable.Name, (if a.Index = 1 then "true" else "false") ]
                let graphLevel = model.FullGraph.ParallelWorlds([ world []; labels worlds[0]; labels worlds[1] ])
                Expect.equal (names modelLevel) (names graphLevel) "nodes"
                Expect.equal (directed modelLevel) (directed graphLevel) "directed edges"
    ]
