/// The graph type (Admg.cs, Admg.Structure.cs, AdmgBuilder.cs): family relations, subgraphs, mutilations,
/// topological order, equality and the builder's errors, checked against the plain-list reference.
module CausalScript.Tests.Graphs.AdmgTests

open Expecto
open CausalScript
open CausalScript.Graphs
open CausalScript.Tests.Graphs
open CausalScript.Tests.Graphs.Reference
open CausalScript.Tests.Graphs.Generators

let private sorted (xs: string seq) = Set.ofSeq xs

let private normalEdges (g: RGraph) =
    Set.ofList g.Nodes,
    Set.ofList g.Directed,
    g.Bidirected |> List.map (fun (a, b) -> if System.String.CompareOrdinal(a, b) < 0 then a, b else b, a) |> Set.ofList

let fixtures =
    testList "fixtures" [
        testCase "§3 3a: districts of a <-> b <-> c; d -> a; e = {a,b,c}, {d}, {e}" <| fun () ->
            let g = Admg.Parse "dag{ a <-> b <-> c; d -> a; e }"
            ExpectSets.sets (g.Districts()) [ [ "a"; "b"; "c" ]; [ "d" ]; [ "e" ] ] "Districts()"
            ExpectSets.set (g.District "c") [ "a"; "b"; "c" ] "District(c)"
            ExpectSets.set (g.District "d") [ "d" ] "District(d)"
        testCase "§3 3d: An({y}) in a -> b -> y; c -> y; y -> d = {a,b,c,y}" <| fun () ->
            let g = Admg.Parse "dag{ a -> b -> y; c -> y; y -> d }"
            ExpectSets.set (g.Ancestors([ "y" ])) [ "a"; "b"; "c"; "y" ] "An(y)"
        testCase "§0: De includes the nodes themselves" <| fun () ->
            let g = Admg.Parse "dag{ a -> b -> y; c -> y; y -> d }"
            ExpectSets.set (g.Descendants([ "b" ])) [ "b"; "y"; "d" ] "De(b)"
            ExpectSets.set (g.Descendants([ "d" ])) [ "d" ] "De(d)"
        testCase "§0: pa, ch and sp follow their edge kinds only" <| fun () ->
            let g = Admg.Parse "dag{ a -> b <-> c; c -> b; d <-> a }"
            ExpectSets.set (g.Parents([ "b" ])) [ "a"; "c" ] "pa(b)"
            ExpectSets.set (g.Children([ "a" ])) [ "b" ] "ch(a)"
            ExpectSets.set (g.Spouses([ "b" ])) [ "c" ] "sp(b)"
            ExpectSets.set (g.Spouses([ "a"; "b" ])) [ "c"; "d" ] "sp({a,b})"
            ExpectSets.set (g.Ancestors([ "b" ])) [ "a"; "b"; "c" ] "An(b) does not follow <->"
        testCase "§0: HasEdge, HasBidirectedEdge, AreAdjacent" <| fun () ->
            let g = Admg.Parse "dag{ a -> b <-> c }"
            Expect.isTrue (g.HasEdge("a", "b")) "a -> b"
            Expect.isFalse (g.HasEdge("b", "a")) "not b -> a"
            Expect.isTrue (g.HasBidirectedEdge("c", "b")) "c <-> b (symmetric)"
            Expect.isTrue (g.AreAdjacent("b", "a")) "b ~ a"
            Expect.isFalse (g.AreAdjacent("a", "c")) "a, c not adjacent"
        testCase "§0: sizes, node order, empty set and Contains" <| fun () ->
            let g = Admg.Parse "dag{ b -> a; c; u [latent] }"
            Expect.equal (List.ofSeq g.Nodes) [ "b"; "a"; "c"; "u" ] "declaration order"
            Expect.equal g.NodeCount 4 "NodeCount"
            Expect.isTrue g.EmptySet.IsEmpty "EmptySet"
            Expect.equal (sorted g.AllNodes) (set [ "a"; "b"; "c"; "u" ]) "AllNodes"
            Expect.equal (sorted g.Observed) (set [ "a"; "b"; "c" ]) "Observed"
            Expect.equal (sorted g.Latent) (set [ "u" ]) "Latent"
            Expect.isTrue (g.Contains "c") "Contains c"
            Expect.isFalse (g.Contains "z") "not Contains z"
        testCase "§0: TopologicalOrder breaks ties by declaration order" <| fun () ->
            let g = Admg.Parse "dag{ x <- a -> m -> y; x <- b -> m }"
            Expect.equal (List.ofSeq g.TopologicalOrder) [ "a"; "b"; "x"; "m"; "y" ] "Kahn, ties by declaration"
        testCase "§0: RemoveIncomingEdges removes ->x and <->x; RemoveOutgoingEdges removes x->" <| fun () ->
            let g = Admg.Parse "dag{ a -> x -> y; x <-> y; a <-> y }"
            Expect.isTrue ((g.RemoveIncomingEdges([ "x" ])).Equals(Admg.Parse "x -> y; a <-> y")) "G_{x̄}"
            Expect.isTrue ((g.RemoveOutgoingEdges([ "x" ])).Equals(Admg.Parse "a -> x; x <-> y; a <-> y; ")) "G_{x̲}"
        testCase "§0: InducedSubgraph keeps the edges among the kept nodes" <| fun () ->
            let g = Admg.Parse "dag{ a -> b -> c; a <-> c; b <-> d }"
            Expect.isTrue ((g.InducedSubgraph([ "a"; "c"; "d" ])).Equals(Admg.Parse "a <-> c; d")) "G[{a,c,d}]"
        testCase "§0: Equals ignores declaration order and <-> orientation, but not flags" <| fun () ->
            let g1 = Admg.Parse "dag{ a -> b; b <-> c; d }"
            let g2 = Admg.Parse "dag{ d; c <-> b; a -> b }"
            Expect.isTrue (g1.Equals g2) "same graph"
            Expect.isFalse (g1.Equals(Admg.Parse "dag{ a -> b; b <-> c; d [latent] }")) "latent flag differs"
            Expect.isFalse (g1.Equals(Admg.Parse "dag{ a -> b; b -> c; d }")) "edge kind differs"
            Expect.isFalse (g1.Equals(Admg.Parse "dag{ a -> b; b <-> c }")) "node set differs"
        testCase "§0: NodeSet equality is by names across graphs" <| fun () ->
            let g1 = Admg.Parse "a -> b -> c"
            let g2 = Admg.Parse "c <- b <- a"
            Expect.equal (g1.Set([ "a"; "c" ])) (g2.Set([ "c"; "a" ])) "same names"
            Expect.equal (g1.Set([ "a"; "c" ]).ToString()) "{a, c}" "ToString"
            Expect.equal (g1.EmptySet.ToString()) "{}" "empty ToString"
    ]

