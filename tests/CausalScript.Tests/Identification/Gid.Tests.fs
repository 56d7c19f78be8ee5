/// gID (src/CausalScript/Identification/Gid.cs) against identification-algorithms.md §6.1: the worked examples with
/// their estimands, derivations and thickets, ground truth on random models where experimental atoms P(· | do(z), ·)
/// are evaluated on the mutilated model (§7, EstimandVerifier), thicket checks, errors, the user API, and seeded
/// property tests on random ADMGs: with 𝕫 = {∅} gID is ID; every estimand is exact and uses available experiments
/// only; every failure has a thicket that passes Thicket.Check; more experiments never lose identifiability.
module CausalScript.Tests.Identification.GidTests

open System
open Expecto
open CausalScript
open CausalScript.Graphs
open CausalScript.Expressions
open CausalScript.Identification
open CausalScript.FSharp
open CausalScript.Tests.Graphs
open CausalScript.Tests.Graphs.Reference
open CausalScript.Tests.Graphs.Generators
open CausalScript.Tests.Expressions.ExpressionTests
open CausalScript.Tests.Identification.IdTests

// ---------------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------------

let private gid (g: Admg) (ys: string list) (xs: string list) (experiments: string list list) =
    Gid.Identify(g, ys, xs, experiments |> List.map Seq.ofList)

let private expectThicket (r: IdentificationResult) (context: string) : Thicket =
    match r with
    | :? NotIdentifiedFromExperiments as n -> n.Thicket
    | :? Identified as i -> failtestf "%s: expected a thicket, got the estimand %O\n%O" context i.Estimand i.Derivation
    | _ -> failtestf "%s: unexpected result %O" context r

/// Every atom of the expression.
let rec atoms (e: Expression) : ProbabilityTerm list =
    match e with
    | :? ProbabilityTerm as p -> [ p ]
    | :? SumTerm as s -> atoms s.Body
    | :? ProductTerm as p -> p.Factors |> Seq.collect atoms |> List.ofSeq
    | :? FractionTerm as f -> atoms f.Numerator @ atoms f.Denominator
    | _ -> []

/// The intervened sets of the estimand's atoms (the empty set for observational atoms).
let experimentsUsed (e: Expression) =
    atoms e |> List.map (fun a -> a.Interventions |> Seq.map (fun s -> s.Variable) |> Set.ofSeq) |> Set.ofList

/// Every atom intervenes on exactly one of the available sets, with plain (unprimed) symbols.
let usesOnly (experiments: string list list) (e: Expression) (context: string) =
    let available = experiments |> List.map Set.ofList |> Set.ofList
    for a in atoms e do
        let z = a.Interventions |> Seq.map (fun s -> s.Variable) |> Set.ofSeq
        if not (available.Contains z) then failtestf "%s: the atom %O uses the experiment %s, which is not available" context a (fmt z)
        if a.Interventions |> Seq.exists (fun s -> s.Primes <> 0) then failtestf "%s: the atom %O intervenes on a bound value" context a

let private checkThicket (g: Admg) (ys: string seq) (xs: string seq) (experiments: string list list) (t: Thicket) (context: string) =
    let projected = if g.HasLatents then g.ProjectLatents() else g
    match t.Check(projected, ys, xs, experiments |> List.map Seq.ofList) with
    | null -> ()
    | problem -> failtestf "%s: %O fails Thicket.Check: %s" context t problem

let private steps (d: Derivation) = [ for s in d.Steps -> s.Algorithm, s.Line ]

// ---------------------------------------------------------------------------------------------------------------
// Worked examples, identification-algorithms.md §6.1
// ---------------------------------------------------------------------------------------------------------------

/// X1 → W → Y, X2 → Y, X1 ↔ X2, X1 ↔ W, X2 ↔ Y.
let private surrogate = "x1 -> w -> y; x2 -> y; x1 <-> x2; x1 <-> w; x2 <-> y"
let private bow = "x -> y; x <-> y"

