/// Textbook graphs with their published answers (Pearl 1995, 2009; Shpitser & Pearl 2006; Greenland 2003).
module CausalScript.Tests.Graphs.TextbookGraphs

open Expecto
open CausalScript.Graphs
open CausalScript.FSharp

let private sets (xs: string list list) = xs |> List.map Set.ofList |> Set.ofList

[<Tests>]
let tests =
    testList "Graphs.TextbookGraphs" [
        testCase "Pearl (2009) Causality Fig. 3.4: {x3,x4} and {x4,x5} are back-door sets, {x4} alone is not" <| fun () ->
            let g =
                dag "x1 -> x3 -> xi; x1 -> x4 <- x2; x4 -> xi; x4 -> xj; x2 -> x5 -> xj; xi -> x6 -> xj"
            Expect.isTrue (g |> Admg.isBackdoorSet [ "xi" ] [ "xj" ] [ "x3"; "x4" ]) "{x3, x4}"
            Expect.isTrue (g |> Admg.isBackdoorSet [ "xi" ] [ "xj" ] [ "x4"; "x5" ]) "{x4, x5}"
            Expect.isFalse (g |> Admg.isBackdoorSet [ "xi" ] [ "xj" ] [ "x4" ]) "{x4} opens x1 -> x4 <- x2"
            Expect.isFalse (g |> Admg.isBackdoorSet [ "xi" ] [ "xj" ] [ "x4"; "x5"; "x6" ]) "x6 descends from xi"
            Expect.equal (g |> Admg.adjustmentSets [ "xi" ] [ "xj" ] |> Set.ofList)
                (sets [ [ "x3"; "x4" ]; [ "x4"; "x5" ]; [ "x1"; "x4" ]; [ "x2"; "x4" ] ]) "all minimal sets"

        testCase "M-bias (Greenland 2003): the empty set is sufficient; adjusting for the collider m is not" <| fun () ->
            let g = dag "x <- a -> m <- b -> y; x -> y"
            Expect.equal (g |> Admg.adjustmentSets [ "x" ] [ "y" ]) [ Set.empty ] "only the empty set is minimal"
            let check = g.CheckAdjustment([ "x" ], [ "y" ], [ "m" ])
            Expect.isFalse check.IsValid "{m}"
            Expect.equal check.OpenPath (Some "x <- a -> m <- b -> y" |> Option.toObj) "the opened path is named"

        testCase "Front-door (Pearl 1995): smoking -> tar -> cancer with a latent genotype" <| fun () ->
            let g = dag "dag { s -> t -> c; u -> s; u -> c; u [latent] }"
            Expect.equal (g |> Admg.adjustmentSets [ "s" ] [ "c" ]) [] "no adjustment set"
            Expect.equal (g |> Admg.frontDoorSet [ "s" ] [ "c" ]) (Some(set [ "t" ])) "tar is the front-door set"
            Expect.isTrue (g |> Admg.isFrontDoorSet [ "s" ] [ "c" ] [ "t" ]) "criterion holds"
            Expect.equal (g |> Admg.projectLatents |> string) "s -> t; t -> c; s <-> c" "projection"

        testCase "Napkin (Shpitser & Pearl 2006): no adjustment set, no front-door set, no conditional independence; w2 | w1 instruments x" <| fun () ->
            let g = dag "w1 -> w2 -> x -> y; w1 <-> x; w1 <-> y"
            Expect.equal (g |> Admg.adjustmentSets [ "x" ] [ "y" ]) [] "no adjustment set"
            Expect.isNone (g |> Admg.frontDoorSet [ "x" ] [ "y" ]) "direct edge: no front door"
            Expect.equal (g |> Admg.impliedIndependencies) [] "w2 and y are inseparable (a Verma constraint, not a CI)"
            Expect.equal (g |> Admg.instruments "x" "y") [ "w2", set [ "w1" ] ] "conditional instrument"

        testCase "Instrument: z -> x -> y with x <-> y" <| fun () ->
            let g = dag "z -> x -> y; x <-> y"
            Expect.equal (g |> Admg.instruments "x" "y") [ "z", Set.empty ] "z is an unconditional instrument"
            Expect.isFalse (g |> Admg.isSeparated [ "z" ] [ "y" ] [ "x" ]) "conditioning on x opens z -> x <-> y"
            Expect.isFalse (g |> Admg.isSeparated [ "z" ] [ "y" ] []) "z affects y through x"
            Expect.isTrue (g |> Admg.removeOutgoing [ "x" ] |> Admg.isSeparated [ "z" ] [ "y" ] []) "exclusion: z ⊥ y once x's effect is cut"
    ]
