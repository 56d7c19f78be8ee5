/// Printing (Text/AdmgPrinter.cs): compact text, dagitty, DOT and Mermaid, and the round trip Parse(Print(g)) = g.
module CausalScript.Tests.Graphs.Text.AdmgPrinterTests

open System
open Expecto
open CausalScript.Graphs
open CausalScript.Tests.Graphs
open CausalScript.Tests.Graphs.Generators

let private g0 () = Admg.Parse "dag { x [exposure]; y [outcome]; u [latent]; x -> y; x <-> y; u -> x }"

let outputs =
    testList "outputs" [
        testCase "ToString is the compact form" <| fun () ->
            Expect.equal ((Admg.Parse "dag { x -> y; x <-> y }").ToString()) "x -> y; x <-> y" "compact"
        testCase "ToString lists isolated nodes and flags" <| fun () ->
            Expect.equal ((Admg.Parse "dag { a -> b; c; u [latent] }").ToString()) "a -> b; c; u [latent]" "compact"
        testCase "ToDagitty is a dag { } block" <| fun () ->
            let text = (g0 ()).ToDagitty()
            Expect.stringStarts text "dag {" "header"
            ExpectSets.contains text "x [exposure]" "exposure flag"
            ExpectSets.contains text "y [outcome]" "outcome flag"
            ExpectSets.contains text "u [latent]" "latent flag"
            ExpectSets.contains text "x -> y" "directed edge"
            ExpectSets.contains text "x <-> y" "bidirected edge"
        testCase "ToDot: x -> y, and <-> as a dashed dir=both edge" <| fun () ->
            let dot = (g0 ()).ToDot()
            Expect.stringStarts dot "digraph" "header"
            ExpectSets.contains dot "\"x\" -> \"y\";" "directed edge line"
            ExpectSets.contains dot "\"u\" -> \"x\";" "directed edge line"
            let bi = dot.Split('\n') |> Array.filter (fun l -> l.Contains "dir=both")
            Expect.equal bi.Length 1 "one dir=both line"
            ExpectSets.contains bi[0] "\"x\" -> \"y\"" "bidirected endpoints"
            ExpectSets.contains bi[0] "style=dashed" "bidirected dashed"
            ExpectSets.contains dot "\"u\" [style=dashed]" "latent node dashed"
        testCase "ToMermaid: --> for directed, <-.-> for bidirected" <| fun () ->
            let m = (g0 ()).ToMermaid()
            Expect.stringStarts m "flowchart" "header"
            // nodes in declaration order: x = n0, y = n1, u = n2
            ExpectSets.contains m "n0[\"x\"]" "x label"
            ExpectSets.contains m "n0 --> n1" "x -> y"
            ExpectSets.contains m "n2 --> n0" "u -> x"
            ExpectSets.contains m "n0 <-.-> n1" "x <-> y"
            ExpectSets.contains m "n2([\"u\"])" "latent node rounded"
        testCase "quoted names survive printing" <| fun () ->
            let g = Admg.CreateBuilder().Edge("my node", "dag").Bidirected("say \"hi\"", "my node").Build()
            Expect.equal (g.ToString()) "\"my node\" -> \"dag\"; \"say \\\"hi\\\"\" <-> \"my node\"" "compact quoting"
            Expect.isTrue ((Admg.Parse(g.ToString())).Equals g) "round trip"
    ]

/// Names that need quoting or look like keywords.
let private awkward =
    [| "my node"; "dag"; "bb"; "graph"; "latent"; "pos"; "x'"; "a.b"; "say \"hi\""; "back\\slash"; "ünï"; "1x"; "x-y";
       "{"; "a;b"; "//c"; "tab\tname"; "$v"; "_"; "->"; "two\nlines"; "[b]"; "y" |]

let private randomNamedGraph (rng: Random) =
    let r = randomGraph rng { latentAdmgs with MaxNodes = 7 }
    let names = shuffle rng (List.ofArray awkward)
    let rename = List.zip r.Nodes (List.take r.Nodes.Length names) |> dict
    let b = Admg.CreateBuilder()
    for v in r.Nodes do b.Node rename[v] |> ignore
    for (a, c) in r.Directed do b.Edge(rename[a], rename[c]) |> ignore
    for (a, c) in r.Bidirected do b.Bidirected(rename[a], rename[c]) |> ignore
    for v in r.Nodes do
        let n = rename[v]
        if r.Latent.Contains v then b.Latent([ n ]) |> ignore
        if rng.Next 5 = 0 then b.Exposure([ n ]) |> ignore
        if rng.Next 5 = 0 then b.Outcome([ n ]) |> ignore
        if rng.Next 7 = 0 then b.Adjusted([ n ]) |> ignore
    b.Build()

let roundTrip =
    testList "round trip" [
        testCase "§10: Parse(g.ToString()) = g and Parse(g.ToDagitty()) = g (awkward names, flags)" <| fun () ->
            for seed in 18000 .. 18299 do
                let g = randomNamedGraph (Random seed)
                for kind, text in [ "ToString", g.ToString(); "ToDagitty", g.ToDagitty() ] do
                    let back =
                        try Admg.Parse text
                        with e -> failtestf "seed %d: %s output does not parse: %s\n%s" seed kind e.Message text
                    if not (back.Equals g) then failtestf "seed %d: %s round trip changed the graph:\n%s\nparsed: %O" seed kind text back
        forGraphs "§10: the round trip also keeps declaration order" 18500 100 latentAdmgs <| fun _ _ g ->
            Expect.sequenceEqual (Admg.Parse(g.ToDagitty())).Nodes g.Nodes "dagitty keeps node order"
    ]

[<Tests>]
let tests = testList "Graphs.Text.AdmgPrinter" [ outputs; roundTrip ]
