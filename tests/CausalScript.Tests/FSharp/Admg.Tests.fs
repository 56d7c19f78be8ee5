/// The F# layer: literals, edge operators, Option/Result/list at the edge, curried subject-last pipelines.
module CausalScript.Tests.FSharp.AdmgModule

open Expecto
open CausalScript
open CausalScript.Graphs
open CausalScript.FSharp

[<Tests>]
let tests =
    testList "FSharp.Admg" [
        testCase "dag literal and Admg.ofEdges with --> and <-> build equal graphs" <| fun () ->
            let a = dag "s -> t -> c; s <-> c"
            let b = Admg.ofEdges [ "s" --> "t"; "t" --> "c"; "s" <-> "c" ]
            Expect.equal a b "structural equality"
            Expect.equal (Admg.nodes b) [ "s"; "t"; "c" ] "declaration order"
            Expect.equal (Admg.edges b |> List.map string) [ "s -> t"; "t -> c"; "s <-> c" ] "edges"

        testCase "tryParse returns Error with line and column instead of throwing" <| fun () ->
            match Admg.tryParse "a -> b\nb -- c" with
            | Ok g -> failtestf "expected an error, got %O" g
            | Error message -> Expect.stringContains message "Line 2, column 3" "position"
            match Admg.tryParse "a -> b -> a" with
            | Ok g -> failtestf "expected a cycle error, got %O" g
            | Error message -> Expect.stringContains message "a -> b -> a" "cycle named in order"
            Expect.isOk (Admg.tryParse "a -> b") "valid text"

        testCase "family functions return F# sets; pipelines read subject-last" <| fun () ->
            let g = dag "a -> b -> d; c -> d; d <-> e"
            Expect.equal (g |> Admg.parents [ "d" ]) (set [ "b"; "c" ]) "parents"
            Expect.equal (g |> Admg.children [ "a" ]) (set [ "b" ]) "children"
            Expect.equal (g |> Admg.spouses [ "d" ]) (set [ "e" ]) "spouses"
            Expect.equal (g |> Admg.ancestors [ "d" ]) (set [ "a"; "b"; "c"; "d" ]) "ancestors include the node"
            Expect.equal (g |> Admg.descendants [ "b" ]) (set [ "b"; "d" ]) "descendants include the node"
            Expect.equal (g |> Admg.districts) [ set [ "a" ]; set [ "b" ]; set [ "d"; "e" ]; set [ "c" ] ] "districts in declaration order"
            Expect.equal (g |> Admg.topologicalOrder) [ "a"; "b"; "c"; "d"; "e" ] "topological order"
            Expect.equal (g |> Admg.removeIncoming [ "d" ] |> Admg.parents [ "d" ]) Set.empty "G with incoming edges of d removed"
            Expect.equal (g |> Admg.removeOutgoing [ "b" ] |> Admg.children [ "b" ]) Set.empty "G with outgoing edges of b removed"
            Expect.equal (g |> Admg.subgraph [ "a"; "b" ] |> Admg.nodes) [ "a"; "b" ] "induced subgraph"

        testCase "None (no set exists) is distinct from Some of the empty set (no adjustment needed)" <| fun () ->
            let confounded = dag "x -> y; x <-> y"
            Expect.isNone (confounded |> Admg.canonicalAdjustmentSet [ "x" ] [ "y" ]) "no set"
            Expect.equal (confounded |> Admg.adjustmentSets [ "x" ] [ "y" ]) [] "empty list"
            let unconfounded = dag "x -> y; z -> y"
            Expect.equal (unconfounded |> Admg.minimalAdjustmentSet [ "x" ] [ "y" ]) (Some Set.empty) "empty set"
            Expect.equal (unconfounded |> Admg.adjustmentSets [ "x" ] [ "y" ]) [ Set.empty ] "the empty set, once"
            Expect.equal (dag "a -> c <- b" |> Admg.minimalSeparator [ "a" ] [ "b" ]) (Some Set.empty) "∅ separates"
            Expect.isNone (dag "a -> b" |> Admg.minimalSeparator [ "a" ] [ "b" ]) "adjacent: none"

        testCase "checkAdjustment returns Result with the open path" <| fun () ->
            let g = dag "x <- a -> m <- b -> y; x -> y"
            Expect.equal (g |> Admg.checkAdjustment [ "x" ] [ "y" ] []) (Ok()) "∅ is valid under M-bias"
            match g |> Admg.checkAdjustment [ "x" ] [ "y" ] [ "m" ] with
            | Ok() -> failtest "{m} opens the M path"
            | Error reason -> Expect.stringContains reason "x <- a -> m <- b -> y" "path named"

        testCase "withLatent marks nodes latent; criteria then use the projection" <| fun () ->
            let g = dag "x <- u -> y; x -> y" |> Admg.withLatent [ "u" ]
            Expect.equal (g |> Admg.projectLatents |> string) "x -> y; x <-> y" "projection"
            Expect.equal (g |> Admg.adjustmentSets [ "x" ] [ "y" ]) [] "latent confounder: no set"
            Expect.throwsT<GraphException> (fun () -> g |> Admg.isSeparated [ "u" ] [ "y" ] [] |> ignore) "latent in a query"

        testCase "front-door, optimal set, instruments, separation and independencies through the F# layer" <| fun () ->
            let fd = dag "x -> m -> y; x <-> y"
            Expect.equal (fd |> Admg.frontDoorSet [ "x" ] [ "y" ]) (Some(set [ "m" ])) "maximal front-door set"
            Expect.equal (fd |> Admg.minimalFrontDoorSet [ "x" ] [ "y" ]) (Some(set [ "m" ])) "minimal front-door set"
            Expect.equal (fd |> Admg.frontDoorSets [ "x" ] [ "y" ]) [ set [ "m" ] ] "all front-door sets"
            Expect.isTrue (fd |> Admg.isFrontDoorSet [ "x" ] [ "y" ] [ "m" ]) "check"
            Expect.equal (dag "x -> y; x <- a -> b -> y" |> Admg.optimalAdjustmentSet [ "x" ] [ "y" ]) (Some(set [ "b" ])) "O-set"
            Expect.isNone (dag "x <- c -> y" |> Admg.optimalAdjustmentSet [ "x" ] [ "y" ]) "not applicable"
            Expect.equal (dag "i -> x -> y; x <-> y" |> Admg.instruments "x" "y") [ "i", Set.empty ] "instrument"
            let chain = dag "a -> b -> c"
            Expect.isTrue (chain |> Admg.isSeparated [ "a" ] [ "c" ] [ "b" ]) "chain blocked"
            Expect.equal (chain |> Admg.connected [ "a" ] []) (set [ "b"; "c" ]) "connected nodes"
            Expect.equal (chain |> Admg.minimalSeparators [ "a" ] [ "c" ]) [ set [ "b" ] ] "minimal separators"
            Expect.equal (chain |> Admg.impliedIndependencies |> List.map string) [ "a ⊥ c | b" ] "missing-edge list"
            Expect.equal (chain |> Admg.independenceBasis |> List.map string) [ "c ⊥ a | b" ] "basis"
            Expect.stringContains (chain |> Admg.toMermaid) "n0 --> n1" "Mermaid"
            Expect.stringContains (chain |> Admg.toDot) "\"a\" -> \"b\";" "DOT"
            Expect.equal (chain |> Admg.toDagitty |> Admg.parse) chain "dagitty round trip"
    ]