let builderErrors =
    testList "builder errors" [
        testCase "§0: self-loop names the edge" <| fun () ->
            let e = ExpectSets.throws<GraphException> (fun () -> Admg.CreateBuilder().Edge("a", "a") |> ignore) "self-loop"
            ExpectSets.contains e.Message "a -> a" "message"
        testCase "§0: bidirected self-loop names the edge" <| fun () ->
            let e = ExpectSets.throws<GraphException> (fun () -> Admg.CreateBuilder().Bidirected("a", "a") |> ignore) "self-loop"
            ExpectSets.contains e.Message "a <-> a" "message"
        testCase "§0: duplicate directed edge names the edge" <| fun () ->
            let e = ExpectSets.throws<GraphException> (fun () -> Admg.CreateBuilder().Edge("a", "b").Edge("a", "b") |> ignore) "duplicate"
            ExpectSets.contains e.Message "a -> b" "message"
        testCase "§0: duplicate bidirected edge (either orientation) names the edge" <| fun () ->
            let e = ExpectSets.throws<GraphException> (fun () -> Admg.CreateBuilder().Bidirected("a", "b").Bidirected("b", "a") |> ignore) "duplicate"
            ExpectSets.contains e.Message "b <-> a" "message"
        testCase "§0: a -> b and a <-> b together are allowed" <| fun () ->
            let g = Admg.CreateBuilder().Edge("a", "b").Bidirected("a", "b").Build()
            Expect.equal g.Edges.Count 2 "two edges"
        testCase "§0: Build reports a cycle in order" <| fun () ->
            let e = ExpectSets.throws<CycleException> (fun () -> Admg.CreateBuilder().Edge("b", "c").Edge("a", "b").Edge("c", "a").Build() |> ignore) "cycle"
            Expect.equal (List.ofSeq e.Nodes) [ "b"; "c"; "a" ] "cycle starts at the first-declared node and follows the edges"
        testCase "§0: empty node name is rejected" <| fun () ->
            ExpectSets.throws<GraphException> (fun () -> Admg.CreateBuilder().Node(" ") |> ignore) "empty name" |> ignore
    ]

