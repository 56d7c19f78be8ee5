/// The IDC algorithm (src/CausalScript/Identification/Idc.cs) against identification-algorithms.md §2: the examples
/// C1–C4, ground truth P_x(y, z) / P_x(z) on random models, hedges for P_x(y, z), the error cases, and seeded property
/// tests: estimands exact, hedges valid, every rule-2 move justified by an independent m-separation check (and no
/// further move possible), and the verdict equal to the brute-force oracle on the query IDC hands to ID.
module CausalScript.Tests.Identification.IdcTests

open System
open Expecto
open CausalScript
open CausalScript.Graphs
open CausalScript.Expressions
open CausalScript.Identification
open CausalScript.Tests.Graphs
open CausalScript.Tests.Graphs.Reference
open CausalScript.Tests.Graphs.Generators
open CausalScript.Tests.Expressions.ExpressionTests
open CausalScript.Tests.Identification.IdTests

let private c1 = "x -> z -> y; x <-> z"
let private c2 = "x -> z -> y; x <-> y"
let private c3 = "z -> x; z -> y; x -> y -> w"
let private c4 = "x -> z -> y; x <-> z; z <-> y"

/// The IDC line-1 moves recorded in the derivation, in order: (x before the move, the moved node), and the final x.
let private moves (r: IdentificationResult) =
    let idc = r.Derivation.Steps |> Seq.filter (fun s -> s.Algorithm = "IDC") |> List.ofSeq
    let xs = [ for s in idc -> Set.ofSeq s.Treatments ]
    let final = List.last xs
    [ for k in 0 .. idc.Length - 2 do
        if idc[k].Line = 1 then
            let moved = xs[k + 1] - xs[k]
            if moved.Count <> 1 then failtestf "step %d moves %s" k (fmt moved)
            yield xs[k], moved.MinimumElement ], final

let private identifiesC (name: string) (graph: string) (w: string) (expected: string) (moved: bool) =
    testCase (sprintf "%s: P(y | do(x), %s) = %s" name w expected) <| fun () ->
        let g = Admg.Parse graph
        let r = Idc.Identify(g, [ "y" ], [ "x" ], [ w ])
        let i = expectIdentified r name
        same i.Estimand (parse expected) name
        verify g [ "y" ] [ "x" ] [ w ] i.Estimand seeds3 name
        verify g [ "y" ] [ "x" ] [ w ] (parse expected) seeds3 (name + " (the design's form)")
        let m, _ = moves r
        Expect.equal (m |> List.map snd) (if moved then [ w ] else []) "rule-2 moves"

