/// Counterfactuals: Pearl's firing squad in exact rationals, probabilities of causation against hand derivations and
/// the Tian–Pearl formulas, the counterfactual axioms (consistency, composition) and exact answers against a
/// brute-force enumeration over the noise, sampling, unit-level abduction, ETT and the twin network.
module CausalScript.Tests.Inference.CounterfactualsTests

open System
open Expecto
open CausalScript
open CausalScript.Graphs
open CausalScript.Models
open CausalScript.Inference
open CausalScript.Data
open CausalScript.Tests.Graphs
open CausalScript.Tests.Models.ScmReference
open CausalScript.Tests.Models.ScmReference.FiringSquad

let private r (s: string) = Rational.Parse s

let private contains = ExpectSets.contains

let private close = ExpectSets.close

let private withinBinomial (n: int) (p: float) (phat: float) (message: string) =
    let bound = 5.0 * sqrt (p * (1.0 - p) / float n) + 1e-12
    if abs (phat - p) > bound then failtestf "%s: frequency %.5f, probability %.5f, bound %.5f (n = %d)" message phat p bound n

let private edges (g: Admg) =
    set [ for e in g.DirectedEdges -> e.From + " -> " + e.To ], set [ for e in g.BidirectedEdges -> set [ e.From; e.To ] ]

/// A random world variable: a variable under a random intervention (none, or one or two assignments).
let private randomWorld (rng: Random) (m: RModel) (worlds: Map<string, int>[]) =
    let v = m.Nodes[rng.Next m.Nodes.Length].Var
    v, worlds[rng.Next worlds.Length]

let private randomIntervention (rng: Random) (m: RModel) =
    let vars = shuffle rng [| for n in m.Nodes -> n.Var |]
    vars |> Array.take (1 + rng.Next 2) |> Array.map (fun v -> v.Name, rng.Next v.Size) |> Map.ofArray

