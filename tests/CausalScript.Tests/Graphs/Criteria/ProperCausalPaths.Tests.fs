/// Proper causal paths, the forbidden set and the proper back-door graph (graph-algorithms.md §3): the worked
/// examples 3b–3c and agreement with path enumeration.
module CausalScript.Tests.Graphs.Criteria.ProperCausalPathsTests

open Expecto
open CausalScript.Graphs
open CausalScript.Tests.Graphs
open CausalScript.Tests.Graphs.Reference
open CausalScript.Tests.Graphs.Generators

let private g3b = "dag{ x -> m -> y; m -> d; x -> s; c -> x; c -> y }"
let private g3c = "dag{ x1 -> m -> x2 -> y; m -> y }"

/// The proper back-door graph must be G minus exactly the listed directed edges (↔ edges all kept).
let private deletes (text: string) xs ys (removed: (string * string) list) =
    let g = Admg.Parse text
    let pbd = g.ProperBackdoorGraph(xs, ys)
    let edges (h: Admg) = h.DirectedEdges |> Seq.map (fun e -> e.From, e.To) |> Set.ofSeq
    let deleted = edges g - edges pbd
    Expect.equal deleted (Set.ofList removed) "deleted edges"
    Expect.isTrue (Set.isSubset (edges pbd) (edges g)) "no edge added"
    Expect.equal pbd.BidirectedEdges.Count g.BidirectedEdges.Count "all <-> edges stay"
    Expect.sequenceEqual pbd.Nodes g.Nodes "same nodes"

let fixtures =
    testList "fixtures" [
        testCase "§3 3b: pcp(x,y) = {m,y}" <| fun () ->
            ExpectSets.set ((Admg.Parse g3b).ProperCausalNodes([ "x" ], [ "y" ])) [ "m"; "y" ] "pcp"
        testCase "§3 3b: Dpcp ∪ X = {x,m,y,d}" <| fun () ->
            ExpectSets.set ((Admg.Parse g3b).AdjustmentForbidden([ "x" ], [ "y" ])) [ "x"; "m"; "y"; "d" ] "Dpcp ∪ X"
        testCase "§3 3b: the proper back-door graph deletes x→m only" <| fun () -> deletes g3b [ "x" ] [ "y" ] [ "x", "m" ]
        testCase "§3 3c: pcp({x1,x2},y) = {m,y}" <| fun () ->
            ExpectSets.set ((Admg.Parse g3c).ProperCausalNodes([ "x1"; "x2" ], [ "y" ])) [ "m"; "y" ] "pcp"
        testCase "§3 3c: Dpcp ∪ X = {x1,x2,m,y}" <| fun () ->
            ExpectSets.set ((Admg.Parse g3c).AdjustmentForbidden([ "x1"; "x2" ], [ "y" ])) [ "x1"; "x2"; "m"; "y" ] "Dpcp ∪ X"
        testCase "§3 3c: the proper back-door graph deletes x1→m and x2→y" <| fun () ->
            deletes g3c [ "x1"; "x2" ] [ "y" ] [ "x1", "m"; "x2", "y" ]
        testCase "§3: pcp is empty when Y is not a descendant of X" <| fun () ->
            ExpectSets.set ((Admg.Parse "dag{ x <- c -> y }").ProperCausalNodes([ "x" ], [ "y" ])) [] "pcp"
        testCase "§3: the proper back-door graph keeps <-> edges (x -> y; x <-> y)" <| fun () ->
            deletes "dag{ x -> y; x <-> y }" [ "x" ] [ "y" ] [ "x", "y" ]
    ]

/// Random X, Y; Y is drawn among the descendants of X two times out of three, so causal paths are common.
let randomCausalXY (rng: System.Random) (r: RGraph) maxX maxY =
    let xs, ys = randomXY rng r maxX maxY
    let de = Set.intersect (descendants r xs) (Set.ofList r.Observed) - xs
    if rng.Next 3 > 0 && not de.IsEmpty then xs, pick rng maxY de else xs, ys

let properties =
    testList "properties" [
        forGraphs "§3: pcp, Dpcp ∪ X and G^pbd agree with path enumeration (on the projection)" 19000 300 latentAdmgs <| fun rng r g ->
            let p = project r
            for _ in 1..3 do
                let xs, ys = randomCausalXY rng r 2 2
                let pcp = properCausalNodes p xs ys
                let q = sprintf "X=%s Y=%s" (fmt xs) (fmt ys)
                Expect.equal (Set.ofSeq (g.ProperCausalNodes(xs, ys))) pcp ("pcp " + q)
                Expect.equal (Set.ofSeq (g.AdjustmentForbidden(xs, ys))) (descendants p pcp + xs) ("Dpcp ∪ X " + q)
                let expected = Set.ofList p.Directed - Set.ofList [ for x in xs do for w in pcp -> x, w ]
                let actual = (g.ProperBackdoorGraph(xs, ys)).DirectedEdges |> Seq.map (fun e -> e.From, e.To) |> Set.ofSeq
                Expect.equal actual expected ("G^pbd directed edges " + q)
    ]

[<Tests>]
let tests = testList "Graphs.Criteria.ProperCausalPaths" [ fixtures; properties ]