let private examples =
    testList "worked examples §6.1" [
        testCase "P(y | do(x1, x2)) from 𝕫 = {{X1}, {X2}}: Σ_w P_{x1}(w) P_{x2}(y | x1, w), exact" <| fun () ->
            let g = Admg.Parse surrogate
            let i = expectIdentified (gid g [ "y" ] [ "x1"; "x2" ] [ [ "x1" ]; [ "x2" ] ]) "surrogate"
            same i.Estimand (parse "sum_{w} P(w | do(x1)) P(y | do(x2), x1, w)") "estimand"
            Expect.equal (i.Estimand.ToText()) "sum_{w} P(w | do(x1)) P(y | do(x2), w, x1)" "printed"
            verify g [ "y" ] [ "x1"; "x2" ] [] i.Estimand seeds3 "surrogate"
            usesOnly [ [ "x1" ]; [ "x2" ] ] i.Estimand "surrogate"
        testCase "… the design's shorter form Σ_w P_{x1}(w) P_{x2}(y | w) is exact too; P_{x1}(y) and P(y | x1, x2) are not" <| fun () ->
            let g = Admg.Parse surrogate
            verify g [ "y" ] [ "x1"; "x2" ] [] (parse "sum_{w} P(w | do(x1)) P(y | do(x2), w)") seeds3 "short form"
            refute g [ "y" ] [ "x1"; "x2" ] [] (parse "P(y | do(x1))") seeds3 "P_{x1}(y) ignores x2"
            refute g [ "y" ] [ "x1"; "x2" ] [] (parse "P(y | x1, x2)") seeds3 "conditioning"
            refute g [ "y" ] [ "x1"; "x2" ] [] (parse "sum_{w} P(w | do(x2)) P(y | do(x1), w, x2)") seeds3 "experiments swapped"
        testCase "… derivation: gID 4 → [W: gID 2, 1] [Y: gID 5 do(x1): subID 7, 5 FAIL; gID 5 do(x2): subID 6]" <| fun () ->
            let i = expectIdentified (gid (Admg.Parse surrogate) [ "y" ] [ "x1"; "x2" ] [ [ "x1" ]; [ "x2" ] ]) "surrogate"
            Expect.equal (steps i.Derivation)
                [ "gID", 4; "gID", 2; "gID", 1; "gID", 5; "subID", 7; "subID", 5; "gID", 5; "subID", 6 ] "lines"
            Expect.equal [ for s in i.Derivation.Steps -> List.ofSeq s.Outcomes ]
                [ [ "y" ]; [ "w" ]; [ "w" ]; [ "y" ]; [ "y" ]; [ "y" ]; [ "y" ]; [ "y" ] ] "sub-queries"
            Expect.equal [ for s in i.Derivation.Steps -> List.ofSeq s.Treatments ]
                [ [ "x1"; "x2" ]; [ "x1"; "x2"; "y" ]; [ "x1" ]; [ "w"; "x1"; "x2" ]; [ "w"; "x2" ]; [ "x2" ]; [ "w"; "x1"; "x2" ]; [ "w"; "x1" ] ] "interventions"
        testCase "… from 𝕫 = {∅}: not identifiable; the thicket is the bow X1 ↔ W with X1 → W (ID's hedge)" <| fun () ->
            let g = Admg.Parse surrogate
            let t = expectThicket (gid g [ "y" ] [ "x1"; "x2" ] [ [] ]) "surrogate, P(v)"
            Expect.equal (List.ofSeq t.Roots) [ "w" ] "R"
            Expect.equal t.Hedges.Count 1 "one hedge"
            Expect.isEmpty t.Hedges[0].Experiment "P(v)"
            Expect.equal (Set.ofSeq t.Hedges[0].Hedge.F, Set.ofSeq t.Hedges[0].Hedge.FPrime) (set [ "x1"; "w" ], set [ "w" ]) "F, F′"
            checkThicket g [ "y" ] [ "x1"; "x2" ] [ [] ] t "surrogate, P(v)"
            let h = expectNotIdentified (Id.Identify(g, [ "y" ], [ "x1"; "x2" ])) "ID"
            Expect.equal (List.ofSeq t.Hedges[0].Hedge.F) (List.ofSeq h.F) "the same hedge as ID's"
        testCase "… from 𝕫 = {{X1}}: the Y factor fails; thicket R = {Y} with the hedge F = {X2, Y} in G \\ X1" <| fun () ->
            let g = Admg.Parse surrogate
            let t = expectThicket (gid g [ "y" ] [ "x1"; "x2" ] [ [ "x1" ] ]) "only do(x1)"
            Expect.equal (List.ofSeq t.Roots) [ "y" ] "R"
            Expect.equal [ for h in t.Hedges -> List.ofSeq h.Experiment, Set.ofSeq h.Hedge.F ] [ [ "x1" ], set [ "x2"; "y" ] ] "hedges"
            checkThicket g [ "y" ] [ "x1"; "x2" ] [ [ "x1" ] ] t "only do(x1)"
        testCase "… from 𝕫 = {{X2}}: the W factor fails; thicket R = {W}, the bow on X1, W survives do(x2)" <| fun () ->
            let g = Admg.Parse surrogate
            let t = expectThicket (gid g [ "y" ] [ "x1"; "x2" ] [ [ "x2" ] ]) "only do(x2)"
            Expect.equal (List.ofSeq t.Roots) [ "w" ] "R"
            Expect.equal [ for h in t.Hedges -> List.ofSeq h.Experiment, Set.ofSeq h.Hedge.F ] [ [ "x2" ], set [ "x1"; "w" ] ] "hedges"
            checkThicket g [ "y" ] [ "x1"; "x2" ] [ [ "x2" ] ] t "only do(x2)"
        testCase "bow with 𝕫 = {{X}}: P(y | do(x)) at line 1" <| fun () ->
            let g = Admg.Parse bow
            let i = expectIdentified (gid g [ "y" ] [ "x" ] [ [ "x" ] ]) "bow, do(x)"
            same i.Estimand (parse "P(y | do(x))") "estimand"
            Expect.equal (steps i.Derivation) [ "gID", 1 ] "line 1"
            verify g [ "y" ] [ "x" ] [] i.Estimand seeds3 "bow, do(x)"
        testCase "bow with 𝕫 = {∅}: the thicket is the bow hedge F = {X, Y}, F′ = R = {Y}" <| fun () ->
            let g = Admg.Parse bow
            let r = gid g [ "y" ] [ "x" ] [ [] ]
            let t = expectThicket r "bow, P(v)"
            Expect.equal (List.ofSeq t.Roots) [ "y" ] "R"
            Expect.equal [ for h in t.Hedges -> Set.ofSeq h.Hedge.F, Set.ofSeq h.Hedge.FPrime, Set.ofSeq h.Hedge.Roots ]
                [ set [ "x"; "y" ], set [ "y" ], set [ "y" ] ] "the bow hedge"
            Expect.isEmpty t.Blocked "nothing blocked"
            checkHedge g [ "y" ] [ "x" ] t.Hedges[0].Hedge "bow"
            checkThicket g [ "y" ] [ "x" ] [ [] ] t "bow"
            Expect.equal (steps r.Derivation) [ "gID", 5; "subID", 5; "gID", 6 ] "lines"
            Expect.equal (string t) "Thicket R = {y}; P(v): Hedge F = {x, y}, F′ = {y}, R = {y}" "printed"
        testCase "bow with 𝕫 = {{Y}}: the experiment intervenes on R; a thicket without hedges" <| fun () ->
            let g = Admg.Parse bow
            let t = expectThicket (gid g [ "y" ] [ "x" ] [ [ "y" ] ]) "bow, do(y)"
            Expect.isEmpty t.Hedges "no hedge"
            Expect.equal [ for z in t.Blocked -> List.ofSeq z ] [ [ "y" ] ] "blocked"
            checkThicket g [ "y" ] [ "x" ] [ [ "y" ] ] t "bow, do(y)"
        testCase "an experiment on more than X: its other variables stay free where they are non-ancestors (P(w | do(x1)) = P(w | do(x1, x2)))" <| fun () ->
            let g = Admg.Parse surrogate
            let i = expectIdentified (gid g [ "w" ] [ "x1" ] [ [ "x1"; "x2" ] ]) "do(x1, x2)"
            same i.Estimand (parse "P(w | do(x1, x2))") "estimand"
            Expect.equal (freeText i.Estimand) "w,x1,x2" "x2 is free: any value gives the same number"
            verify g [ "w" ] [ "x1" ] [] i.Estimand seeds3 "do(x1, x2)"
        testCase "the experiment on exactly X answers even when P(v) would need a long ID estimand (front door)" <| fun () ->
            let g = Admg.Parse "x -> m -> y; x <-> y"
            let i = expectIdentified (gid g [ "y" ] [ "x" ] [ []; [ "x" ] ]) "front door"
            same i.Estimand (parse "P(y | do(x))") "line 1 wins"
            let i = expectIdentified (gid g [ "y" ] [ "x" ] [ []; [ "m" ] ]) "front door, do(m)"
            verify g [ "y" ] [ "x" ] [] i.Estimand seeds3 "front door with do(m)"
            usesOnly [ []; [ "m" ] ] i.Estimand "front door with do(m)"
        testCase "front-door graph X → Z → Y, X ↔ Y: {do(z), P(v)} gives Σ_z P(z | x) P_z(y); adding X ↔ Z, or dropping P(v), leaves a thicket" <| fun () ->
            // The factor P_x(z) needs X's and Z's observational mechanisms: do(z) alone says nothing about them (it
            // intervenes on R = {Z}), and with X ↔ Z the bow X → Z, X ↔ Z survives in P(v).
            let g = Admg.Parse "x -> z -> y; x <-> y; x <-> z"
            expectThicket (gid g [ "y" ] [ "x" ] [ [ "z" ] ]) "do(z)" |> fun t -> checkThicket g [ "y" ] [ "x" ] [ [ "z" ] ] t "do(z)"
            expectThicket (gid g [ "y" ] [ "x" ] [ []; [ "z" ] ]) "P(v), do(z)" |> fun t -> checkThicket g [ "y" ] [ "x" ] [ []; [ "z" ] ] t "P(v), do(z)"
            let g = Admg.Parse "x -> z -> y; x <-> y"
            let i = expectIdentified (gid g [ "y" ] [ "x" ] [ [ "z" ]; [] ]) "do(z), P(v) without X ↔ Z"
            same i.Estimand (parse "sum_{z} P(z | x) P(y | do(z))") "estimand"
            verify g [ "y" ] [ "x" ] [] i.Estimand seeds3 "do(z), P(v)"
            Expect.equal (experimentsUsed i.Estimand) (set [ set []; set [ "z" ] ]) "uses both"
            // Tried in the other order, P(v) alone answers (the front-door formula, via subID line 7).
            let i = expectIdentified (gid g [ "y" ] [ "x" ] [ []; [ "z" ] ]) "P(v), do(z)"
            verify g [ "y" ] [ "x" ] [] i.Estimand seeds3 "P(v), do(z)"
            Expect.equal (experimentsUsed i.Estimand) (set [ set [] ]) "observational only"
    ]