[<Tests>]
let tests =
    testList "Inference.Counterfactuals" [
        testCase "firing squad: P(D_{A=false} = true | D = true) = p/(p + q − pq) = 5/6 exactly for p = 0.6, q = 0.3" <| fun () ->
            // Given D (= U ∨ W), had A not fired, D would equal B = U: the posterior P(U | U ∨ W) = p/(p + q − pq).
            let p, q = r "3/5", r "3/10"
            let formula = p / (p + q - p * q)
            Expect.equal formula (r "5/6") "the formula's value: 0.6/0.72"
            let Dx = D.Under([ A.Is false ])
            Expect.equal Dx.Name "D[A=false]" "counterfactual name"
            for m in [ model p q; bernoulli 0.6 0.3 ] do
                let exact = Counterfactuals.ExactRational(m, [ Dx ], [ D.Is true ])
                Expect.equal exact[[| Dx.Is true |]] (r "5/6") "exact rational"
                Expect.equal exact[[| Dx.Is false |]] (r "1/6") "complement"
                close (5.0 / 6.0) (m.CounterfactualProbability(Dx.Is true, [ D.Is true ])) "double"
                close (5.0 / 6.0) (Counterfactuals.Exact(m, [ Dx ], [ D.Is true ])[[| Dx.Is true |]]) "Exact"
            // The interventional (not counterfactual) P(D_{A=false} = true) = P(B) = P(U) = p.
            Expect.equal (Counterfactuals.ExactRational(model p q, [ Dx ])[[| Dx.Is true |]]) p "no evidence: interventional"

        testCase "firing squad with q = 0.7 given as decimals: 0.6/(1.3 − 0.42) = 15/22 in rationals (Bernoulli(0.7) is exact)" <| fun () ->
            let p, q = r "3/5", r "7/10"
            let formula = p / (p + q - p * q)
            Expect.equal formula (r "15/22") "the formula's value: 0.6/0.88"
            let Dx = D.Under([ A.Is false ])
            Expect.equal (Counterfactuals.ExactRational(bernoulli 0.6 0.7, [ Dx ], [ D.Is true ])[[| Dx.Is true |]]) formula "Bernoulli(0.7) in rationals"
            for p in [ 0.05; 0.15; 0.35; 0.7; 0.8; 0.9; 0.95 ] do
                let U = Variable.Bool "U"
                let m = Scm.Create().Node(U, Noise.Bernoulli p).Build()
                Expect.equal (m.ProbabilityExact(U.Is true, [])) (Rational.FromDecimal p) $"Bernoulli({p}) read as the decimal it was written with"

        testCase "firing squad: PN = 1/6, PS = 1, PNS = 2/5 for treatment A = true, outcome D = true" <| fun () ->
            // D = A ∨ U and A = U ∨ W, so D = U ∨ W.
            //   PN  = P(D_{A=0} = 0 | A = 1, D = 1) = P(U = 0 | U ∨ W) = (1−p)q / (p + q − pq) = 0.12/0.72 = 1/6.
            //   PS  = P(D_{A=1} = 1 | A = 0, D = 0) = 1: D_{A=1} = 1 ∨ U = 1 for every unit.
            //   PNS = P(D_{A=1} = 1, D_{A=0} = 0) = P(U = 0) = 1 − p = 2/5.
            for m in [ model (r "3/5") (r "3/10"); bernoulli 0.6 0.3 ] do
                let pc = Counterfactuals.ProbabilitiesOfCausation(m, A.Is true, D.Is true)
                close (1.0 / 6.0) pc.Necessity "PN"
                close 1.0 pc.Sufficiency "PS"
                close 0.4 pc.NecessityAndSufficiency "PNS"

        testCase "PN, PS, PNS of Y = (X ∧ U1) ∨ U2 equal the Tian–Pearl formulas under exogeneity and monotonicity" <| fun () ->
            // X exogenous, Y monotone in X: PNS = P(y|x) − P(y|x'), PN = PNS / P(y|x), PS = PNS / (1 − P(y|x')) (Pearl 2009,
            // Thm 9.2.15). With P(U1) = 3/5, P(U2) = 1/4: P(y|x) = 1 − (2/5)(3/4) = 7/10, P(y|x') = 1/4, so PNS = 9/20,
            // PN = 9/14, PS = 3/5. By hand: Y_1 = U1 ∨ U2, Y_0 = U2, PNS = P(U1 ∧ ¬U2) = 3/5·3/4.
            let X, U1, U2, Y = Variable.Bool "X", Variable.Bool "U1", Variable.Bool "U2", Variable.Bool "Y"
            let m =
                Scm.Create().Node(X, Mechanism.Prior([ r "1/2"; r "1/2" ])).Latent(U1, Mechanism.Prior([ r "2/5"; r "3/5" ]))
                    .Noise(U2, Noise.Bernoulli 0.25)
                    .Node(Y, Mechanism.Function(X, U1, U2, Func<bool, bool, bool, bool>(fun x u1 u2 -> (x && u1) || u2))).Build()
            let pyx = m.ProbabilityExact(Y.Is true, [ X.Is true ])
            let pyx' = m.ProbabilityExact(Y.Is true, [ X.Is false ])
            Expect.equal pyx (r "7/10") "P(y|x)"
            Expect.equal pyx' (r "1/4") "P(y|x')"
            let pc = Counterfactuals.ProbabilitiesOfCausation(m, X.Is true, Y.Is true)
            close (toFloat ((pyx - pyx') / pyx)) pc.Necessity "PN = 9/14"
            close (toFloat ((pyx - pyx') / (Rational.One - pyx'))) pc.Sufficiency "PS = 3/5"
            close (toFloat (pyx - pyx')) pc.NecessityAndSufficiency "PNS = 9/20"
            close (9.0 / 14.0) pc.Necessity "PN by hand"
            let e = ExpectSets.throws<ModelException> (fun () -> Counterfactuals.ProbabilitiesOfCausation(m, (Variable.Range("K", 0, 2)).Is 1, Y.Is true) |> ignore) "non-binary"
            contains e.Message "PN, PS and PNS are defined for binary variables; 'K' has domain {0..2}" "non-binary"

        testCase "firing squad: the sampled counterfactual is within the binomial bound of 5/6" <| fun () ->
            let m = bernoulli 0.6 0.3
            let Dx = D.Under([ A.Is false ])
            let s = Counterfactuals.Sample(m, [ Dx; D ], [ D.Is true ], 50_000, 3)
            Expect.equal s.Drawn 50_000 "units drawn"
            withinBinomial s.Drawn 0.72 s.AcceptanceRate "acceptance = P(D = true) = 0.72"
            Expect.equal [ for v in s.Samples.Variables -> v.Name ] [ "D[A=false]"; "D" ] "columns named by the query"
            Expect.equal (s.Samples.Count([ D.Is true ])) s.Samples.RowCount "every accepted unit has D = true"
            withinBinomial s.Samples.RowCount (5.0 / 6.0) (float (s.Samples.Count([ Dx.Is true ])) / float s.Samples.RowCount) "P(D_{A=false} | D)"
            let again = Counterfactuals.Sample(m, [ Dx; D ], [ D.Is true ], 50_000, 3)
            Expect.sequenceEqual (again.Samples.Codes(Dx).ToArray()) (s.Samples.Codes(Dx).ToArray()) "seeded"
            let e = ExpectSets.throws<ModelException> (fun () -> Counterfactuals.Sample(m, [ Dx ], [ D.Is false; A.Is true ], 1000, 1) |> ignore) "impossible evidence"
            contains e.Message "None of 1000 sampled units matched the evidence" "impossible evidence"

        testCase "twin network of the firing squad for do(A = false)" <| fun () ->
            let m = bernoulli 0.6 0.3
            let twin = m.TwinNetwork([ [ A.Is false ] ])
            Expect.equal twin.Worlds.Count 2 "factual and counterfactual worlds"
            let directed, bidirected = edges twin.FullGraph
            Expect.equal directed (set [ "U -> O"; "O -> A"; "W -> A"; "O -> B"; "A -> D"; "B -> D"; "A[A=false] -> D[A=false]"; "B -> D[A=false]" ]) "full DAG"
            Expect.isEmpty bidirected "no bidirected edges in the full DAG"
            Expect.equal (set twin.FullGraph.Latent) (set [ "U"; "W" ]) "noise terms latent"
            // O, B are shared (not descendants of A); D has no noise of its own, so D and D[A=false] share nothing
            // beyond B: no bidirected edge.
            let directed, bidirected = edges twin.Graph
            Expect.equal directed (set [ "O -> A"; "O -> B"; "A -> D"; "B -> D"; "A[A=false] -> D[A=false]"; "B -> D[A=false]" ]) "projected"
            Expect.isEmpty bidirected "no shared noise between observed copies"
            Expect.equal (twin.CopyOf(D, [ A.Is false ])).Name "D[A=false]" "copy of D"
            Expect.equal (twin.CopyOf(B, [ A.Is false ])).Name "B" "B is shared"
            Expect.equal (twin.Resolve(D.Under([ A.Is false ]))).Name "D[A=false]" "resolve"
            Expect.equal (twin.Resolve(O.Under([ A.Is false ]))).Name "O" "resolve a non-descendant"
            let intervened = twin.Nodes |> Seq.filter (fun n -> n.Intervened) |> List.ofSeq
            Expect.equal [ for n in intervened -> n.Copy.Name ] [ "A[A=false]" ] "one intervened node"
            let e = ExpectSets.throws<ModelException> (fun () -> twin.CopyOf(D, [ A.Is true ]) |> ignore) "no such world"
            contains e.Message "No world of this network has the intervention" "no such world"
            // A variable with its own noise (a logistic threshold) gets a bidirected edge to its counterfactual copy.
            let X, Y = Variable.Bool "X", Variable.Bool "Y"
            let logit = Scm.Create().Node(X, Mechanism.Prior([ 0.5; 0.5 ])).Node(Y, Mechanism.Logistic(0.0, [ struct (X, 1.0) ])).Build()
            let directed, bidirected = edges (logit.TwinNetwork([ [ X.Is true ] ]).Graph)
            Expect.equal directed (set [ "X -> Y"; "X[X=true] -> Y[X=true]" ]) "logistic twin"
            Expect.equal bidirected (set [ set [ "Y"; "Y[X=true]" ] ]) "shared noise of Y"

        testCase "property: exact counterfactuals equal a brute-force enumeration over the noise (150 random finite-noise SCMs)" <| fun () ->
            let rng = Random 41
            let mutable checkedQueries = 0
            for case in 1..150 do
                let rm = randomFunctionalModel rng
                let m = build "cf" rm
                let worlds = Array.append [| Map.empty |] (Array.init (1 + rng.Next 2) (fun _ -> randomIntervention rng rm))
                for _ in 1..3 do
                    let query = List.init (1 + rng.Next 2) (fun _ -> randomWorld rng rm worlds) |> List.distinctBy (underOf rm >> fun v -> v.Name)
                    let evidence = List.init (rng.Next 4) (fun _ -> randomWorld rng rm worlds) |> List.distinct |> List.map (fun wv -> wv, rng.Next (fst wv).Size)
                    let qv = query |> List.map (underOf rm)
                    let ev = [ for (wv, c) in evidence -> at (underOf rm wv) c ]
                    let context = $"case {case}: P({qv} | {show ev})\n{rm}"
                    match counterfactual rm query evidence with
                    | None ->
                        ExpectSets.throws<CausalScriptException> (fun () -> Counterfactuals.ExactRational(m, qv, ev) |> ignore) context |> ignore
                    | Some expected ->
                        let exact = Counterfactuals.ExactRational(m, qv, ev)
                        let approx = Counterfactuals.Exact(m, qv, ev)
                        Expect.equal [ for v in exact.Variables -> v.Name ] [ for v in qv -> v.Name ] $"axes, {context}"
                        for KeyValue(codes, p) in expected do
                            let cell = [| for (v, c) in List.zip qv codes -> at v c |]
                            if exact[cell] <> p then failtestf "P(%A) expected %O, got %O; %s" codes p exact[cell] context
                            if abs (approx[cell] - toFloat p) > 1e-12 then failtestf "double P(%A) expected %g, got %g; %s" codes (toFloat p) approx[cell] context
                        checkedQueries <- checkedQueries + 1
            Expect.isGreaterThan checkedQueries 250 "enough counterfactual queries with positive evidence"

        testCase "property: consistency (Y_x = Y when X = x), no intervention (Y_{} = Y) and composition (100 random finite-noise SCMs)" <| fun () ->
            let rng = Random 42
            let mutable consistencyChecks = 0
            let mutable compositionChecks = 0
            for case in 1..100 do
                let rm = randomFunctionalModel rng
                let m = build "axioms" rm
                let vars = shuffle rng [| for n in rm.Nodes -> n.Var |]
                let X, Y, W = vars[0], vars[1], (if vars.Length > 2 then Some vars[2] else None)
                let x = rng.Next X.Size
                let Yx = Y.Under([ at X x ])
                let context = $"case {case}: X = {X.Name}, Y = {Y.Name}\n{rm}"
                Expect.isTrue (Object.ReferenceEquals(Y.Under([]), Y)) "Y.Under() is Y"
                // Y_{} = Y: the counterfactual distribution with no intervention is the observational one.
                let cf = Counterfactuals.ExactRational(m, [ Y.Under([]) ])
                let obs = m.QueryExact([ Y ])
                for y in 0 .. Y.Size - 1 do
                    Expect.equal cf[[| at Y y |]] obs[[| at Y y |]] $"Y_{{}} = Y, {context}"
                if (conditional rm Map.empty [ X ] []).Value[[ x ]] <> Rational.Zero then
                    // Consistency: P(Y_x = y | X = x) = P(Y = y | X = x), and Y_x = Y for every unit with X = x.
                    let cfx = Counterfactuals.ExactRational(m, [ Yx ], [ at X x ])
                    let yx = m.QueryExact([ Y ], [ at X x ])
                    for y in 0 .. Y.Size - 1 do
                        Expect.equal cfx[[| at Yx y |]] yx[[| at Y y |]] $"P(Y_x = {y} | X = x) = P(Y = {y} | X = x), {context}"
                    let both = Counterfactuals.ExactRational(m, [ Yx; Y ], [ at X x ])
                    for a in 0 .. Y.Size - 1 do
                        for b in 0 .. Y.Size - 1 do
                            if a <> b && both[[| at Yx a; at Y b |]] <> Rational.Zero then
                                failtestf "P(Y_x = %d, Y = %d | X = x) = %O ≠ 0; %s" a b both[[| at Yx a; at Y b |]] context
                    consistencyChecks <- consistencyChecks + 1
                match W with
                | Some w' ->
                    // Composition: W_x = w implies Y_{x,w} = Y_x.
                    let w = rng.Next w'.Size
                    let Wx = w'.Under([ at X x ])
                    let Yxw = Y.Under([ at X x; at w' w ])
                    if (counterfactual rm [ w', Map [ X.Name, x ] ] []).Value[[ w ]] <> Rational.Zero then
                        let joint = Counterfactuals.ExactRational(m, [ Yxw; Yx ], [ Wx.Is(Wx.Domain.ValueAt w) ])
                        for a in 0 .. Y.Size - 1 do
                            for b in 0 .. Y.Size - 1 do
                                if a <> b && joint[[| at Yxw a; at Yx b |]] <> Rational.Zero then
                                    failtestf "composition: P(Y_xw = %d, Y_x = %d | W_x = w) ≠ 0; %s" a b context
                        compositionChecks <- compositionChecks + 1
                | None -> ()
            Expect.isGreaterThan consistencyChecks 60 "consistency checked"
            Expect.isGreaterThan compositionChecks 40 "composition checked"

        testCase "property: sampled counterfactuals converge to the exact ones (12 random finite-noise SCMs × 20k units)" <| fun () ->
            let rng = Random 43
            let mutable checkedCases = 0
            for case in 1..12 do
                let rm = randomFunctionalModel rng
                let m = build "cf-sample" rm
                let worlds = [| Map.empty; randomIntervention rng rm |]
                let query = randomWorld rng rm [| worlds[1] |]
                let evidenceVar = randomWorld rng rm worlds
                let evidence = [ evidenceVar, rng.Next (fst evidenceVar).Size ]
                let qv = underOf rm query
                let ev = [ for (wv, c) in evidence -> at (underOf rm wv) c ]
                match counterfactual rm [ query ] evidence with
                | Some expected ->
                    let s = Counterfactuals.Sample(m, [ qv ], ev, 20_000, case)
                    if s.Samples.RowCount >= 500 then
                        for KeyValue(codes, p) in expected do
                            let freq = float (s.Samples.Count([ at qv codes.Head ])) / float s.Samples.RowCount
                            withinBinomial s.Samples.RowCount (toFloat p) freq $"case {case}: P({qv} = {codes.Head} | {show ev})\n{rm}"
                        checkedCases <- checkedCases + 1
                | None -> ()
            Expect.isGreaterThan checkedCases 6 "enough sampled cases"

        testCase "a CPT-only model refuses cross-world queries, naming the variable and how to specify its noise" <| fun () ->
            let X, Y = Variable.Bool "X", Variable.Bool "Y"
            let m = Scm.Create().Node(X, Mechanism.Prior([ 0.5; 0.5 ])).Node(Y, Mechanism.Cpt([ X ], [ 0.9; 0.1; 0.2; 0.8 ])).Build()
            let Yx = Y.Under([ X.Is true ])
            for f in [ (fun () -> m.Counterfactual([ Yx ], [ Y.Is false ]) |> ignore)
                       (fun () -> Counterfactuals.Sample(m, [ Yx ], [ Y.Is false ], 100) |> ignore)
                       (fun () -> Counterfactuals.ProbabilitiesOfCausation(m, X.Is true, Y.Is true) |> ignore) ] do
                let e = ExpectSets.throws<ModelException> f "CPT counterfactual"
                Expect.equal (string e.Variable) "Y" "names Y"
                contains e.Message "the mechanism of 'Y' is a probability table" "says why"
                contains e.Message "counterfactuals are not determined" "says what"
                contains e.Message "Mechanism.Function with Noise variables" "says how to specify noise"
            // A single-world (interventional) query needs no coupling: P(Y_{X=1} = 1) = P(Y = 1 | do(X = 1)) = 0.8.
            close 0.8 (m.CounterfactualProbability(Yx.Is true, [])) "interventional query on a CPT model"
            // Continuous (logistic) noise: no finite exact answer, but sampling is fine.
            let L = Variable.Bool "L"
            let logit = Scm.Create().Node(X, Mechanism.Prior([ 0.5; 0.5 ])).Node(L, Mechanism.Logistic(-0.5, [ struct (X, 2.0) ])).Build()
            let Lx = L.Under([ X.Is false ])
            let e = ExpectSets.throws<ModelException> (fun () -> logit.CounterfactualProbability(Lx.Is false, [ X.Is true; L.Is true ]) |> ignore) "continuous noise"
            contains e.Message "'L' has continuous noise" "continuous noise"
            contains e.Message "Use Counterfactuals.Sample" "suggests sampling"
            // Threshold model L = 1[η(x) + ε > 0], η = −0.5 + 2x, ε logistic: given X = 1, L = 1 (ε > −η(1)),
            // P(L_0 = 0) = P(−η(1) < ε ≤ −η(0)) / P(ε > −η(1)) = (σ(η(1)) − σ(η(0))) / σ(η(1)).
            let sigma z = 1.0 / (1.0 + exp -z)
            let pn = (sigma 1.5 - sigma -0.5) / sigma 1.5
            let s = Counterfactuals.Sample(logit, [ Lx ], [ X.Is true; L.Is true ], 40_000, 5)
            withinBinomial s.Samples.RowCount pn (float (s.Samples.Count([ Lx.Is false ])) / float s.Samples.RowCount) "logistic PN by sampling"

        testCase "unit-level counterfactuals of additive-noise models equal the analytic value for every unit" <| fun () ->
            let X, M, Y = Variable.Real "X", Variable.Real "M", Variable.Real "Y"
            // Y = bX + ε: y_cf = y + b(x' − x).
            let b = 1.7
            let simple = Scm.Create().Node(X, Noise.Normal()).Node(Y, Mechanism.Linear(0.3, [ struct (X, b) ], Noise.Laplace(0.0, 1.0))).Build()
            let units = simple.Sample(200, 1)
            let x' = 2.5
            let cf = Counterfactuals.UnitLevel(simple, units, [ X.Is x' ])
            let xs, ys, ycf = units.Reals(X).ToArray(), units.Reals(Y).ToArray(), cf.Reals(Y).ToArray()
            for i in 0 .. xs.Length - 1 do
                if abs (ycf[i] - (ys[i] + b * (x' - xs[i]))) > 1e-9 then failtestf "unit %d: y %g, x %g, y_cf %g" i ys[i] xs[i] ycf[i]
            Expect.isTrue (cf.Reals(X).ToArray() |> Array.forall ((=) x')) "X set to x'"
            // A chain X -> M -> Y with a direct effect: M_cf = m + a(x' − x), Y_cf = y + (c·a + d)(x' − x).
            let a, c, d = 0.8, -1.2, 0.5
            let chain =
                Scm.Create().Node(X, Noise.Uniform(-1.0, 1.0)).Node(M, Mechanism.Linear(1.0, [ struct (X, a) ], Noise.Normal(0.0, 2.0)))
                    .Node(Y, Mechanism.Additive([ M; X ], Func<float[], float>(fun v -> c * v[0] + d * v[1]), Noise.Gumbel(0.0, 1.0))).Build()
            let units = chain.Sample(200, 2)
            let cf = Counterfactuals.UnitLevel(chain, units, [ X.Is x' ])
            let xs, ms, ys = units.Reals(X).ToArray(), units.Reals(M).ToArray(), units.Reals(Y).ToArray()
            let mcf, ycf = cf.Reals(M).ToArray(), cf.Reals(Y).ToArray()
            for i in 0 .. xs.Length - 1 do
                if abs (mcf[i] - (ms[i] + a * (x' - xs[i]))) > 1e-9 || abs (ycf[i] - (ys[i] + (c * a + d) * (x' - xs[i]))) > 1e-9 then
                    failtestf "unit %d: x %g m %g y %g -> m_cf %g y_cf %g" i xs[i] ms[i] ys[i] mcf[i] ycf[i]
            // Intervening on the mediator leaves X alone: Y_cf = y + c(m' − m).
            let cfm = Counterfactuals.UnitLevel(chain, units, [ M.Is 0.0 ])
            let ycf = cfm.Reals(Y).ToArray()
            for i in 0 .. xs.Length - 1 do
                if abs (ycf[i] - (ys[i] + c * (0.0 - ms[i]))) > 1e-9 then failtestf "unit %d: do(M = 0) y_cf %g" i ycf[i]
            Expect.sequenceEqual (cfm.Reals(X).ToArray()) xs "X unchanged by do(M)"
            // Nonlinear additive noise: y_cf = y + sin(x') − sin(x).
            let sine = Scm.Create().Node(X, Noise.Normal()).Node(Y, Mechanism.Additive([ X ], Func<float[], float>(fun v -> sin v[0]), Noise.Normal())).Build()
            let units = sine.Sample(100, 3)
            let ycf = Counterfactuals.UnitLevel(sine, units, [ X.Is 0.0 ]).Reals(Y).ToArray()
            let xs, ys = units.Reals(X).ToArray(), units.Reals(Y).ToArray()
            for i in 0 .. xs.Length - 1 do
                if abs (ycf[i] - (ys[i] - sin xs[i])) > 1e-9 then failtestf "unit %d: sine y_cf %g" i ycf[i]

        testCase "unit-level counterfactuals refuse latent variables, tables, missing columns and inconsistent units" <| fun () ->
            let X, Y = Variable.Real "X", Variable.Real "Y"
            let U = Variable.Real "U"
            let latent = Scm.Create().Noise(U, Noise.Normal()).Node(X, Mechanism.Linear(0.0, [ struct (U, 1.0) ])).Node(Y, Mechanism.Linear(0.0, [ struct (X, 1.0); struct (U, 1.0) ])).Build()
            let units = Dataset.FromColumns([ struct (X, [| 1.0 |] :> Array); struct (Y, [| 2.0 |] :> Array) ])
            let e = ExpectSets.throws<ModelException> (fun () -> Counterfactuals.UnitLevel(latent, units, [ X.Is 0.0 ]) |> ignore) "latent"
            contains e.Message "'U' is latent" "latent"
            let simple = Scm.Create().Node(X, Noise.Normal()).Node(Y, Mechanism.Linear(0.0, [ struct (X, 1.0) ])).Build()
            let e = ExpectSets.throws<DataException> (fun () -> Counterfactuals.UnitLevel(simple, Dataset.FromColumns([ struct (X, [| 1.0 |] :> Array) ]), [ X.Is 0.0 ]) |> ignore) "missing"
            contains e.Message "The units have no column 'Y'" "missing column"
            let A, B = Variable.Bool "A", Variable.Bool "B"
            // (The roots are noise terms: their noise is their value.)
            let table = Scm.Create().Node(A, Noise.Bernoulli 0.5).Node(B, Mechanism.Cpt([ A ], [ 0.5; 0.5; 0.5; 0.5 ])).Build()
            let bunits = Dataset.FromColumns([ struct (A, [| 1 |] :> Array); struct (B, [| 0 |] :> Array) ])
            let e = ExpectSets.throws<ModelException> (fun () -> Counterfactuals.UnitLevel(table, bunits, [ A.Is false ]) |> ignore) "table"
            Expect.equal (string e.Variable) "B" "names B"
            contains e.Message "cannot recover a unit's noise" "table"
            let fn = Scm.Create().Node(A, Noise.Bernoulli 0.5).Node(B, Mechanism.Function(A, Func<bool, bool>(id))).Build()
            let e = ExpectSets.throws<ModelException> (fun () -> Counterfactuals.UnitLevel(fn, bunits, [ A.Is false ]) |> ignore) "inconsistent"
            contains e.Message "Unit 0: 'B' is observed as false, but its deterministic mechanism gives true at (A = true)" "inconsistent unit"
            // A consistent deterministic unit is fine: B_{A=false} = false.
            let ok = Counterfactuals.UnitLevel(fn, Dataset.FromColumns([ struct (A, [| 1 |] :> Array); struct (B, [| 1 |] :> Array) ]), [ A.Is false ])
            Expect.equal (ok.Value(0, B)) (false :> obj) "deterministic unit-level counterfactual"
            // A root given by a prior table is its own noise: its observed value is replayed in every world.
            let K = Variable.Range("K", 1, 3)
            let prior = Scm.Create().Node(K, Mechanism.Prior([ 0.2; 0.5; 0.3 ])).Node(X, Mechanism.Linear(0.0, [ struct (K, 2.0) ])).Build()
            let kunits = Dataset.FromColumns([ struct (K, [| 0; 1; 2 |] :> Array); struct (X, [| 2.5; 4.0; 5.0 |] :> Array) ])
            let kcf = Counterfactuals.UnitLevel(prior, kunits, [])
            Expect.sequenceEqual (kcf.Codes(K).ToArray()) [| 0; 1; 2 |] "K replayed"
            Expect.sequenceEqual (kcf.Reals(X).ToArray()) [| 2.5; 4.0; 5.0 |] "no intervention: the units themselves"
            let shifted = Counterfactuals.UnitLevel(prior, kunits, [ K.Is 3 ])
            // X = 2K + ε with ε = x − 2k: (0.5, 0, −1), so X_{K=3} = 6 + ε.
            Expect.sequenceEqual (shifted.Reals(X).ToArray()) [| 6.5; 6.0; 5.0 |] "X under K = 3"
            let impossible = Scm.Create().Node(K, Mechanism.Prior([ 0.0; 0.5; 0.5 ])).Build()
            let e = ExpectSets.throws<ModelException> (fun () -> Counterfactuals.UnitLevel(impossible, Dataset.FromColumns([ struct (K, [| 0 |] :> Array) ]), []) |> ignore) "zero prior"
            contains e.Message "'K' = 1, which has probability 0" "impossible unit"

        testCase "ETT = E[Y_x − Y_x' | X = x] matches the hand computation, and differs from the ATE under confounding" <| fun () ->
            // U ~ Bern(1/2), N_X ~ Bern(1/4), N_Y ~ Bern(1/5); X := U ∨ N_X; Y := if X then U ∨ N_Y else U ∧ N_Y.
            // P(X=1) = 1/2 + 1/2·1/4 = 5/8, P(U=1 | X=1) = (1/2)/(5/8) = 4/5; N_Y is independent of (U, X).
            // E[Y_1 | X=1] = 1 − P(U=0 | X=1)·P(N_Y=0) = 1 − 1/5·4/5 = 21/25; E[Y_0 | X=1] = P(U=1 | X=1)·P(N_Y=1) = 4/25.
            // ETT = 21/25 − 4/25 = 17/25. Unconditionally E[Y_0] = 1/2·1/5 = 1/10, so conditioning on X = 1 matters;
            // ATE = E[Y_1] − E[Y_0] = (1 − 1/2·4/5) − 1/10 = 1/2.
            let U, NX, NY, X, Y = Variable.Bool "U", Variable.Bool "NX", Variable.Bool "NY", Variable.Bool "X", Variable.Bool "Y"
            let m =
                Scm.Create().Noise(U, Noise.Bernoulli 0.5).Noise(NX, Noise.Bernoulli 0.25).Noise(NY, Noise.Bernoulli 0.2)
                    .Node(X, Mechanism.Function(U, NX, Func<bool, bool, bool>(fun u n -> u || n)))
                    .Node(Y, Mechanism.Function(X, U, NY, Func<bool, bool, bool, bool>(fun x u n -> if x then u || n else u && n))).Build()
            close 0.68 (Counterfactuals.EffectOfTreatmentOnTreated(m, X.Is true, X.Is false, Y)) "ETT = 17/25"
            let ate = m.Do([ X.Is true ]).ProbabilityExact(Y.Is true, []) - m.Do([ X.Is false ]).ProbabilityExact(Y.Is true, [])
            Expect.equal ate (r "1/2") "ATE"
            let Y1, Y0 = Y.Under([ X.Is true ]), Y.Under([ X.Is false ])
            Expect.equal (Counterfactuals.ExactRational(m, [ Y1 ], [ X.Is true ])[[| Y1.Is true |]]) (r "21/25") "E[Y_1 | X = 1]"
            Expect.equal (Counterfactuals.ExactRational(m, [ Y0 ], [ X.Is true ])[[| Y0.Is true |]]) (r "4/25") "E[Y_0 | X = 1]"
            let G = Variable.Categorical("G", [ "a"; "b" ])
            let e = ExpectSets.throws<ModelException> (fun () -> Counterfactuals.EffectOfTreatmentOnTreated(m, X.Is true, X.Is false, G) |> ignore) "categorical"
            contains e.Message "The ETT needs a numeric finite outcome" "categorical outcome"
            // An integer outcome: K := X + N_K with N_K uniform on {0, 1}; the ETT of X on K is exactly 1.
            let NK, K = Variable.Range("NK", 0, 1), Variable.Range("K", 0, 2)
            let mk =
                Scm.Create().Noise(NK, Noise.Categorical([ 0.5; 0.5 ])).Node(X, Mechanism.Prior([ 0.5; 0.5 ]))
                    .Node(K, Mechanism.Function(X, NK, Func<int, int, int>(fun x n -> x + n))).Build()
            close 1.0 (Counterfactuals.EffectOfTreatmentOnTreated(mk, X.Is true, X.Is false, K)) "integer outcome"

        testCase "evidence that contradicts itself across worlds, or continuous evidence, is refused" <| fun () ->
            let m = bernoulli 0.6 0.3
            let Bx = B.Under([ A.Is false ])
            // B is not affected by A: B[A=false] is B itself, so B = true and B[A=false] = false contradict each other.
            let e = ExpectSets.throws<ModelException> (fun () -> m.Counterfactual([ D ], [ B.Is true; Bx.Is false ]) |> ignore) "contradiction"
            contains e.Message "they are the same variable in the parallel worlds" "contradiction"
            let e = ExpectSets.throws<CausalScriptException> (fun () -> m.Counterfactual([ D ], [ D.Is false; A.Is true ]) |> ignore) "zero"
            contains e.Message "has probability zero" "zero evidence"
            let X, Y = Variable.Real "X", Variable.Real "Y"
            let lin = Scm.Create().Node(X, Noise.Normal()).Node(Y, Mechanism.Linear(0.0, [ struct (X, 1.0) ])).Build()
            let e = ExpectSets.throws<ModelException> (fun () -> Counterfactuals.Sample(lin, [ Y.Under([ X.Is 1.0 ]) ], [ Y.Is 0.5 ], 100) |> ignore) "continuous evidence"
            contains e.Message "rejection sampling cannot condition on a continuous value" "continuous evidence"
            let e = ExpectSets.throws<ModelException> (fun () -> m.Counterfactual([]) |> ignore) "empty"
            contains e.Message "at least one variable" "empty query"
    ]
