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

let criteria =
    testList "criteria errors" [
        testCase "adjustment, back-door, front-door: a latent node in Z is a GraphException mentioning latent" <| fun () ->
            let g = smoking ()
            for name, f in
                [ "CheckAdjustment", (fun () -> g.CheckAdjustment([ "smoking" ], [ "cancer" ], [ "genotype" ]) |> ignore)
                  "CheckBackdoor", (fun () -> g.CheckBackdoor([ "smoking" ], [ "cancer" ], [ "genotype" ]) |> ignore)
                  "CheckFrontDoor", (fun () -> g.CheckFrontDoor([ "smoking" ], [ "cancer" ], [ "genotype" ]) |> ignore)
                  "ListAdjustmentSets I", (fun () -> g.ListAdjustmentSets([ "smoking" ], [ "cancer" ], mustContain = [ "genotype" ]) |> Seq.iter ignore)
                  "FindFrontDoorSet R", (fun () -> g.FindFrontDoorSet([ "smoking" ], [ "cancer" ], allowed = [ "genotype"; "tar" ]) |> ignore)
                  "ConditionalInstruments x", (fun () -> g.ConditionalInstruments("genotype", "cancer") |> Seq.iter ignore)
                  "IsConditionalInstrument W", (fun () -> g.IsConditionalInstrument("smoking", "cancer", "tar", [ "genotype" ]) |> ignore)
                  "OptimalAdjustmentSet", (fun () -> g.OptimalAdjustmentSet([ "genotype" ], [ "cancer" ]) |> ignore)
                  "ProperCausalNodes", (fun () -> g.ProperCausalNodes([ "genotype" ], [ "cancer" ]) |> ignore) ] do
                let e = ExpectSets.throws<GraphException> f name
                ExpectSets.contains e.Message "latent" name
                ExpectSets.contains e.Message "genotype" name
        testCase "adjustment: Z overlapping X or Y is a GraphException naming the node" <| fun () ->
            let g = Admg.Parse "x <- c -> y; x -> y"
            let e1 = ExpectSets.throws<GraphException> (fun () -> g.CheckAdjustment([ "x" ], [ "y" ], [ "c"; "x" ]) |> ignore) "X ∩ Z"
            Expect.equal (List.ofSeq e1.Nodes) [ "x" ] "X ∩ Z node"
            let e2 = ExpectSets.throws<GraphException> (fun () -> g.IsBackdoorSet([ "x" ], [ "y" ], [ "y" ]) |> ignore) "Y ∩ Z"
            Expect.equal (List.ofSeq e2.Nodes) [ "y" ] "Y ∩ Z node"
            let e3 = ExpectSets.throws<GraphException> (fun () -> g.IsFrontDoorSet([ "x" ], [ "y" ], [ "x" ]) |> ignore) "front-door X ∩ Z"
            ExpectSets.contains e3.Message "'x'" "front-door message"
            let e4 = ExpectSets.throws<GraphException> (fun () -> g.CanonicalAdjustmentSet([ "x"; "c" ], [ "c"; "y" ]) |> ignore) "X ∩ Y"
            ExpectSets.contains e4.Message "'c'" "X ∩ Y message"
        testCase "adjustment and front-door listings: I ⊄ R is a GraphException naming the node" <| fun () ->
            let g = Admg.Parse "x <- a -> b -> y; x -> y"
            let e1 = ExpectSets.throws<GraphException> (fun () -> g.ListMinimalAdjustmentSets([ "x" ], [ "y" ], mustContain = [ "a" ], allowed = [ "b" ]) |> Seq.iter ignore) "adjustment"
            ExpectSets.contains e1.Message "'a'" "adjustment message"
            let e2 = ExpectSets.throws<GraphException> (fun () -> g.FindMinimalFrontDoorSet([ "x" ], [ "y" ], mustContain = [ "a" ], allowed = [ "b" ]) |> ignore) "front-door"
            ExpectSets.contains e2.Message "'a'" "front-door message"
        testCase "instruments: x = y, an unknown node, and z in W are GraphExceptions" <| fun () ->
            let g = Admg.Parse "i -> x -> y; x <-> y"
            ExpectSets.throws<GraphException> (fun () -> g.ConditionalInstruments("x", "x") |> Seq.iter ignore) "x = y" |> ignore
            let e = ExpectSets.throws<UnknownNodeException> (fun () -> g.IsConditionalInstrument("x", "y", "ii") |> ignore) "unknown z"
            Expect.equal e.Suggestion "i" "suggestion"
            ExpectSets.throws<GraphException> (fun () -> g.IsConditionalInstrument("x", "y", "i", [ "i" ]) |> ignore) "z ∈ W" |> ignore
        testCase "unknown nodes in the new criteria suggest the closest name" <| fun () ->
            let g = smoking ()
            let e1 = ExpectSets.throws<UnknownNodeException> (fun () -> g.CheckAdjustment([ "smoking" ], [ "cancre" ], []) |> ignore) "CheckAdjustment"
            Expect.equal e1.Suggestion "cancer" "suggestion"
            let e2 = ExpectSets.throws<UnknownNodeException> (fun () -> g.FindFrontDoorSet([ "smokin" ], [ "cancer" ]) |> ignore) "FindFrontDoorSet"
            Expect.equal e2.Suggestion "smoking" "suggestion"
        testCase "reasons name nodes whose names contain braces and quotes (no string.Format)" <| fun () ->
            let g = Admg.CreateBuilder().Edge("{c}", "x{0}").Edge("{c}", "y}").Edge("x{0}", "y}").Edge("x{0}", "m\"").Edge("m\"", "y}").Build()
            let check = g.CheckAdjustment([ "x{0}" ], [ "y}" ], [])
            Expect.isFalse check.IsValid "{} is invalid"
            ExpectSets.contains check.Reason "{c}" "the open path names {c}"
            let check2 = g.CheckAdjustment([ "x{0}" ], [ "y}" ], [ "m\"" ])
            Expect.isFalse check2.IsValid "the mediator is forbidden"
            ExpectSets.contains check2.Reason "m\"" "names the mediator"
            Expect.isNotEmpty (g.CheckBackdoor([ "x{0}" ], [ "y}" ], [ "m\"" ])).Reason "back-door reason"
            Expect.isNotEmpty (g.CheckFrontDoor([ "x{0}" ], [ "y}" ], [ "m\"" ])).Reason "front-door reason"
            Expect.isNotEmpty (g.CheckConditionalInstrument("x{0}", "y}", "{c}")).Reason "instrument reason"
    ]

[<Tests>]
let tests = testList "Graphs.Criteria.Arguments" [ tests'; criteria ]