let private examples =
    testList "examples C1–C4 (§2)" [
        identifiesC "C1 (z moves by rule 2)" c1 "z" "P(y | x, z)" true
        identifiesC "C2 front door (z moves)" c2 "z" "sum_{x'} P(y | x', z) P(x')" true
        testCase "C2: the printed estimand binds x′, not the intervention's x (design §0, §2)" <| fun () ->
            // Regression: x is not free in Σ_{x′} P(y | x′, z) P(x′), so the estimand used to print Σ_{x} … for a query
            // about do(x).
            let e = (expectIdentified (Idc.Identify(Admg.Parse c2, [ "y" ], [ "x" ], [ "z" ])) "C2").Estimand
            let s = e :?> SumTerm
            Expect.equal (List.ofSeq s.Indices) [ sym "x'" ] "the bound index"
        identifiesC "C3 (w does not move; raw form)" c3 "w"
            "[sum_{z} P(z) P(y | z, x) P(w | z, x, y)] / [sum_{z, y'} P(z) P(y' | z, x) P(w | z, x, y')]" false
        testCase "C3: with P(w | z, x, y) simplified to P(w | y) the estimand is still exact" <| fun () ->
            verify (Admg.Parse c3) [ "y" ] [ "x" ] [ "w" ]
                (parse "[sum_{z} P(z) P(y | z, x) P(w | y)] / [sum_{z, y'} P(z) P(y' | z, x) P(w | y')]") seeds3 "simplified"
        testCase "C3: conditioning on a descendant is not intervening: P(y | do(x), w) ≠ P_{x,w}(y)" <| fun () ->
            refute (Admg.Parse c3) [ "y" ] [ "x" ] [ "w" ] (parse "sum_{z} P(y | x, z) P(z)") seeds3 "ignoring w"
        testCase "C4: no move; ID({y, z}, x) fails with hedge F = {x, z, y}, F′ = {z, y}, R = {y}" <| fun () ->
            let g = Admg.Parse c4
            let r = Idc.Identify(g, [ "y" ], [ "x" ], [ "z" ])
            let h = expectNotIdentified r "C4"
            Expect.equal (Set.ofSeq h.F, Set.ofSeq h.FPrime, Set.ofSeq h.Roots) (set [ "x"; "z"; "y" ], set [ "z"; "y" ], set [ "y" ]) "hedge"
            checkHedge g [ "y"; "z" ] [ "x" ] h "C4"
            Expect.equal (fst (moves r)) [] "no move"
        testCase "derivation: IDC's own steps are lines 1–2; the ID run inside is labelled ID (regression)" <| fun () ->
            let r = Idc.Identify(Admg.Parse c2, [ "y" ], [ "x" ], [ "z" ])
            let steps = List.ofSeq r.Derivation.Steps
            Expect.equal [ for s in steps -> s.Algorithm, s.Line ] [ "IDC", 1; "IDC", 2; "ID", 7; "ID", 2; "ID", 1 ] "algorithm and line"
            for s in steps do
                if s.Algorithm = "IDC" && s.Line > 2 then failtestf "IDC has no line %d: %O" s.Line s
        testCase "no conditions: IDC is ID" <| fun () ->
            let g = Admg.Parse "w1 -> w2 -> x -> y; w1 <-> x; w1 <-> y"
            let idc = expectIdentified (Idc.Identify(g, [ "y" ], [ "x" ], [])) "IDC"
            let id = expectIdentified (Id.Identify(g, [ "y" ], [ "x" ])) "ID"
            same idc.Estimand id.Estimand "napkin"
    ]

let private errors =
    testList "errors" [
        testCase "a treatment that is also a condition (regression: it was silently dropped from X, giving P(y | x) for P(y | do(x), x))" <| fun () ->
            let e = ExpectSets.throws<GraphException> (fun () -> Idc.Identify(Admg.Parse c2, [ "y" ], [ "x" ], [ "x" ]) |> ignore) "x in X and Z"
            Expect.equal (List.ofSeq e.Nodes) [ "x" ] "node"
            ExpectSets.contains e.Message "condition" "message"
        testCase "an outcome that is also a condition" <| fun () ->
            let e = ExpectSets.throws<GraphException> (fun () -> Idc.Identify(Admg.Parse c2, [ "y" ], [ "x" ], [ "y" ]) |> ignore) "y in Y and Z"
            ExpectSets.contains e.Message "condition" "the message names the roles involved"
        testCase "an outcome that is also a treatment" <| fun () ->
            ExpectSets.throws<GraphException> (fun () -> Idc.Identify(Admg.Parse c2, [ "y" ], [ "y" ], [ "z" ]) |> ignore) "y in Y and X" |> ignore
        testCase "unknown condition, with a suggestion" <| fun () ->
            let e = ExpectSets.throws<UnknownNodeException> (fun () -> Idc.Identify(Admg.Parse "tar -> cancer; smoking -> tar; smoking <-> cancer", [ "cancer" ], [ "smoking" ], [ "tra" ]) |> ignore) "tra"
            Expect.equal e.Suggestion "tar" "suggestion"
        testCase "no outcome" <| fun () ->
            ExpectSets.throws<GraphException> (fun () -> Idc.Identify(Admg.Parse c2, [], [ "x" ], [ "z" ]) |> ignore) "Y = ∅" |> ignore
        testCase "a latent condition" <| fun () ->
            let g = Admg.Parse "u -> x; u -> y; x -> m -> y; u [latent]"
            let e = ExpectSets.throws<GraphException> (fun () -> Idc.Identify(g, [ "y" ], [ "x" ], [ "u" ]) |> ignore) "latent"
            ExpectSets.contains e.Message "latent" "message"
    ]

/// Random disjoint X (1–2), Y (1–2), Z (1–2) among the observed nodes; None when fewer than three are observed.
let private randomConditionalQuery (rng: Random) (r: RGraph) =
    let xs, ys = randomXY rng r 2 2
    let rest = Set.ofList r.Observed - xs - ys
    if rest.IsEmpty then None else Some(xs, ys, pick rng 2 rest)

