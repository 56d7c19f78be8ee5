/// Argument errors of the graph criteria (Criteria/Arguments.cs, Errors/): unknown names with "did you mean",
/// latent nodes in queries, overlapping sets (graph-algorithms.md §0, preconditions).
module CausalScript.Tests.Graphs.Criteria.ArgumentsTests

open Expecto
open CausalScript
open CausalScript.Graphs
open CausalScript.Tests.Graphs

let private smoking () = Admg.Parse "dag { smoking -> tar -> cancer; smoking <- genotype -> cancer; genotype [latent] }"

let tests' =
    testList "errors" [
        testCase "unknown node: UnknownNodeException with a suggestion (smokng → smoking)" <| fun () ->
            let g = smoking ()
            let e = ExpectSets.throws<UnknownNodeException> (fun () -> g.IsMSeparated([ "smokng" ], [ "cancer" ], [ "tar" ]) |> ignore) "unknown"
            Expect.equal e.Name "smokng" "Name"
            Expect.equal e.Suggestion "smoking" "Suggestion"
            ExpectSets.contains e.Message "smoking" "message suggests the name"
        testCase "unknown node in Set, Parents and a conditioning set" <| fun () ->
            let g = smoking ()
            let e1 = ExpectSets.throws<UnknownNodeException> (fun () -> g.Set([ "Tar" ]) |> ignore) "Set"
            Expect.equal e1.Suggestion "tar" "case-insensitive suggestion"
            ExpectSets.throws<UnknownNodeException> (fun () -> g.Parents([ "cancr" ]) |> ignore) "Parents" |> ignore
            ExpectSets.throws<UnknownNodeException> (fun () -> g.IsMSeparated([ "smoking" ], [ "cancer" ], [ "tarr" ]) |> ignore) "Z" |> ignore
        testCase "unknown node far from every name: no suggestion" <| fun () ->
            let e = ExpectSets.throws<UnknownNodeException> (fun () -> (smoking ()).Set([ "zzzzzzzz" ]) |> ignore) "unknown"
            Expect.isNull e.Suggestion "no suggestion"
        testCase "a latent node in a query: GraphException mentioning latent" <| fun () ->
            let g = smoking ()
            let e = ExpectSets.throws<GraphException> (fun () -> g.IsMSeparated([ "smoking" ], [ "cancer" ], [ "genotype" ]) |> ignore) "latent Z"
            ExpectSets.contains e.Message "latent" "message"
            ExpectSets.contains e.Message "genotype" "message names the node"
            let e2 = ExpectSets.throws<GraphException> (fun () -> g.FindSeparator([ "genotype" ], [ "cancer" ]) |> ignore) "latent X"
            ExpectSets.contains e2.Message "latent" "message"
            let e3 = ExpectSets.throws<GraphException> (fun () -> g.ListMinimalSeparators([ "smoking" ], [ "cancer" ], mustContain = [ "genotype" ]) |> ignore) "latent I"
            ExpectSets.contains e3.Message "latent" "message"
        testCase "overlapping X and Z: GraphException naming the node" <| fun () ->
            let g = Admg.Parse "x -> z -> y"
            let e = ExpectSets.throws<GraphException> (fun () -> g.IsMSeparated([ "x" ], [ "y" ], [ "z"; "x" ]) |> ignore) "X ∩ Z"
            ExpectSets.contains e.Message "'x'" "message names x"
            Expect.equal (List.ofSeq e.Nodes) [ "x" ] "Nodes"
        testCase "overlapping Y and Z: GraphException naming the node" <| fun () ->
            let e = ExpectSets.throws<GraphException> (fun () -> (Admg.Parse "x -> z -> y").IsMSeparated([ "x" ], [ "y" ], [ "y" ]) |> ignore) "Y ∩ Z"
            ExpectSets.contains e.Message "'y'" "message names y"
        testCase "separators: overlapping X and Y, I ⊄ R, R ∩ X ≠ ∅ are GraphExceptions naming the node" <| fun () ->
            let g = Admg.Parse "x <- a -> m -> y; x <- b -> m"
            let e1 = ExpectSets.throws<GraphException> (fun () -> g.FindSeparator([ "x"; "m" ], [ "m"; "y" ]) |> ignore) "X ∩ Y"
            ExpectSets.contains e1.Message "'m'" "X ∩ Y message"
            let e2 = ExpectSets.throws<GraphException> (fun () -> g.FindMinimalSeparator([ "x" ], [ "y" ], mustContain = [ "a" ], allowed = [ "b"; "m" ]) |> ignore) "I ⊄ R"
            ExpectSets.contains e2.Message "'a'" "I ⊄ R message"
            let e3 = ExpectSets.throws<GraphException> (fun () -> g.ListSeparators([ "x" ], [ "y" ], allowed = [ "x"; "a" ]) |> Seq.iter ignore) "R ∩ X"
            ExpectSets.contains e3.Message "'x'" "R ∩ X message"
        testCase "empty X or Y is a GraphException" <| fun () ->
            let g = Admg.Parse "x -> y"
            ExpectSets.throws<GraphException> (fun () -> g.IsMSeparated([], [ "y" ], []) |> ignore) "empty X" |> ignore
            ExpectSets.throws<GraphException> (fun () -> g.FindSeparator([ "x" ], []) |> ignore) "empty Y" |> ignore
        testCase "negative maxResults is rejected" <| fun () ->
            let g = Admg.Parse "x -> y"
            Expect.throwsT<System.ArgumentOutOfRangeException> (fun () -> g.ListSeparators([ "x" ], [ "y" ], maxResults = -1) |> Seq.iter ignore) "maxResults = -1"
    ]

[<Tests>]
let tests = testList "Graphs.Criteria.Arguments" [ tests' ]
