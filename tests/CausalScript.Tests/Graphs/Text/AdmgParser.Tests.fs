/// The dagitty / compact parser (Text/AdmgParser.cs): accepted syntax, and rejected text with line and column.
module CausalScript.Tests.Graphs.Text.AdmgParserTests

open Expecto
open CausalScript
open CausalScript.Graphs
open CausalScript.Tests.Graphs

let private same (text: string) (expected: Admg) =
    let g = Admg.Parse text
    if not (g.Equals expected) then failtestf "%A parsed as %O, expected %O" text g expected

let private build (f: AdmgBuilder -> AdmgBuilder) = (f (Admg.CreateBuilder())).Build()

/// Parsing must fail with a ParseException at the given line and column.
let private rejects (text: string) (line: int) (column: int) (fragment: string) =
    let e = ExpectSets.throws<ParseException> (fun () -> Admg.Parse text |> ignore) (sprintf "%A" text)
    Expect.equal (e.Line, e.Column) (line, column) (sprintf "%A: position of %s" text e.Message)
    ExpectSets.contains e.Message (sprintf "Line %d, column %d" line column) "the message starts with the position"
    ExpectSets.contains e.Reason fragment "reason"

let accepts =
    testList "accepts" [
        testCase "dagitty block with newlines" <| fun () ->
            same "dag {\n  a -> b\n  b -> c\n}" (build (fun b -> b.Edge("a", "b").Edge("b", "c")))
        testCase "compact form with ';'" <| fun () -> same "a -> b; b -> c" (build (fun b -> b.Edge("a", "b").Edge("b", "c")))
        testCase "statements separated by white space only" <| fun () -> same "dag { a -> b b -> c }" (build (fun b -> b.Edge("a", "b").Edge("b", "c")))
        testCase "chains a -> b <- c" <| fun () -> same "a -> b <- c" (build (fun b -> b.Edge("a", "b").Edge("c", "b")))
        testCase "chains with <->: a -> b <-> c -> d" <| fun () ->
            same "a -> b <-> c -> d" (build (fun b -> b.Edge("a", "b").Bidirected("b", "c").Edge("c", "d")))
        testCase "groups a -> {b c}" <| fun () -> same "a -> {b c}" (build (fun b -> b.Edge("a", "b").Edge("a", "c")))
        testCase "groups with commas and on the left: {a, b} -> c" <| fun () -> same "{a, b} -> c" (build (fun b -> b.Edge("a", "c").Edge("b", "c")))
        testCase "quoted names with spaces and escapes" <| fun () ->
            same "\"my node\" -> \"say \\\"hi\\\"\"" (build (fun b -> b.Edge("my node", "say \"hi\"")))
        testCase "attributes latent, exposure, outcome, adjusted" <| fun () ->
            let g = Admg.Parse "dag { x [exposure]; y [outcome]; u [latent]; w [adjusted]; x -> y; u -> x; u -> y; w -> y }"
            Expect.equal (List.ofSeq g.Exposures) [ "x" ] "exposure"
            Expect.equal (List.ofSeq g.Outcomes) [ "y" ] "outcome"
            Expect.equal (List.ofSeq g.Latent) [ "u" ] "latent"
            Expect.equal (List.ofSeq g.Adjusted) [ "w" ] "adjusted"
        testCase "pos=\"1,2\" is accepted (and not kept)" <| fun () ->
            same "dag { x [pos=\"1,2\"]; y [exposure,pos=\"0.5,-1\"]; x -> y }" (build (fun b -> b.Exposure([ "y" ]).Edge("x", "y")))
        testCase "bb=\"...\" is accepted" <| fun () ->
            same "dag {\nbb=\"0,0,1,1\"\nx -> y\n}" (build (fun b -> b.Edge("x", "y")))
        testCase "// comments" <| fun () -> same "dag { // a comment\n x -> y // another\n}" (build (fun b -> b.Edge("x", "y")))
        testCase "isolated nodes" <| fun () -> same "dag { a; b -> c }" (build (fun b -> b.Node("a").Edge("b", "c")))
        testCase "declaration order follows first mention" <| fun () ->
            Expect.equal (List.ofSeq (Admg.Parse "c -> b; a").Nodes) [ "c"; "b"; "a" ] "order"
        testCase "a -> b and a <-> b together" <| fun () ->
            same "a -> b; a <-> b" (build (fun b -> b.Edge("a", "b").Bidirected("a", "b")))
    ]

let rejectsTests =
    testList "rejects" [
        testCase "unknown attribute: line and column of the attribute" <| fun () ->
            rejects "dag {\n  x [foo]\n}" 2 6 "foo"
        testCase "'--' edges" <| fun () -> rejects "dag {\n a -- b\n}" 2 4 "--"
        testCase "unterminated quote" <| fun () -> rejects "a -> \"b" 1 6 "Unterminated"
        testCase "missing '}'" <| fun () -> rejects "dag {\n a -> b\n" 3 1 "}"
        testCase "unknown edge '->>'" <| fun () -> rejects "a ->> b" 1 3 "->>"
        testCase "unsupported graph type pdag" <| fun () -> rejects "pdag { a -> b }" 1 1 "pdag"
        testCase "duplicate edge: the message names the edge and the position is the second arrow" <| fun () ->
            rejects "a -> b; a -> b" 1 11 "a -> b"
        testCase "duplicate <-> in the other orientation" <| fun () -> rejects "a <-> b\nb <-> a" 2 3 "b <-> a"
        testCase "self-loop: the message names the edge" <| fun () -> rejects "dag {\n  a -> a\n}" 2 5 "a -> a"
        testCase "a trailing arrow" <| fun () -> rejects "a -> b ->" 1 10 "node name"
        testCase "an empty group" <| fun () -> rejects "a -> { }" 1 6 "Empty"
        testCase "unterminated attribute list" <| fun () -> rejects "dag {\n x [latent\n}" 3 1 "]"
        testCase "text after the closing brace" <| fun () -> rejects "dag { a -> b } c" 1 16 "c"
        testCase "an unexpected character" <| fun () -> rejects "a -> b; #c" 1 9 "#"
        testCase "cycle a -> b -> c -> a: CycleException listing the cycle in order" <| fun () ->
            let e = ExpectSets.throws<CycleException> (fun () -> Admg.Parse "a -> b -> c -> a" |> ignore) "cycle"
            Expect.equal (List.ofSeq e.Nodes) [ "a"; "b"; "c" ] "cycle nodes"
            ExpectSets.contains e.Message "a -> b -> c -> a" "message"
        testCase "cycle declared out of order: c -> a; a -> b; b -> c" <| fun () ->
            let e = ExpectSets.throws<CycleException> (fun () -> Admg.Parse "d -> c -> a; a -> b; b -> c" |> ignore) "cycle"
            Expect.equal (List.ofSeq e.Nodes) [ "c"; "a"; "b" ] "cycle nodes from the first-declared node of the cycle"
        testCase "a CycleException is a GraphException" <| fun () ->
            ExpectSets.throws<GraphException> (fun () -> Admg.Parse "a -> b -> a" |> ignore) "cycle" |> ignore
    ]

[<Tests>]
let tests = testList "Graphs.Text.AdmgParser" [ accepts; rejectsTests ]