let private describe (xs: Set<string>) (ys: Set<string>) (zs: Set<string>) = sprintf "P(%s | do(%s), %s)" (fmt ys) (fmt xs) (fmt zs)

/// Rule 2 for z given the current x and the other conditions, on the projected graph, by the path-definition oracle.
let private rule2 (r: RGraph) (ys: Set<string>) (xs: Set<string>) (others: Set<string>) (z: string) =
    mSeparated (removeOutgoing (removeIncoming r xs) (Set.singleton z)) ys (Set.singleton z) (Set.union xs others)

let private properties =
    testList "properties (seeded random ADMGs, 3–6 nodes)" [
        forGraphs "(a) every estimand equals P_x(y, z) / P_x(z) on 2 random models; (b) every hedge is a hedge for P_x(y, z)" 9100 260 randomAdmgs <| fun rng r g ->
            match randomConditionalQuery rng r with
            | None -> ()
            | Some(xs, ys, zs) ->
                let q = describe xs ys zs
                match Idc.Identify(g, ys, xs, zs) with
                | :? Identified as i -> verify g ys xs zs i.Estimand [ rng.Next 10000; rng.Next 10000 ] q
                | :? NotIdentified as n -> checkHedge g (Set.union ys zs) xs n.Hedge q
                | other -> failtestf "%s: %O" q other
        testCase "(a)/(b) are not vacuous: both verdicts and rule-2 moves occur often" <| fun () ->
            let results =
                [ for i in 0 .. 259 do
                    let rng = Random(9100 + i)
                    let r = randomGraph rng randomAdmgs
                    match randomConditionalQuery rng r with
                    | Some(xs, ys, zs) -> yield Idc.Identify(toAdmg r, ys, xs, zs)
                    | None -> () ]
            Expect.isGreaterThan (results |> List.filter (fun r -> r.IsIdentified) |> List.length) 60 "identified"
            Expect.isGreaterThan (results |> List.filter (fun r -> not r.IsIdentified) |> List.length) 40 "not identified"
            Expect.isGreaterThan (results |> List.filter (fun r -> not (fst (moves r)).IsEmpty) |> List.length) 30 "with a move"
        forGraphs "every rule-2 move is justified, no further move is possible, and the verdict is the oracle's for P_x'(y, z')" 9400 300 randomAdmgs <| fun rng r g ->
            match randomConditionalQuery rng r with
            | None -> ()
            | Some(xs, ys, zs) ->
                let q = describe xs ys zs
                let p = project r
                let result = Idc.Identify(g, ys, xs, zs)
                let steps, finalX = moves result
                let mutable z = zs
                for x, moved in steps do
                    if not (z.Contains moved) then failtestf "%s: moved %s, which is not a condition" q moved
                    if not (rule2 p ys x (z.Remove moved) moved) then failtestf "%s: %s moved although (Y ⊥ %s | X, Z \\ {%s}) fails in G_{X̄,%s̲}" q moved moved moved moved
                    z <- z.Remove moved
                if finalX <> Set.union xs (zs - z) then failtestf "%s: final X %s" q (fmt finalX)
                for left in z do
                    if rule2 p ys finalX (z.Remove left) left then failtestf "%s: %s could still move" q left
                let oracle = identifiableOracle r finalX (Set.union ys z)
                if result.IsIdentified <> oracle then failtestf "%s: IDC says %b, the oracle says %b for P(%s | do(%s))" q result.IsIdentified oracle (fmt (Set.union ys z)) (fmt finalX)
        forGraphs "with no conditions IDC returns ID's result" 9800 150 randomAdmgs <| fun rng r g ->
            let xs, ys = randomQuery rng r
            match Idc.Identify(g, ys, xs, []), Id.Identify(g, ys, xs) with
            | (:? Identified as a), (:? Identified as b) -> same a.Estimand b.Estimand (describe xs ys Set.empty)
            | (:? NotIdentified as a), (:? NotIdentified as b) -> Expect.equal (string a.Hedge) (string b.Hedge) "same hedge"
            | a, b -> failtestf "IDC %O, ID %O" a b
    ]

[<Tests>]
let tests = testList "Identification.Idc" [ examples; errors; properties ]