let private thicketChecks =
    testList "Thicket.Check can fail" [
        testCase "a thicket rejects another query, other experiments, a missing hedge and wrong roots" <| fun () ->
            let g = Admg.Parse surrogate
            let t = expectThicket (gid g [ "y" ] [ "x1"; "x2" ] [ [ "x1" ] ]) "only do(x1)"
            let check ys xs zs (t: Thicket) = t.Check(g, ys, xs, zs |> List.map Seq.ofList)
            Expect.isNull (check [ "y" ] [ "x1"; "x2" ] [ [ "x1" ] ] t) "valid"
            Expect.isNotNull (check [ "y" ] [ "x1"; "x2" ] [ [ "x1" ]; [ "x2" ] ] t) "do(x2) has no hedge"
            Expect.isNotNull (check [ "y" ] [ "x1"; "x2" ] [ [ "x1" ]; [ "x1"; "x2" ] ] t) "nor has do(x1, x2)"
            Expect.isNotNull (check [ "y" ] [ "x1"; "x2" ] [ [] ] t) "P(v) has no hedge"
            Expect.isNull (check [ "y" ] [ "x1"; "x2" ] [ [ "x1" ]; [ "y" ] ] t) "do(y) intervenes on R"
            Expect.isNotNull (check [ "w" ] [ "x1"; "x2" ] [ [ "x1" ] ] t) "R is not an ancestor of W"
            Expect.isNotNull (check [ "y" ] [ "x1" ] [ [ "x1" ] ] t) "without X2 the hedge misses X"
            Expect.isNotNull (check [ "y" ] [ "x1"; "x2" ] [ [ "x1" ] ] (Thicket(t.Roots, [||], t.Blocked))) "hedge removed"
            Expect.isNotNull (check [ "y" ] [ "x1"; "x2" ] [ [ "x1" ] ] (Thicket(Collections.Immutable.ImmutableSortedSet.Create("w", "y"), t.Hedges, t.Blocked))) "R = {w, y} is two c-components"
            Expect.isNotNull (check [ "y" ] [ "x1"; "x2" ] [ [ "x1" ] ] (Thicket(Collections.Immutable.ImmutableSortedSet.Create<string>(), t.Hedges, t.Blocked))) "empty R"
        testCase "a hedge found without the experiment does not cover it (F must avoid Z)" <| fun () ->
            let g = Admg.Parse surrogate
            let t = expectThicket (gid g [ "y" ] [ "x1"; "x2" ] [ [] ]) "P(v)"
            let moved = Thicket(t.Roots, [| ThicketHedge(Collections.Immutable.ImmutableSortedSet.Create("x1"), t.Hedges[0].Hedge) |], [||])
            Expect.isNotNull (moved.Check(g, [ "y" ], [ "x1"; "x2" ], [ seq [ "x1" ] ])) "F = {x1, w} meets do(x1)"
    ]

