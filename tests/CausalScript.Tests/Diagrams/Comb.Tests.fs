/// Disintegration, 2-combs and identification by comb (src/CausalScript/Diagrams/Disintegration.cs, Comb.cs,
/// CombIdentification.cs) against string-diagrams.md §2: the JKZ ω1–ω3 tables (exact §2.3 values, rationals and 1e-12
/// in doubles), the §2.2 intermediate tables of ω1, reconstruction ω = f[g], the §2.4 latent model (29/100, 61/100)
/// by surgery and by comb, the bow arc and the napkin (no comb; ID's hedge / ID's estimand), full-support errors, and
/// ground truth on random models: comb disintegration of the observed joint equals surgery on the full model, exactly.
module CausalScript.Tests.Diagrams.CombTests

open System
open Expecto
open CausalScript
open CausalScript.Graphs
open CausalScript.Models
open CausalScript.Inference
open CausalScript.Expressions
open CausalScript.Identification
open CausalScript.Diagrams
open CausalScript.Tests.Graphs
open CausalScript.Tests.Graphs.Generators
open CausalScript.Tests.Graphs.Reference
open CausalScript.Tests.Diagrams.DiagramTests

let private q (text: string) = Rational.Parse text

/// The authors' demo tables (index order S, T, C; 000 … 111), string-diagrams.md §2.1.
let omegas =
    [ "ω1", [ "0.50"; "0.10"; "0.01"; "0.02"; "0.10"; "0.05"; "0.02"; "0.20" ], ("4/21", "25/37"), ("8783/34650", "4013/7400")
      "ω2", [ "0.14"; "0.05"; "0.16"; "0.05"; "0.10"; "0.21"; "0.10"; "0.19" ], ("1/4", "2/3"), ("449/899", "599/1197")
      "ω3", [ "0.30"; "0.05"; "0.20"; "0.05"; "0.05"; "0.05"; "0.25"; "0.05" ], ("1/6", "1/4"), ("11/45", "37/175") ]

let exactState (cells: string list) = Channel<Rational>.Create([], [ S; T; C ], cells |> List.map q)
let doubleState (cells: string list) = Channel<float>.Create([], [ S; T; C ], cells |> List.map float)
let omega1 = exactState (let _, cells, _, _ = omegas[0] in cells)

