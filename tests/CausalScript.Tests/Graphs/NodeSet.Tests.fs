/// Node sets (NodeSet.cs): set algebra and IReadOnlySet members against F# sets, within one graph family and across
/// separately built graphs (name-aligned), on small and 65–150-node graphs.
module CausalScript.Tests.Graphs.NodeSetTests

open Expecto
open CausalScript
open CausalScript.Graphs
open CausalScript.Tests.Graphs
open CausalScript.Tests.Graphs.Reference
open CausalScript.Tests.Graphs.Generators

let private check (rng: System.Random) (r: RGraph) (g: Admg) =
    let a, b = randomSubset rng 0.4 r.Nodes, randomSubset rng 0.4 r.Nodes
    let sa, sb = g.Set a, g.Set b
    let name = sprintf "A=%s B=%s" (fmt a) (fmt b)
    Expect.equal (Set.ofSeq (sa.Union sb)) (a + b) ("Union " + name)
    Expect.equal (Set.ofSeq (sa.Intersect sb)) (Set.intersect a b) ("Intersect " + name)
    Expect.equal (Set.ofSeq (sa.Except sb)) (a - b) ("Except " + name)
    Expect.equal (sa.Overlaps sb) (not (Set.intersect a b).IsEmpty) ("Overlaps " + name)
    Expect.equal sa.Count a.Count ("Count " + name)
    Expect.equal sa.IsEmpty a.IsEmpty ("IsEmpty " + name)
    Expect.equal (sa.IsSubsetOf b) (Set.isSubset a b) ("IsSubsetOf " + name)
    Expect.equal (sa.IsProperSubsetOf b) (Set.isProperSubset a b) ("IsProperSubsetOf " + name)
    Expect.equal (sa.IsSupersetOf b) (Set.isSuperset a b) ("IsSupersetOf " + name)
    Expect.equal (sa.IsProperSupersetOf b) (Set.isProperSuperset a b) ("IsProperSupersetOf " + name)
    Expect.equal (sa.SetEquals b) (a = b) ("SetEquals " + name)
    Expect.equal (sa.Equals sb) (a = b) ("Equals " + name)
    if a = b then Expect.equal (sa.GetHashCode()) (sb.GetHashCode()) ("hash " + name)
    for v in r.Nodes do Expect.equal (sa.Contains v) (a.Contains v) (sprintf "Contains %s, %s" v name)
    Expect.isFalse (sa.Contains "no such node") "Contains an unknown name"
    // Enumeration follows declaration order.
    Expect.equal (List.ofSeq sa) (r.Nodes |> List.filter a.Contains) ("order " + name)
    // Sets of another graph with the same names combine by name.
    let other = toAdmg (RGraph(shuffle rng r.Nodes, [], [], Set.empty))
    let ob = other.Set b
    Expect.equal (Set.ofSeq (sa.Union ob)) (a + b) ("Union across graphs " + name)
    Expect.equal (Set.ofSeq (sa.Except ob)) (a - b) ("Except across graphs " + name)
    Expect.equal (sa.Equals(other.Set a)) true ("Equals across graphs " + name)
    // A set of the projection (same family) passes through Set and the criteria.
    let p = g.ProjectLatents()
    let po = Set.intersect a (Set.ofList r.Observed)
    Expect.equal (Set.ofSeq (g.Set(p.Set po))) po "a projection set passes through Set"

let tests' =
    testList "properties" [
        forGraphs "NodeSet algebra agrees with F# sets" 44000 200 latentAdmgs <| fun rng r g -> check rng r g
        forGraphs "NodeSet algebra agrees with F# sets on 65–150-node graphs" 44500 50 large <| fun rng r g -> check rng r g
        testCase "a set with a name missing from the other graph's universe throws UnknownNodeException" <| fun () ->
            let g1 = Admg.Parse "a -> b"
            let g2 = Admg.Parse "a -> c"
            ExpectSets.throws<UnknownNodeException> (fun () -> g1.Set([ "a" ]).Union(g2.Set([ "c" ])) |> ignore) "Union" |> ignore
    ]

[<Tests>]
let tests = testList "Graphs.NodeSet" [ tests' ]