let private errors =
    testList "errors" [
        testCase "an experiment naming an unknown node: UnknownNodeException naming the experiment, with a suggestion" <| fun () ->
            let g = Admg.Parse surrogate
            let e = ExpectSets.throws<UnknownNodeException> (fun () -> gid g [ "y" ] [ "x1" ] [ [ "x1" ]; [ "x3"; "w" ] ] |> ignore) "x3"
            Expect.equal (e.Name, e.Suggestion) ("x3", "x1") "name and suggestion"
            ExpectSets.contains e.Message "the experiment do(w, x3)" "message names the experiment"
            ExpectSets.contains e.Message "Did you mean 'x1'?" "suggestion"
        testCase "an experiment on a latent node" <| fun () ->
            let g = Admg.Parse "u -> x; u -> y; x -> y; u [latent]"
            let e = ExpectSets.throws<GraphException> (fun () -> gid g [ "y" ] [ "x" ] [ [ "u" ] ] |> ignore) "latent"
            ExpectSets.contains e.Message "latent" "message"
            Expect.equal (List.ofSeq e.Nodes) [ "u" ] "node"
        testCase "query errors are ID's: unknown outcome, overlap, no outcome" <| fun () ->
            let g = Admg.Parse surrogate
            ExpectSets.throws<UnknownNodeException> (fun () -> gid g [ "yy" ] [ "x1" ] [ [] ] |> ignore) "unknown" |> ignore
            ExpectSets.throws<GraphException> (fun () -> gid g [ "y" ] [ "y" ] [ [] ] |> ignore) "overlap" |> ignore
            ExpectSets.throws<GraphException> (fun () -> gid g [] [ "x1" ] [ [] ] |> ignore) "Y = ∅" |> ignore
        testCase "a conditional query is refused by Identify.FromExperiments" <| fun () ->
            let g = Admg.Parse surrogate
            let query = Queries.P [ "y" ] |> doing [ "x1" ] |> given [ "w" ]
            let e = ExpectSets.throws<CausalScriptException> (fun () -> CausalScript.Identification.Identify.FromExperiments(g, query, [ seq [ "x1" ] ]) |> ignore) "given"
            ExpectSets.contains e.Message "conditional" "message"
        testCase "duplicate experiments are ignored; no experiment at all identifies nothing" <| fun () ->
            let g = Admg.Parse bow
            let t = expectThicket (gid g [ "y" ] [ "x" ] [ []; [] ]) "duplicate"
            Expect.equal t.Hedges.Count 1 "one hedge"
            let t = expectThicket (gid g [ "y" ] [] []) "𝕫 = {}"
            Expect.isEmpty t.Hedges "nothing to use"
            checkThicket g [ "y" ] [] [] t "𝕫 = {}"
            same (expectIdentified (gid g [ "y" ] [] [ [] ]) "P(y)").Estimand (parse "P(y)") "P(y) from P(v)"
    ]