let private values (c: Channel<'T>) = List.ofSeq c.Values

/// Planted effects on small DAGs with hidden nodes and a few ↔ edges (front doors are common).
let hiddenDagsForComb = { MinNodes = 4; MaxNodes = 7; PDirected = 0.4; PBidirected = 0.05; PLatent = 0.3 }

/// The ground-truth check of one query: when the comb finds a witness, ID must identify the query (it is complete),
/// the comb's estimand must equal surgery on a random full model in every cell (EstimandVerifier), and so must the
/// comb disintegration of that model's observed joint (CombIdentification.Effect); when it does not, ID's hedge (if
/// any) must be valid. Returns whether the comb found a witness.
let againstSurgery (rng: Random) (g: Admg) (x: string) (y: string) (context: string list) (where: string) =
    try
        match CombIdentification.Identify(g, [ x ], [ y ], context) with
        | :? CombComputable as result ->
            let id = Identify.Effect(g, CausalQuery.P([ y ]).Do([ x ]).Given(context))
            Expect.isTrue id.IsIdentified (sprintf "comb %O but ID %O" result id)
            let model = EstimandVerifier.RandomModel(g, rng.Next 100000)
            let mismatches = EstimandVerifier.Check(model, [ y ], [ x ], context, result.Estimand)
            if mismatches.Count > 0 then failtestf "%O disagrees with surgery: %s" result (String.Join("; ", mismatches))
            let effect = CombIdentification.Effect(Stoch.EvaluateExact(Diagram.FromModel model), result.Witness)
            let xv, yv = model[x], model[y]
            let zs = context |> List.map (fun n -> model[n])
            for xValue in [ false; true ] do
                let truth = Stoch.EvaluateExact((Diagram.FromModel model).Do(xv.Is xValue).Marginal(zs @ [ yv ])).Conditional([ yv ], zs)
                for zValue in (if zs.IsEmpty then [ [] ] else [ [ false :> obj ]; [ true :> obj ] ]) do
                    let actual = effect.At(Array.ofList ([ xValue :> obj ] @ zValue @ [ true :> obj ]))
                    let expected = truth.At(Array.ofList (zValue @ [ true :> obj ]))
                    Expect.equal actual expected (sprintf "%O: x = %b, z = %A" result xValue zValue)
            true
        | :? CombNotComputable as n ->
            match n.IdVerdict with
            | :? NotIdentified as h -> CausalScript.Tests.Identification.IdTests.checkHedge g (y :: context) [ x ] h.Hedge "ID's hedge"
            | _ -> ()
            false
        | other -> failtestf "%O" other
    with e -> failtestf "%s, x = %s, y = %s, context = %A\n%s" where x y context e.Message

/// A random graph with a planted front door: a new node "m" with x → m → y, the direct edge x → y dropped and x ↔ y
/// added; half of the time a new root "z" (the context) with edges into x, m and y at random.
let plantedFrontDoor (rng: Random) =
    let rec attempt () =
        let r = randomGraph rng hiddenDagsForComb
        let observed = r.Observed
        let x = observed[rng.Next observed.Length]
        let ys = [ for v in observed do if v <> x && not ((Reference.descendants r (Set.singleton v)).Contains x) then v ]
        if ys.IsEmpty then attempt ()
        else
            let y = ys[rng.Next ys.Length]
            let withContext = rng.Next 2 = 0
            let contextEdges = [ for t in [ x; "m"; y ] do if withContext && rng.Next 3 > 0 then "z", t ]
            let directed = (x, "m") :: ("m", y) :: contextEdges @ (r.Directed |> List.filter ((<>) (x, y)))
            let nodes = r.Nodes @ [ "m" ] @ (if withContext then [ "z" ] else [])
            let bidirected = (x, y) :: (r.Bidirected |> List.filter (fun e -> e <> (x, y) && e <> (y, x)))
            RGraph(nodes, directed, bidirected, r.Latent), x, y, (if withContext then [ "z" ] else [])
    attempt ()

[<Tests>]
let tests =
    testList "Diagrams.Comb" [
        testList "JKZ ω tables, §2.3" [
            for name, cells, (naive0, naive1), (do0, do1) in omegas do
                testCase (sprintf "%s: P(C=1 | do(S)) = %s, %s exactly; P(C=1 | S) = %s, %s" name do0 do1 naive0 naive1) <| fun () ->
                    let omega = exactState cells
                    let effect = Comb.Interventional(omega, [ S ], [ T ], [ C ])
                    Expect.equal effect.Signature "S → C" "a channel S → C"
                    Expect.equal (effect.At(false, true), effect.At(true, true)) (q do0, q do1) "P(C=1 | do(S))"
                    Expect.equal (effect.At(false, false) + effect.At(false, true)) Rational.One "row sums to 1"
                    let naive = omega.Conditional([ C ], [ S ])
                    Expect.equal (naive.At(false, true), naive.At(true, true)) (q naive0, q naive1) "P(C=1 | S)"
                testCase (sprintf "%s: the same in doubles within 1e-12" name) <| fun () ->
                    let effect = Comb.Interventional(doubleState cells, [ S ], [ T ], [ C ])
                    let close (actual: float) (expected: string) what =
                        Expect.floatClose { absolute = 1e-12; relative = 0.0 } actual ((q expected).ToDouble()) what
                    close (effect.At(false, true)) do0 "do(S=0)"
                    close (effect.At(true, true)) do1 "do(S=1)"
                    close (effect.At(false, false)) (string (Rational.One - q do0)) "P(C=0 | do(S=0))"
                testCase (sprintf "%s: reconstruction g·f = ω exactly" name) <| fun () ->
                    let omega = exactState cells
                    let parts = Comb.Disintegrate(omega, [ S ], [ T ], [ C ])
                    Expect.isTrue (parts.Comb.Plug(parts.Hole).SameAs omega) "f[g] = ω"
                    Expect.isTrue (parts.Joint.SameAs omega) "Joint"
                    Expect.isNull (TwoComb<Rational>.CheckNonSignalling(parts.Comb.Channel, 1)) "f is non-signalling"
        ]
        testList "ω1 step by step, §2.2" [
            let parts = Comb.Disintegrate(omega1, [ S ], [ T ], [ C ])
            let f = parts.Comb
            let g = parts.Hole
            testCase "P(S) = 63/100, 37/100 (the first tooth)" <| fun () ->
                Expect.equal (values f.FirstTooth) [ q "63/100"; q "37/100" ] "f₁"
                Expect.equal (values (omega1.Marginal [ S ])) [ q "63/100"; q "37/100" ] "marginal by name"
            testCase "g = P(T | S): P(T=1 | S=0) = 1/21, P(T=1 | S=1) = 22/37" <| fun () ->
                Expect.equal g.Signature "S → T" "g : S → T"
                Expect.equal (values g) [ q "20/21"; q "1/21"; q "15/37"; q "22/37" ] "table"
            testCase "P(C=1 | S, T) = 1/6, 2/3, 1/3, 10/11" <| fun () ->
                let c = omega1.Conditional([ C ], [ S; T ])
                Expect.equal [ for s in [ false; true ] do for t in [ false; true ] -> c.At(s, t, true) ] ([ "1/6"; "2/3"; "1/3"; "10/11" ] |> List.map q) "P(C=1 | s, t)"
            testCase "f(s, c | t) = P(s) P(c | s, t): the design's table, rows summing to 1" <| fun () ->
                Expect.equal f.Signature "Comb I → S ‖ T → C" "signature"
                let row t = [ for s in [ false; true ] do for c in [ false; true ] -> f.Channel.At(t, s, c) ]
                Expect.equal (row false) ([ "21/40"; "21/200"; "37/150"; "37/300" ] |> List.map q) "t = 0"
                Expect.equal (row true) ([ "21/100"; "21/50"; "37/1100"; "37/110" ] |> List.map q) "t = 1"
                Expect.equal (List.reduce (+) (row false), List.reduce (+) (row true)) (Rational.One, Rational.One) "rows"
            testCase "Σ_s f(s, C=1 | t) = 137/600 and 208/275 (the back-door effect of T)" <| fun () ->
                let sum t = f.Channel.At(t, false, true) + f.Channel.At(t, true, true)
                Expect.equal (sum false, sum true) (q "137/600", q "208/275") "Σ_s f"
                let cut = f.CutFirst()
                Expect.equal (cut.Channel.At(false, true, true) * q "2") (q "137/600") "the cut comb carries u(s) Σ_s' f"
            testCase "the altered state ω1' = f_cut[g], entry by entry" <| fun () ->
                let altered = f.CutFirst().Plug(g)
                Expect.equal altered.Signature "I → S ⊗ T ⊗ C" "signature"
                Expect.equal (values altered) ([ "463/1260"; "137/1260"; "67/11550"; "104/5775"; "463/2960"; "137/2960"; "67/925"; "208/925" ] |> List.map q) "ω1'"
                Expect.equal (values (altered.Marginal [ S ])) [ q "1/2"; q "1/2" ] "uniform S-marginal"
            testCase "do on the first tooth gives the do(S = s) column directly" <| fun () ->
                let at s = f.DoFirst(s :> obj).Plug(g).Marginal([ C ])
                Expect.equal (values (at false)) [ q "25867/34650"; q "8783/34650" ] "do(S=0)"
                Expect.equal (values (at true)) [ q "3387/7400"; q "4013/7400" ] "do(S=1)"
        ]
        testList "disintegration and combs" [
            testCase "disintegration: ω = (id ⊗ ω_{B|A}) ∘ Δ ∘ ω_A, by names and by positions" <| fun () ->
                let d = Disintegration.Disintegrate(omega1, [ S; T ], [ C ])
                Expect.equal d.Conditional.Signature "S ⊗ T → C" "conditional"
                Expect.isTrue (d.Joint.SameAs omega1) "reconstruction"
                let byPosition = Disintegration.Disintegrate(omega1, [| 2 |], [| 0 |])
                Expect.equal byPosition.Conditional.Signature "C → S" "C → S"
                Expect.equal (byPosition.Marginal.Values[1]) (q "37/100") "P(C = 1)"
            testCase "no full support: the error names every zero entry" <| fun () ->
                let sparse = exactState [ "0.3"; "0.1"; "0"; "0"; "0.2"; "0.2"; "0.1"; "0.1" ]
                let e = ExpectSets.throws<DiagramException> (fun () -> Disintegration.Disintegrate(sparse, [ S; T ], [ C ]) |> ignore) "P(S=0, T=1) = 0"
                ExpectSets.contains e.Message "P(S = false, T = true) = 0" "names the zero entry"
                let e = ExpectSets.throws<DiagramException> (fun () -> Comb.Interventional(sparse, [ S ], [ T ], [ C ]) |> ignore) "comb"
                ExpectSets.contains e.Message "P(S = false, T = true) = 0" "the comb needs full support of P(S, T)"
                let two = exactState [ "0.5"; "0"; "0"; "0"; "0"; "0"; "0"; "0.5" ]
                let e = ExpectSets.throws<DiagramException> (fun () -> two.Conditional([ C ], [ S; T ]) |> ignore) "two zeros"
                ExpectSets.contains e.Message "P(S = false, T = true) = 0, P(S = true, T = false) = 0" "both, in order"
            testCase "ZeroConditions.Uniform: uniform rows off the support, the reconstruction still exact" <| fun () ->
                let sparse = exactState [ "0.3"; "0.1"; "0"; "0"; "0.2"; "0.2"; "0.1"; "0.1" ]
                let d = Disintegration.Disintegrate(sparse, [ S; T ], [ C ], ZeroConditions.Uniform)
                Expect.equal (d.Conditional.At(false, true, false), d.Conditional.At(false, true, true)) (q "1/2", q "1/2") "uniform row"
                Expect.isTrue (d.Joint.SameAs sparse) "reconstruction"
                let parts = Comb.Disintegrate(sparse, [ S ], [ T ], [ C ], ZeroConditions.Uniform)
                Expect.isTrue (parts.Joint.SameAs sparse) "f[g] = ω"
            testCase "a signalling channel is not a comb; the error names the inputs that disagree" <| fun () ->
                // B → A ⊗ C where A copies B: the first output depends on the hole.
                let signalling = Channel<Rational>.Copy(T, 2)
                let e = ExpectSets.throws<DiagramException> (fun () -> TwoComb<Rational>.Create(signalling, 1) |> ignore) "signals"
                ExpectSets.contains e.Message "T = false" "names an input"
                ExpectSets.contains e.Message "T = true" "names the other"
                Expect.isNotNull (TwoComb<Rational>.CheckNonSignalling(signalling, 1)) "check"
                let ok = TwoComb<Rational>.Create(Channel<Rational>.Uniform(S).Tensor(Channel<Rational>.Identity([ T ])), 1)
                Expect.equal ok.Signature "Comb I → S ‖ T → T" "a comb"
            testCase "plugging a channel with the wrong wires names both sides" <| fun () ->
                let parts = Comb.Disintegrate(omega1, [ S ], [ T ], [ C ])
                let e = ExpectSets.throws<DiagramException> (fun () -> parts.Comb.Plug(Channel<Rational>.Identity([ S ])) |> ignore) "S → S"
                ExpectSets.contains e.Message "'S'" "names S"
                ExpectSets.contains e.Message "'T'" "names T"
        ]
        testList "identification by comb" [
            let observed = Stoch.EvaluateExact(Diagram.FromModel smoking)
            testCase "§2.4: surgery on the full model = comb disintegration of the observed joint = ID's estimand: 29/100, 61/100" <| fun () ->
                let d = Diagram.FromModel smoking
                let surgery s = (Stoch.EvaluateExact(d.Do(S.Is s).Marginal([ C ]))).Values[1]
                let cut = Stoch.EvaluateExact(d.Cut(S).Marginal([ S; C ])).Conditional([ C ], [ S ])
                Expect.equal (surgery false, surgery true) (q "29/100", q "61/100") "do on the full model"
                Expect.equal (cut.At(false, true), cut.At(true, true)) (q "29/100", q "61/100") "cut on the full model"
                let comb = Comb.Interventional(observed, [ S ], [ T ], [ C ])
                Expect.equal (comb.At(false, true), comb.At(true, true)) (q "29/100", q "61/100") "comb on the observed joint"
                let naive = observed.Conditional([ C ], [ S ])
                Expect.equal (naive.At(false, true), naive.At(true, true)) (q "1/5", q "7/10") "naive"
                match CombIdentification.Identify(d, [ S ], [ C ]) with
                | :? CombComputable as r ->
                    let effect = CombIdentification.Effect(observed, r.Witness)
                    Expect.equal (effect.At(false, true), effect.At(true, true)) (q "29/100", q "61/100") "Effect"
                    let table = r.Estimand.Table(observed.ToFactor())
                    Expect.equal (table[[| S.Is false; C.Is true |]], table[[| S.Is true; C.Is true |]]) (q "29/100", q "61/100") "the estimand"
                | other -> failtestf "expected a comb, got %O" other
            testCase "the witness of the smoking diagram: f = {H, S | C}, g = {T}; the estimand is the front-door formula" <| fun () ->
                match CombIdentification.Identify(Diagram.FromModel smoking, [ S ], [ C ]) with
                | :? CombComputable as r ->
                    let w = r.Witness
                    Expect.equal (List.ofSeq w.HoleBoxes, List.ofSeq w.Hole) ([ "T" ], [ "T" ]) "g"
                    Expect.equal (List.ofSeq w.FirstTooth, List.ofSeq w.SecondTooth) ([ "H"; "S" ], [ "C" ]) "f"
                    Expect.equal r.Estimand (ExpressionParser.Parse "sum_{T} P(T | S) sum_{S'} P(C | S', T) P(S')") "canonical equality with the textbook formula"
                    Expect.equal r.Estimand (Identify.Effect(smoking.Graph, CausalQuery.P([ "C" ]).Do([ "S" ])).OrThrow()) "= Identify.Effect's front door"
                    Expect.equal (string w) "f = {H, S | C}, g = {T}, hole outputs {T}" "ToString"
                | other -> failtestf "expected a comb, got %O" other
            testCase "the same witness from the model and from the ADMG (S ↔ C as a hidden box)" <| fun () ->
                for result in [ CombIdentification.Identify(smoking, [ S ], [ C ]); CombIdentification.Identify(Admg.Parse "S -> T -> C; S <-> C", [ "S" ], [ "C" ]) ] do
                    match result with
                    | :? CombComputable as r -> Expect.equal (List.ofSeq r.Witness.Hole) [ "T" ] (string result)
                    | other -> failtestf "expected a comb, got %O" other
                match CombIdentification.Identify(Admg.Parse "S -> T -> C; S <-> C", [ "S" ], [ "C" ]) with
                | :? CombComputable as r -> Expect.equal (List.ofSeq r.Witness.FirstTooth) [ "S↔C"; "S" ] "the bidirected edge is a hidden box of f"
                | other -> failtestf "%O" other
            testCase "bow arc (S → C, S ↔ C through H, no mediator): no comb, and ID gives a valid hedge" <| fun () ->
                let bow =
                    Scm.Create("bow")
                        .Latent(H, Mechanism.Prior([ 0.5; 0.5 ]))
                        .Node(S, Mechanism.Cpt([ H ], [ 0.8; 0.2; 0.2; 0.8 ]))
                        .Node(C, Mechanism.Cpt([ S; H ], [ 0.9; 0.1; 0.6; 0.4; 0.5; 0.5; 0.2; 0.8 ]))
                        .Build()
                for result in [ CombIdentification.Identify(Diagram.FromModel bow, [ S ], [ C ]); CombIdentification.Identify(bow, [ S ], [ C ]) ] do
                    match result with
                    | :? CombNotComputable as n ->
                        ExpectSets.contains n.Reason "'C' is a child of the cut variable 'S' (S → C)" "the reason"
                        match n.IdVerdict with
                        | :? NotIdentified as h -> CausalScript.Tests.Identification.IdTests.checkHedge bow.Graph [ "C" ] [ "S" ] h.Hedge "bow"
                        | other -> failtestf "ID should give a hedge, got %O" other
                    | other -> failtestf "expected no comb, got %O" other
            testCase "napkin: no comb, but ID identifies (another route exists)" <| fun () ->
                match CombIdentification.Identify(Admg.Parse "W1 -> W2 -> X -> Y; W1 <-> X; W1 <-> Y", [ "X" ], [ "Y" ]) with
                | :? CombNotComputable as n ->
                    ExpectSets.contains n.Reason "'Y' is a child of the cut variable 'X'" "reason"
                    Expect.isTrue n.IdVerdict.IsIdentified (string n.IdVerdict)
                | other -> failtestf "expected no comb, got %O" other
            testCase "X and the mediator confounded (X ↔ M): no comb, the reason names the chain; ID: hedge" <| fun () ->
                match CombIdentification.Identify(Admg.Parse "X -> M -> Y; X <-> Y; X <-> M", [ "X" ], [ "Y" ]) with
                | :? CombNotComputable as n ->
                    ExpectSets.contains n.Reason "X → M starts a directed path to the outcomes, so 'M' must be in the hole" "start"
                    ExpectSets.contains n.Reason "'X↔M' causes the hole box 'M'" "the latent"
                    ExpectSets.contains n.Reason "but 'X' is a cut variable" "the conflict"
                    Expect.isFalse n.IdVerdict.IsIdentified (string n.IdVerdict)
                | other -> failtestf "expected no comb, got %O" other
            testCase "a mediator with a confounded cause that also reaches Y: no comb (M ← W → Y, W ↔ X)" <| fun () ->
                match CombIdentification.Identify(Admg.Parse "X -> M -> Y; W -> M; W -> Y; W <-> X; X <-> Y", [ "X" ], [ "Y" ]) with
                | :? CombNotComputable as n -> ExpectSets.contains n.Reason "'W' causes the hole box 'M'" "names W"
                | other -> failtestf "expected no comb, got %O" other
            testCase "an unconfounded extra cause of the mediator joins the hole outputs (B = {M, W})" <| fun () ->
                match CombIdentification.Identify(Admg.Parse "X -> M -> Y; W -> M; W -> Y; X <-> Y", [ "X" ], [ "Y" ]) with
                | :? CombComputable as r ->
                    Expect.equal (Set.ofSeq r.Witness.Hole) (set [ "M"; "W" ]) "hole outputs"
                    Expect.isEmpty (EstimandVerifier.Check(Admg.Parse "X -> M -> Y; W -> M; W -> Y; X <-> Y", [ "Y" ], [ "X" ], r.Estimand, [ 1..5 ])) "ground truth"
                | other -> failtestf "expected a comb, got %O" other
            testCase "a hidden cause private to the hole stays inside g (L → M only)" <| fun () ->
                let g = Admg.CreateBuilder().Edge("X", "M").Edge("M", "Y").Edge("L", "M").Bidirected("X", "Y").Latent([ "L" ]).Build()
                match CombIdentification.Identify(g, [ "X" ], [ "Y" ]) with
                | :? CombComputable as r ->
                    Expect.equal (List.ofSeq r.Witness.HoleBoxes, List.ofSeq r.Witness.Hole) ([ "L"; "M" ], [ "M" ]) "g = {L, M}, output M"
                    Expect.isEmpty (EstimandVerifier.Check(g, [ "Y" ], [ "X" ], r.Estimand, [ 1..5 ])) "ground truth"
                | other -> failtestf "expected a comb, got %O" other
            testCase "no directed path from X to Y: an empty hole, P(y)" <| fun () ->
                match CombIdentification.Identify(Admg.Parse "X <- Y", [ "X" ], [ "Y" ]) with
                | :? CombComputable as r ->
                    Expect.equal r.Estimand (ExpressionParser.Parse "P(Y)") "P(y)"
                    Expect.isEmpty r.Witness.Hole "no hole"
                | other -> failtestf "%O" other
            testCase "context variant: P(y | do(x), z) = Σ_m P(m | x, z) Σ_x' P(x' | z) P(y | x', m, z), exact on random models" <| fun () ->
                let g = Admg.Parse "Z -> X -> M -> Y; Z -> M; Z -> Y; X <-> Y"
                match CombIdentification.Identify(g, [ "X" ], [ "Y" ], [ "Z" ]) with
                | :? CombComputable as r ->
                    Expect.equal r.Estimand (ExpressionParser.Parse "sum_{M} P(M | X, Z) sum_{X'} P(X' | Z) P(Y | X', M, Z)") "estimand"
                    Expect.isEmpty (EstimandVerifier.Check(g, [ "Y" ], [ "X" ], [ "Z" ], r.Estimand, [ 1..5 ])) "ground truth"
                    let model = EstimandVerifier.RandomModel(g, 7)
                    let effect = CombIdentification.Effect(Stoch.EvaluateExact(Diagram.FromModel model), r.Witness)
                    Expect.equal effect.Signature "X ⊗ Z → Y" "X ⊗ Z → Y"
                    let x, y, z = model["X"], model["Y"], model["Z"]
                    for xv in [ false; true ] do
                        let truth = Stoch.EvaluateExact((Diagram.FromModel model).Do(x.Is xv).Marginal([ z; y ])).Conditional([ y ], [ z ])
                        for zv in [ false; true ] do
                            Expect.equal (effect.At(xv, zv, true)) (truth.At(zv, true)) (sprintf "x = %b, z = %b" xv zv)
                | other -> failtestf "expected a comb, got %O" other
            testCase "a context with a cause outside it is refused with the reason" <| fun () ->
                match CombIdentification.Identify(Admg.Parse "Z -> X -> M -> Y; X <-> Y; X <-> Z", [ "X" ], [ "Y" ], [ "Z" ]) with
                | :? CombNotComputable as n -> ExpectSets.contains n.Reason "the context variable 'Z' has the cause 'X↔Z'" "reason"
                | other -> failtestf "expected no comb, got %O" other
            testCase "unknown and latent names are refused" <| fun () ->
                ExpectSets.throws<UnknownNodeException> (fun () -> CombIdentification.Identify(Admg.Parse "S -> T -> C", [ "Q" ], [ "C" ]) |> ignore) "unknown" |> ignore
                ExpectSets.throws<GraphException> (fun () -> CombIdentification.Identify(smoking, [ H ], [ C ]) |> ignore) "latent" |> ignore
        ]
        testList "ground truth" [
            testCase "front-door shape with latent H, 30 random full models: comb of the observed joint = surgery, exactly" <| fun () ->
                let shape = Admg.CreateBuilder().Edge("H", "S").Edge("H", "C").Edge("S", "T").Edge("T", "C").Latent([ "H" ]).Build()
                for seed in 1..30 do
                    let model = EstimandVerifier.RandomModel(shape, seed)
                    let s, t, c = model["S"], model["T"], model["C"]
                    let full = Diagram.FromModel model
                    let observed = Stoch.EvaluateExact full
                    let truth = Stoch.EvaluateExact(full.Open(s).Marginal([ c ]))
                    let comb = Comb.Interventional(observed, [ s ], [ t ], [ c ])
                    Expect.isTrue (comb.SameAs truth) (sprintf "seed %d: comb %O, surgery %O" seed comb truth)
                    let parts = Comb.Disintegrate(observed, [ s ], [ t ], [ c ])
                    Expect.isTrue (parts.Joint.SameAs observed) (sprintf "seed %d: f[g] = ω" seed)
            testCase "planted effects (200): comb computable ⇒ ID identifies, and the comb equals surgery on the full model" <| fun () ->
                let mutable computable = 0
                for seed in 51000 .. 51199 do
                    let rng = Random(seed)
                    match plantedEffect rng hiddenDagsForComb with
                    | _, None -> ()
                    | r, Some(x, y) ->
                        let candidates = [ for n in r.Observed do if n <> x && n <> y then n ]
                        let context = if candidates.IsEmpty || rng.Next 3 > 0 then [] else [ candidates[rng.Next candidates.Length] ]
                        if againstSurgery rng (Reference.toAdmg r) x y context (sprintf "seed %d, graph %O" seed r) then computable <- computable + 1
                Expect.isGreaterThanOrEqual computable 15 "enough comb-computable cases to mean something"
            testCase "planted front doors (150) with random surroundings and a root context: the same checks" <| fun () ->
                let mutable computable = 0
                for seed in 52000 .. 52149 do
                    let rng = Random(seed)
                    let r, x, y, context = plantedFrontDoor rng
                    if againstSurgery rng (Reference.toAdmg r) x y context (sprintf "seed %d, graph %O" seed r) then computable <- computable + 1
                Expect.isGreaterThanOrEqual computable 40 "enough comb-computable cases to mean something"
        ]
    ]