let properties =
    testList "properties" [
        forGraphs "§0: Parents, Children, Spouses, Ancestors, Descendants agree with the reference" 13000 200 admgs <| fun rng r g ->
            for _ in 1..3 do
                let s = pick rng 2 r.Nodes
                let pa = s |> Seq.collect r.Parents |> Set.ofSeq
                let ch = s |> Seq.collect r.Children |> Set.ofSeq
                let sp = s |> Seq.collect (fun v -> [ for (a, b) in r.Bidirected do if a = v then b elif b = v then a ]) |> Set.ofSeq
                Expect.equal (sorted (g.Parents s)) pa (sprintf "pa(%s)" (fmt s))
                Expect.equal (sorted (g.Children s)) ch (sprintf "ch(%s)" (fmt s))
                Expect.equal (sorted (g.Spouses s)) sp (sprintf "sp(%s)" (fmt s))
                Expect.equal (sorted (g.Ancestors s)) (ancestors r s) (sprintf "An(%s)" (fmt s))
                Expect.equal (sorted (g.Descendants s)) (descendants r s) (sprintf "De(%s)" (fmt s))
        forGraphs "§0: TopologicalOrder is Kahn's order with ties broken by declaration order" 14000 200 admgs <| fun _ r g ->
            let order = List.ofSeq g.TopologicalOrder
            let index = order |> List.mapi (fun i v -> v, i) |> dict
            for (a, b) in r.Directed do
                if index[a] >= index[b] then failtestf "%s -> %s but %s comes first in %A" a b b order
            Expect.equal order (topologicalOrder r) "Kahn's order, ties by declaration order"
        forGraphs "§3: Districts agree with the reference (↔ components)" 15000 200 admgs <| fun _ r g ->
            let actual = g.Districts() |> Seq.map Set.ofSeq |> Set.ofSeq
            Expect.equal actual (districts r) "districts"
            for v in r.Nodes do
                Expect.equal (sorted (g.District v)) (districts r |> Seq.find (fun d -> d.Contains v)) (sprintf "District(%s)" v)
        forGraphs "§0: InducedSubgraph, RemoveIncomingEdges and RemoveOutgoingEdges agree with the reference" 16000 200 latentAdmgs <| fun rng r g ->
            let s = pick rng 3 r.Nodes
            let keep = randomSubset rng 0.6 r.Nodes
            let induced =
                RGraph(
                    r.Nodes |> List.filter keep.Contains,
                    r.Directed |> List.filter (fun (a, b) -> keep.Contains a && keep.Contains b),
                    r.Bidirected |> List.filter (fun (a, b) -> keep.Contains a && keep.Contains b),
                    Set.intersect r.Latent keep)
            Expect.equal (normalEdges (ofAdmg (g.InducedSubgraph keep))) (normalEdges induced) (sprintf "G[%s]" (fmt keep))
            Expect.equal (sorted (g.InducedSubgraph keep).Latent) (Set.intersect r.Latent keep) "latent flags kept"
            Expect.equal (normalEdges (ofAdmg (g.RemoveIncomingEdges s))) (normalEdges (removeIncoming r s)) (sprintf "G_{%s̄}" (fmt s))
            Expect.equal (normalEdges (ofAdmg (g.RemoveOutgoingEdges s))) (normalEdges (removeOutgoing r s)) (sprintf "G_{%s̲}" (fmt s))
        forGraphs "§0: Equals is structural: a rebuilt, re-ordered copy is equal" 17000 200 latentAdmgs <| fun rng r g ->
            let copy = RGraph(shuffle rng r.Nodes, shuffle rng r.Directed, shuffle rng (r.Bidirected |> List.map (fun (a, b) -> b, a)), r.Latent)
            Expect.isTrue (g.Equals(toAdmg copy)) "shuffled copy"
            Expect.equal (g.GetHashCode()) ((toAdmg copy).GetHashCode()) "hash codes agree"
    ]

let largeGraphs =
    testList "large graphs" [
        forGraphs "§0: relations, districts, topological order, subgraphs and text round trip on 65–150-node graphs" 17500 60 large <| fun rng r g ->
            for _ in 1..3 do
                let s = pick rng 4 r.Nodes
                Expect.equal (sorted (g.Parents s)) (s |> Seq.collect r.Parents |> Set.ofSeq) (sprintf "pa(%s)" (fmt s))
                Expect.equal (sorted (g.Children s)) (s |> Seq.collect r.Children |> Set.ofSeq) (sprintf "ch(%s)" (fmt s))
                Expect.equal (sorted (g.Ancestors s)) (ancestors r s) (sprintf "An(%s)" (fmt s))
                Expect.equal (sorted (g.Descendants s)) (descendants r s) (sprintf "De(%s)" (fmt s))
                Expect.equal (normalEdges (ofAdmg (g.RemoveIncomingEdges s))) (normalEdges (removeIncoming r s)) "G_{X̄}"
                Expect.equal (normalEdges (ofAdmg (g.RemoveOutgoingEdges s))) (normalEdges (removeOutgoing r s)) "G_{X̲}"
            Expect.equal (g.Districts() |> Seq.map Set.ofSeq |> Set.ofSeq) (districts r) "districts"
            Expect.equal (List.ofSeq g.TopologicalOrder) (topologicalOrder r) "topological order"
            let keep = randomSubset rng 0.5 r.Nodes
            let induced =
                RGraph(r.Nodes |> List.filter keep.Contains,
                       r.Directed |> List.filter (fun (a, b) -> keep.Contains a && keep.Contains b),
                       r.Bidirected |> List.filter (fun (a, b) -> keep.Contains a && keep.Contains b),
                       Set.intersect r.Latent keep)
            Expect.equal (normalEdges (ofAdmg (g.InducedSubgraph keep))) (normalEdges induced) "induced subgraph"
            Expect.isTrue ((Admg.Parse(g.ToString())).Equals g) "compact round trip"
            Expect.isTrue ((Admg.Parse(g.ToDagitty())).Equals g) "dagitty round trip"
            Expect.equal (sorted g.Latent) r.Latent "latent flags"
    ]

[<Tests>]
let tests = testList "Graphs.Admg" [ fixtures; builderErrors; properties; largeGraphs ]