let private api =
    testList "API" [
        testCase "F#: Identify.fromExperiments returns Ok with the estimand or Error with the thicket; Identify.estimand throws" <| fun () ->
            let g = Admg.Parse surrogate
            let query = Queries.P [ "y" ] |> doing [ "x1"; "x2" ]
            match query |> Identify.fromExperiments g [ [ "x1" ]; [ "x2" ] ] with
            | Ok identified ->
                same identified.Estimand (parse "sum_{w} P(w | do(x1)) P(y | do(x2), x1, w)") "estimand"
                Expect.equal identified.Derivation.Lines[0] 4 "derivation"
            | Error other -> failtestf "expected an estimand, got %O" other
            match query |> Identify.fromExperiments g [ [] ] with
            | Error(NotIdentifiable.Thicket t) ->
                Expect.equal (List.ofSeq t.Roots) [ "w" ] "R"
                ExpectSets.contains (string (NotIdentifiable.Thicket t)) "Thicket R = {w}" "message"
            | other -> failtestf "expected a thicket, got %A" other
            let e = ExpectSets.throws<NotIdentifiableFromExperimentsException> (fun () -> query |> Identify.fromExperiments g [ [] ] |> Identify.estimand |> ignore) "estimand"
            Expect.equal (List.ofSeq e.Thicket.Roots) [ "w" ] "the exception carries the thicket"
        testCase "C#-style entry: graph.IdentifyFromExperiments equals Gid.Identify" <| fun () ->
            let g = Admg.Parse surrogate
            let r = g.IdentifyFromExperiments(Queries.P [ "y" ] |> doing [ "x1"; "x2" ], [ seq [ "x1" ]; seq [ "x2" ] ])
            same (r.OrThrow()) (expectIdentified (gid g [ "y" ] [ "x1"; "x2" ] [ [ "x1" ]; [ "x2" ] ]) "gid").Estimand "same estimand"
    ]

