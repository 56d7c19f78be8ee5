module CausalScript.Tests.Graphs.Criteria.OpenPathsTests

open Expecto
open CausalScript.Graphs

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
    ]
