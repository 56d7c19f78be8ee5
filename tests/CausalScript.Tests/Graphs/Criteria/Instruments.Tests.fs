/// Conditional instruments (graph-algorithms.md §8): the worked examples 8a–8f; every returned (z, W) passes the
/// HBM24 test; the search finds some instrument whenever one exists; IsConditionalInstrument agrees with brute force.
module CausalScript.Tests.Graphs.Criteria.InstrumentsTests

open Expecto
open CausalScript.Graphs
open CausalScript.Tests.Graphs
open CausalScript.Tests.Graphs.Reference
open CausalScript.Tests.Graphs.Generators

let private instruments (text: string) =
    (Admg.Parse text).ConditionalInstruments("x", "y") |> Seq.map (fun i -> i.Instrument, Set.ofSeq i.Given) |> List.ofSeq

let private exactly (text: string) (expected: (string * string list) list) =
    let actual = instruments text
    let e = expected |> List.map (fun (z, w) -> z, set w)
    if List.sort actual <> List.sort e then failtestf "%s: expected %A, got %A" text e actual

let fixtures =
    testList "fixtures" [
        testCase "§8 8a: i -> x -> y; x <-> y: (i | ∅)" <| fun () -> exactly "dag{ i -> x -> y; x <-> y }" [ "i", [] ]
        testCase "§8 8b: i -> x -> y; x <-> y; y <- w -> i: (i | {w}); unconditional i is invalid" <| fun () ->
            let text = "dag{ i -> x -> y; x <-> y; y <- w -> i }"
            exactly text [ "i", [ "w" ] ]
            Expect.isFalse ((Admg.Parse text).IsConditionalInstrument("x", "y", "i")) "i | ∅"
            Expect.isTrue ((Admg.Parse text).IsConditionalInstrument("x", "y", "i", [ "w" ])) "i | {w}"
        testCase "§8 8c: x -> y; x <-> y: none" <| fun () -> exactly "dag{ x -> y; x <-> y }" []
        testCase "§8 8d: z -> x -> m -> y; x <-> y: (z | ∅) (total effect through a mediator)" <| fun () ->
            exactly "dag{ z -> x -> m -> y; x <-> y }" [ "z", [] ]
        testCase "§8 8e: z -> x -> y; x <-> y; z <-> w -> y: (z | {w})" <| fun () ->
            exactly "dag{ z -> x -> y; x <-> y; z <-> w -> y }" [ "z", [ "w" ] ]
        testCase "§8 8f: x -> m -> y; m -> d -> z; x -> z: none (dagitty wrongly returns z | {d})" <| fun () ->
            let text = "dag{ x -> m -> y; m -> d -> z; x -> z }"
            exactly text []
            Expect.isFalse ((Admg.Parse text).IsConditionalInstrument("x", "y", "z", [ "d" ])) "z | {d}"
        testCase "§8 pitfall: z -> c; c <-> x; x -> y; x <-> y: (z | {c}) and (c | ∅) both valid; (c | ∅) is returned (W = Nearest in G̃)" <| fun () ->
            let text = "dag{ z -> c; c <-> x; x -> y; x <-> y }"
            let g = Admg.Parse text
            Expect.isTrue (g.IsConditionalInstrument("x", "y", "z", [ "c" ])) "z | {c}"
            Expect.isTrue (g.IsConditionalInstrument("x", "y", "c")) "c | ∅"
            Expect.contains (instruments text) ("c", Set.empty) "c | ∅ is returned"
        testCase "§8 step 2.1 (found by the property test, seed 37198): z -> b -> x -> y; x <-> y; b <-> y: (z | ∅) is returned" <| fun () ->
            // W must be the nearest separator in G̃ with A = An_G̃(y, z) = {y, z}, so W = ∅. Taking An in G adds b
            // (b -> x -> y), and {b} opens the collider z -> b <-> y, so no separator is found and z is dropped.
            let text = "dag{ z -> b -> x -> y; x <-> y; b <-> y }"
            Expect.isTrue ((Admg.Parse text).IsConditionalInstrument("x", "y", "z")) "(z | ∅) is valid"
            exactly text [ "z", [] ]
        testCase "§8: CheckConditionalInstrument gives a reason" <| fun () ->
            let check = (Admg.Parse "dag{ i -> x -> y; x <-> y; y <- w -> i }").CheckConditionalInstrument("x", "y", "i")
            Expect.isFalse check.IsValid "invalid"
            Expect.isNotEmpty check.Reason "reason"
    ]

let properties =
    testList "properties (§10)" [
        forEffects "§10: every returned (z, W) passes IsConditionalInstrument and the brute-force HBM24 test" 36000 600 confounded <| fun _ r g x y ->
            let p = project r
            for i in g.ConditionalInstruments(x, y) do
                let ws = Set.ofSeq i.Given
                if not (g.IsConditionalInstrument(x, y, i.Instrument, i.Given)) then
                    failtestf "returned (%s | %s) fails IsConditionalInstrument" i.Instrument (fmt ws)
                if not (isConditionalInstrumentIn p x y i.Instrument ws) then
                    failtestf "returned (%s | %s) fails the brute-force test" i.Instrument (fmt ws)
        forEffects "§8: the search returns some instrument whenever one exists (brute force over all z, W)" 37000 600 confounded <| fun _ r g x y ->
            let p = project r
            let valid =
                [ for z in p.Nodes do
                    if z <> x && z <> y then
                        for w in subsets (p.Nodes |> List.filter (fun v -> v <> x && v <> y && v <> z)) do
                            if isConditionalInstrumentIn p x y z w then z, w ]
            let returned = g.ConditionalInstruments(x, y) |> Seq.isEmpty |> not
            if (not valid.IsEmpty) <> returned then
                failtestf "valid instruments %A; the search returned one: %b" valid returned
        forEffects "§8: IsConditionalInstrument agrees with the brute-force HBM24 test" 38000 600 confounded <| fun rng r g x y ->
            let p = project r
            let others = p.Nodes |> List.filter (fun v -> v <> x && v <> y)
            if not others.IsEmpty then
                for _ in 1..4 do
                    let z = others[rng.Next others.Length]
                    let ws = randomSubset rng 0.35 (others |> List.filter ((<>) z))
                    let expected = isConditionalInstrumentIn p x y z ws
                    let check = g.CheckConditionalInstrument(x, y, z, ws)
                    if check.IsValid <> expected then
                        failtestf "z=%s W=%s: library %b (%s), brute force %b" z (fmt ws) check.IsValid check.Reason expected
    ]

[<Tests>]
let tests = testList "Graphs.Criteria.Instruments" [ fixtures; properties ]