// ---------------------------------------------------------------------------------------------------------------
// Properties on random ADMGs (3–6 nodes)
// ---------------------------------------------------------------------------------------------------------------

/// 1–3 random experiments, each a random set of 0–2 observed nodes.
let randomExperiments (rng: Random) (r: RGraph) =
    let observed = r.Observed
    [ for _ in 1 .. 1 + rng.Next 3 ->
        let k = rng.Next 3
        shuffle rng observed |> List.truncate k ]

/// Denser graphs (4–6 nodes, no latent nodes) for the surrogate-experiment property.
let private denser = { randomAdmgs with MinNodes = 4; PDirected = 0.6; PBidirected = 0.4; PLatent = 0.0 }

/// One outcome, 2–3 of its ancestors as treatments, and one experiment per treatment, after P(v) half of the time:
/// the shape of the worked example, where estimands combine experiments and thickets collect several hedges (both
/// are rare in random graphs: 10 and 11 of the 220 seeded cases).
let surrogateQuery (rng: Random) (r: RGraph) =
    let ys = Set.singleton (List.item (rng.Next r.Observed.Length) r.Observed)
    let candidates = ancestors r ys - ys |> Set.filter (fun v -> not (r.Latent.Contains v)) |> List.ofSeq
    let xs = shuffle rng candidates |> List.truncate (2 + rng.Next 2) |> Set.ofList
    xs, ys, (if rng.Next 2 = 0 then [ [] ] else []) @ [ for x in xs -> [ x ] ]

let private describe (xs: Set<string>) (ys: Set<string>) (zs: string list list) =
    sprintf "P(%s | do(%s)) from {%s}" (fmt ys) (fmt xs) (String.Join("; ", zs |> List.map (fun z -> fmt (Set.ofList z))))

let private properties =
    testList "properties (seeded random ADMGs, 3–6 nodes)" [
        forGraphs "with 𝕫 = {∅} gID is ID: same verdict, same estimand, same hedge" 9100 300 randomAdmgs <| fun rng r g ->
            let xs, ys = randomQuery rng r
            let q = describe xs ys [ [] ]
            match Id.Identify(g, ys, xs), Gid.Identify(g, ys, xs, [ Seq.empty ]) with
            | :? Identified as a, (:? Identified as b) -> same b.Estimand a.Estimand q
            | :? NotIdentified as a, (:? NotIdentifiedFromExperiments as b) ->
                let sets (h: Hedge) = List.ofSeq h.F, List.ofSeq h.FPrime, List.ofSeq h.Roots
                if b.Thicket.Hedges.Count <> 1 || sets b.Thicket.Hedges[0].Hedge <> sets a.Hedge then
                    failtestf "%s: ID's hedge %O, gID's thicket %O" q a.Hedge b.Thicket
                checkThicket g ys xs [ [] ] b.Thicket q
            | a, b -> failtestf "%s: ID says %O, gID %O" q a b
        forGraphs "every estimand is exact on a random model and uses available experiments only; every failure has a checked thicket" 9400 220 randomAdmgs <| fun rng r g ->
            let xs, ys = randomQuery rng r
            let zs = randomExperiments rng r
            let q = describe xs ys zs
            match gid g (List.ofSeq ys) (List.ofSeq xs) zs with
            | :? Identified as i ->
                usesOnly zs i.Estimand q
                verify g ys xs [] i.Estimand [ rng.Next 10000 ] q
            | :? NotIdentifiedFromExperiments as n -> checkThicket g ys xs zs n.Thicket q
            | other -> failtestf "%s: %O" q other
        testCase "… not vacuous: both verdicts occur often, and estimands use experiments other than P(v)" <| fun () ->
            let results =
                [ for i in 0 .. 219 ->
                    let rng = Random(9400 + i)
                    let r = randomGraph rng randomAdmgs
                    let xs, ys = randomQuery rng r
                    let zs = randomExperiments rng r
                    gid (toAdmg r) (List.ofSeq ys) (List.ofSeq xs) zs ]
            let identified = results |> List.choose (function :? Identified as i -> Some i | _ -> None)
            Expect.isGreaterThan identified.Length 60 "identified"
            Expect.isGreaterThan (results.Length - identified.Length) 40 "not identified"
            let experimental = identified |> List.filter (fun i -> experimentsUsed i.Estimand |> Set.exists (fun z -> not z.IsEmpty))
            Expect.isGreaterThan experimental.Length 40 "estimands with interventional atoms"
        forGraphs "one experiment per treatment: estimands exact and from the given experiments, thickets checked" 9900 220 denser <| fun rng r g ->
            let xs, ys, zs = surrogateQuery rng r
            let q = describe xs ys zs
            match gid g (List.ofSeq ys) (List.ofSeq xs) zs with
            | :? Identified as i ->
                usesOnly zs i.Estimand q
                verify g ys xs [] i.Estimand [ rng.Next 10000 ] q
            | :? NotIdentifiedFromExperiments as n -> checkThicket g ys xs zs n.Thicket q
            | other -> failtestf "%s: %O" q other
        testCase "… not vacuous: estimands that combine experiments, and thickets with several hedges, occur" <| fun () ->
            let results =
                [ for i in 0 .. 219 ->
                    let rng = Random(9900 + i)
                    let r = randomGraph rng denser
                    let xs, ys, zs = surrogateQuery rng r
                    gid (toAdmg r) (List.ofSeq ys) (List.ofSeq xs) zs ]
            let combined = results |> List.filter (function :? Identified as i -> (experimentsUsed i.Estimand).Count > 1 | _ -> false)
            let several = results |> List.filter (function :? NotIdentifiedFromExperiments as n -> n.Thicket.Hedges.Count > 1 | _ -> false)
            Expect.isGreaterThanOrEqual combined.Length 8 "estimands over two or more experiments"
            Expect.isGreaterThanOrEqual several.Length 8 "thickets with two or more hedges"
        forGraphs "more experiments never hurt: identified from 𝕫 ⇒ identified from 𝕫 ∪ {Z}; ID identified ⇒ gID(𝕫 ∪ {∅}) identified" 9700 300 randomAdmgs <| fun rng r g ->
            let xs, ys = randomQuery rng r
            let zs = randomExperiments rng r
            let extra = randomExperiments rng r |> List.head
            let ident zs = (gid g (List.ofSeq ys) (List.ofSeq xs) zs).IsIdentified
            let q = describe xs ys zs
            if ident zs && not (ident (zs @ [ extra ])) then failtestf "%s: adding %s loses identifiability" q (fmt (Set.ofList extra))
            if (Id.Identify(g, ys, xs)).IsIdentified && not (ident (zs @ [ [] ])) then failtestf "%s: ID identifies, gID with P(v) added does not" q
            if not (ident (zs @ [ List.ofSeq xs ])) then failtestf "%s: the experiment on exactly X must answer" q
    ]

[<Tests>]
let tests = testList "Identification.Gid" [ examples; thicketChecks; errors; api; properties ]
