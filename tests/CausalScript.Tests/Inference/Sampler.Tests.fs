/// The ancestral sampler: reproducibility, convergence to the exact distributions (binomial bounds), linear-Gaussian
/// moments against LinearSem, interventions (hard, stochastic, shift, policy) and CSV output of sampled data.
module CausalScript.Tests.Inference.SamplerTests

open System
open System.IO
open Expecto
open CausalScript
open CausalScript.Graphs
open CausalScript.Models
open CausalScript.Inference
open CausalScript.Data
open CausalScript.Tests.Graphs
open CausalScript.Tests.Models.ScmReference

let private contains = ExpectSets.contains

/// |p̂ − p| ≤ 5·sqrt(p(1−p)/n): a frequency within five binomial standard errors of its probability (a zero
/// probability must have a zero frequency). Five, not four, so that the hundreds of cells checked below leave a
/// correct sampler a negligible chance (about 6e-7 per cell) of failing.
let private withinBinomial (n: int) (p: float) (phat: float) (message: string) =
    let bound = 5.0 * sqrt (p * (1.0 - p) / float n) + 1e-12
    if abs (phat - p) > bound then failtestf "%s: frequency %.5f, probability %.5f, |diff| %.5f > bound %.5f (n = %d)" message phat p (abs (phat - p)) bound n

let private sameColumns (a: Dataset) (b: Dataset) (message: string) =
    Expect.equal [ for v in a.Variables -> v.Name ] [ for v in b.Variables -> v.Name ] $"{message}: columns"
    for v in a.Variables do
        if v.Domain.IsFinite then Expect.sequenceEqual (a.Codes(v).ToArray()) (b.Codes(v).ToArray()) $"{message}: {v.Name}"
        else Expect.sequenceEqual (a.Reals(v).ToArray()) (b.Reals(v).ToArray()) $"{message}: {v.Name}"

let private mean (xs: float[]) = Array.average xs

let private covariance (xs: float[]) (ys: float[]) =
    let mx, my = mean xs, mean ys
    Array.fold2 (fun acc x y -> acc + (x - mx) * (y - my)) 0.0 xs ys / float (xs.Length - 1)

/// Checks every cell of the sample's joint frequencies of `vars` against the brute-force distribution.
let private checkJoint (rm: RModel) (intervention: Map<string, int>) (data: Dataset) (vars: Variable list) (context: string) =
    let expected = (conditional rm intervention vars []).Value
    let freq = data.Frequencies(vars)
    for KeyValue(codes, p) in expected do
        let cell = [| for (v, c) in List.zip vars codes -> at v c |]
        withinBinomial data.RowCount (toFloat p) freq[cell] $"{context} cell {codes}"

open Smoking

[<Tests>]
let tests =
    testList "Inference.Sampler" [
        testCase "the same seed gives identical columns, whatever the degree of parallelism; another seed does not" <| fun () ->
            let rng = Random 5
            let rm = randomModel rng 5 6 0.5 0.3 0.3 false
            let m = build "repro" rm
            let options dop = SamplingOptions(IncludeLatent = true, ChunkSize = 1000, MaxDegreeOfParallelism = dop)
            let reference = m.Sample(20_000, 42, options 1)
            Expect.equal reference.RowCount 20_000 "rows"
            sameColumns (m.Sample(20_000, 42, options 1)) reference "same seed, sequential"
            sameColumns (m.Sample(20_000, 42, options 2)) reference "two threads"
            sameColumns (m.Sample(20_000, 42, options -1)) reference "all cores"
            let other = m.Sample(20_000, 43, options 1)
            let differs = other.Variables |> Seq.exists (fun v -> other.Codes(v).ToArray() <> reference.Codes(v).ToArray())
            Expect.isTrue differs "another seed gives another table"
            // Continuous columns too (SIMD linear mechanisms, MathNet samplers, a MathNet distribution wrapped by Noise.From).
            let X, Y, G = Variable.Real "X", Variable.Real "Y", Variable.Real "G"
            let lin =
                Scm.Create().Node(X, Noise.Laplace(0.0, 2.0)).Node(G, Noise.From(MathNet.Numerics.Distributions.Gamma(2.0, 0.5)))
                    .Node(Y, Mechanism.Linear(1.0, [ struct (X, 0.5); struct (G, -1.0) ], Noise.StudentT(0.0, 1.0, 5.0))).Build()
            let a = lin.Sample(10_000, 7, options 1)
            sameColumns (lin.Sample(10_000, 7, options 2)) a "continuous, two threads"
            // The chunk size (not the thread count) fixes the random streams: the default chunking gives one table too.
            let defaults = lin.Sample(10_000, 7)
            sameColumns (lin.Sample(10_000, 7, SamplingOptions(MaxDegreeOfParallelism = 1))) defaults "continuous, default chunks"
            // RFF mechanisms too: their cosine must not depend on the buffer alignment a thread happens to get.
            let Z = Variable.Real "Z"
            let rff =
                Scm.Create().Node(X, Noise.Normal()).Node(G, Noise.Uniform(-2.0, 2.0))
                    .Node(Z, Mechanism.RandomFourierFeatures([ X; G ], Noise.Normal(0.0, 0.5), 16, 1.0, 1.0, 3)).Build()
            let r1 = rff.Sample(10_001, 9, options 1)
            sameColumns (rff.Sample(10_001, 9, options 2)) r1 "RFF, two threads"
            sameColumns (rff.Sample(10_001, 9, options -1)) r1 "RFF, all cores"

        testCase "observed columns only by default; IncludeLatent adds the latent ones; zero rows; negative rows" <| fun () ->
            let m = model ()
            let d = m.Sample(100, 1)
            Expect.equal [ for v in d.Variables -> v.Name ] [ "S"; "T"; "C" ] "observed columns in declaration order"
            let withLatent = m.Sample(100, 1, SamplingOptions(IncludeLatent = true))
            Expect.equal [ for v in withLatent.Variables -> v.Name ] [ "H"; "S"; "T"; "C" ] "latent included"
            sameColumns (withLatent.Where([])) withLatent "Where with no condition keeps everything"
            for v in [ S; T; C ] do Expect.sequenceEqual (withLatent.Codes(v).ToArray()) (d.Codes(v).ToArray()) $"{v.Name} unaffected by IncludeLatent"
            Expect.equal (m.Sample(0, 1)).RowCount 0 "zero rows"
            Expect.throwsT<ArgumentOutOfRangeException> (fun () -> m.Sample(-1, 1) |> ignore) "negative rows"

        testCase "property: joint sample frequencies converge to the exact distribution (30 random models × 20k rows)" <| fun () ->
            let rng = Random 21
            for case in 1..30 do
                let rm = randomModel rng 3 6 0.45 0.25 0.25 true
                let m = build "freq" rm
                let data = m.Sample(20_000, case)
                checkJoint rm Map.empty data (List.ofArray rm.Observed) $"case {case}\n{rm}\n"

        testCase "property: sampling an intervened model converges to the truncated factorisation (15 random models × 20k rows)" <| fun () ->
            let rng = Random 22
            for case in 1..15 do
                let rm = randomModel rng 3 6 0.5 0.25 0.0 true
                let v = rm.Nodes[rng.Next rm.Nodes.Length].Var
                let code = rng.Next v.Size
                let data = (build "do" rm).Do([ at v code ]).Sample(20_000, 100 + case)
                Expect.isTrue (data.Codes(v).ToArray() |> Array.forall ((=) code)) "the intervened column is constant"
                checkJoint rm (Map [ v.Name, code ]) data (List.ofArray rm.Observed) $"case {case}, do({v.Name} = {code})\n{rm}\n"

        testCase "smoking: sampled P(C=1 | do(S)) is within the binomial bound of 29/100 and 61/100" <| fun () ->
            let m = model ()
            let n = 40_000
            for (s, p) in [ "no", 0.29; "yes", 0.61 ] do
                let d = m.Do([ S.Is s ]).Sample(n, 9)
                withinBinomial n p (float (d.Count([ C.Is "yes" ])) / float n) $"do(S = {s})"
            // Observationally, P(C=1 | S=1) = 7/10 (the conditional, not the causal effect).
            let d = m.Sample(n, 10)
            let smokers = d.Where([ S.Is "yes" ])
            withinBinomial smokers.RowCount 0.7 (float (smokers.Count([ C.Is "yes" ])) / float smokers.RowCount) "P(C=1|S=1)"

        testCase "DoRandom draws the variable independently of its former causes" <| fun () ->
            let m = model ()
            let random = m.DoRandom(S, [ 0.3; 0.7 ])
            // P(C=1) = 0.3·P(C=1|do(S=0)) + 0.7·P(C=1|do(S=1)) = 0.3·0.29 + 0.7·0.61 = 0.514.
            Expect.floatClose Accuracy.veryHigh (random.Probability(C.Is "yes", [])) 0.514 "exact"
            let n = 40_000
            let d = random.Sample(n, 3, SamplingOptions(IncludeLatent = true))
            withinBinomial n 0.514 (float (d.Count([ C.Is "yes" ])) / float n) "sampled"
            for h in [ "g0"; "g1" ] do
                let sub = d.Where([ H.Is h ])
                withinBinomial sub.RowCount 0.7 (float (sub.Count([ S.Is "yes" ])) / float sub.RowCount) $"P(S=1 | H={h}) = 0.7: S no longer reads H"
            // A stochastic intervention with a noise distribution on a real variable.
            let X, Y = Variable.Real "X", Variable.Real "Y"
            let lin = Scm.Create().Node(X, Noise.Normal(0.0, 1.0)).Node(Y, Mechanism.Linear(0.0, [ struct (X, 2.0) ], Noise.Normal(0.0, 0.5))).Build()
            let d = lin.DoRandom(X, Noise.Uniform(4.0, 6.0)).Sample(50_000, 4)
            let xs, ys = d.Reals(X).ToArray(), d.Reals(Y).ToArray()
            Expect.isTrue (xs |> Array.forall (fun x -> x >= 4.0 && x <= 6.0)) "X ~ U(4, 6)"
            // E[Y] = 2·5 = 10, sd(Y) = sqrt(4·(4/12) + 0.25) ≈ 1.26: five standard errors of the mean is 0.03.
            Expect.isLessThan (abs (mean ys - 10.0)) 0.03 "E[Y] under do(X ~ U(4, 6))"

        testCase "Shift X + δ moves a linear child Y = b0 + w·X + ε by exactly w·δ, unit by unit (noise is kept)" <| fun () ->
            let X, Y, Z = Variable.Real "X", Variable.Real "Y", Variable.Real "Z"
            let w, delta = 3.0, 0.5
            let m =
                Scm.Create().Node(X, Noise.Normal(1.0, 1.0)).Node(Y, Mechanism.Linear(2.0, [ struct (X, w) ], Noise.Normal()))
                    .Node(Z, Mechanism.Linear(0.0, [ struct (Y, -2.0) ], Noise.Laplace(0.0, 1.0))).Build()
            let options = SamplingOptions(ChunkSize = 1000)
            let before = m.Sample(10_000, 8, options)
            let after = m.Shift(X, delta).Sample(10_000, 8, options)
            let x0, x1 = before.Reals(X).ToArray(), after.Reals(X).ToArray()
            let y0, y1 = before.Reals(Y).ToArray(), after.Reals(Y).ToArray()
            let z0, z1 = before.Reals(Z).ToArray(), after.Reals(Z).ToArray()
            for i in 0 .. x0.Length - 1 do
                if abs (x1[i] - x0[i] - delta) > 1e-9 || abs (y1[i] - y0[i] - w * delta) > 1e-9 || abs (z1[i] - z0[i] + 2.0 * w * delta) > 1e-9 then
                    failtestf "row %d: x %g -> %g, y %g -> %g, z %g -> %g" i x0[i] x1[i] y0[i] y1[i] z0[i] z1[i]
            Expect.floatClose Accuracy.high (mean y1 - mean y0) (w * delta) "the mean of Y moves by w·δ"
            // A shift by a function: X := 2X doubles each unit's X.
            let doubled = m.Shift(X, (fun x -> 2.0 * x), "2x").Sample(10_000, 8, options)
            Expect.isTrue (Array.forall2 (fun a b -> abs (b - 2.0 * a) < 1e-12) x0 (doubled.Reals(X).ToArray())) "X := 2X per unit"
            // An integer shift that leaves the domain is reported when sampling.
            let K = Variable.Range("K", 0, 2)
            let km = Scm.Create().Node(K, Mechanism.Prior([ 0.2; 0.3; 0.5 ])).Build()
            let shifted = km.Shift(K, -1.0)
            let e = ExpectSets.throws<ModelException> (fun () -> shifted.Sample(1000, 1) |> ignore) "out of the domain"
            contains e.Message "The shift intervention on 'K' maps 0 to -1, outside its domain {0..2}" "message"
            // Within the domain, a bool flip B := 1 − B swaps the frequencies exactly.
            let B = Variable.Bool "B"
            let bm = Scm.Create().Node(B, Mechanism.Prior([ 0.8; 0.2 ])).Build()
            let b0 = bm.Sample(5000, 2).Codes(B).ToArray()
            let b1 = bm.Shift(B, (fun b -> 1.0 - b), "1 - b").Sample(5000, 2).Codes(B).ToArray()
            Expect.isTrue (Array.forall2 (fun a b -> a + b = 1) b0 b1) "B flipped unit by unit"

        testCase "a policy X := π(Z) is applied to every unit, and its effect matches the hand computation" <| fun () ->
            let Z, X, Y = Variable.Bool "Z", Variable.Bool "X", Variable.Bool "Y"
            let m =
                Scm.Create().Node(Z, Mechanism.Prior([ 0.7; 0.3 ]))
                    .Node(X, Mechanism.Cpt([ Z ], [ 0.9; 0.1; 0.2; 0.8 ]))
                    .Node(Y, Mechanism.Cpt([ X; Z ], [ 0.8; 0.2; 0.4; 0.6; 0.5; 0.5; 0.1; 0.9 ])).Build()
            let policy = m.Policy(X, Z, Func<bool, bool>(not))
            // P(Y=1 | do(X = ¬Z)) = P(Z=0)·P(Y=1|X=1,Z=0) + P(Z=1)·P(Y=1|X=0,Z=1) = 0.7·0.5 + 0.3·0.6 = 0.53.
            Expect.equal (policy.ProbabilityExact(Y.Is true, [])) (Rational.Parse "53/100") "exact"
            let n = 40_000
            let d = policy.Sample(n, 6)
            Expect.isTrue (Array.forall2 (fun z x -> x = 1 - z) (d.Codes(Z).ToArray()) (d.Codes(X).ToArray())) "X = ¬Z in every row"
            withinBinomial n 0.53 (float (d.Count([ Y.Is true ])) / float n) "sampled"

        testCase "linear-Gaussian samples match LinearSem's implied means and covariances (12 random models × 100k rows)" <| fun () ->
            let rng = Random 31
            for case in 1..12 do
                let n = rng.Next(3, 7)
                let vars = Array.init n (fun i -> Variable.Real(sprintf "v%d" i))
                let latent = Array.init n (fun _ -> rng.NextDouble() < 0.25)
                let coefficients = ResizeArray()
                let variances = ResizeArray()
                let intercepts = Array.init n (fun _ -> rng.NextDouble() * 2.0 - 1.0)
                let b = Scm.Create("linear")
                for i in 0 .. n - 1 do
                    let weights =
                        [ for j in 0 .. i - 1 do
                            if rng.NextDouble() < 0.5 then
                                let w = (0.3 + rng.NextDouble()) * (if rng.Next 2 = 0 then -1.0 else 1.0)
                                coefficients.Add(struct (vars[j].Name, vars[i].Name, w))
                                struct (vars[j], w) ]
                    let sd = 0.5 + rng.NextDouble()
                    variances.Add(struct (vars[i].Name, sd * sd))
                    let mech = Mechanism.Linear(intercepts[i], weights, Noise.Normal(0.0, sd))
                    if latent[i] then b.Latent(vars[i], mech) |> ignore else b.Node(vars[i], mech) |> ignore
                let m = b.Build()
                let sem = LinearSem.Create(m.FullGraph, coefficients, [], variances)
                let rows = 100_000
                let d = m.Sample(rows, case, SamplingOptions(IncludeLatent = true))
                let total = sem.TotalEffectMatrix()
                let index name = Seq.findIndex ((=) name) sem.Nodes
                let columns = vars |> Array.map (fun v -> d.Reals(v).ToArray())
                for i in 0 .. n - 1 do
                    // E[V] = B·c (B = (I − Λ)⁻¹, c the intercepts); standard error sqrt(Var/n).
                    let expectedMean = Array.sum [| for j in 0 .. n - 1 -> total[index vars[i].Name, index vars[j].Name] * intercepts[j] |]
                    let var = sem.Covariance(vars[i].Name, vars[i].Name)
                    if abs (mean columns[i] - expectedMean) > 5.0 * sqrt (var / float rows) then
                        failtestf "case %d: mean of %s %.4f, expected %.4f" case vars[i].Name (mean columns[i]) expectedMean
                    for j in i .. n - 1 do
                        // Normal theory: Var(sample covariance) ≈ (σ_ii σ_jj + σ_ij²)/n.
                        let sij = sem.Covariance(vars[i].Name, vars[j].Name)
                        let sjj = sem.Covariance(vars[j].Name, vars[j].Name)
                        let se = sqrt ((var * sjj + sij * sij) / float rows)
                        let c = covariance columns[i] columns[j]
                        if abs (c - sij) > 5.0 * se then
                            failtestf "case %d: Cov(%s, %s) = %.4f, implied %.4f (se %.4f)\n%O" case vars[i].Name vars[j].Name c sij se m

        testCase "noise distributions have their textbook mean and variance (200k draws each)" <| fun () ->
            let gamma = 0.5772156649015329
            let cases =
                [ "Normal(1, 2)", Noise.Normal(1.0, 2.0), 1.0, 4.0
                  "Uniform(-1, 3)", Noise.Uniform(-1.0, 3.0), 1.0, 16.0 / 12.0
                  "Laplace(0.5, 2)", Noise.Laplace(0.5, 2.0), 0.5, 8.0
                  "Logistic(0, 1.5)", Noise.Logistic(0.0, 1.5), 0.0, 2.25 * Math.PI * Math.PI / 3.0
                  "Gumbel(1, 2)", Noise.Gumbel(1.0, 2.0), 1.0 + 2.0 * gamma, 4.0 * Math.PI * Math.PI / 6.0
                  "StudentT(0, 1, 6)", Noise.StudentT(0.0, 1.0, 6.0), 0.0, 6.0 / 4.0
                  "Mixture(½N(-2,1), ½N(2,1))", Noise.Mixture([ struct (0.5, Noise.Normal(-2.0, 1.0)); struct (0.5, Noise.Normal(2.0, 1.0)) ]), 0.0, 5.0
                  "Gamma(shape 2, rate 0.5)", Noise.From(MathNet.Numerics.Distributions.Gamma(2.0, 0.5)), 4.0, 8.0
                  "Categorical(0.2, 0.3, 0.5)", Noise.Categorical([ 0.2; 0.3; 0.5 ]), 1.3, 0.2 * 0.0 + 0.3 * 1.0 + 0.5 * 4.0 - 1.3 * 1.3 ]
            let X = Variable.Real "X"
            for (name, noise, mu, var) in cases do
                let xs = Scm.Create().Node(X, noise).Build().Sample(200_000, 17).Reals(X).ToArray()
                if abs (mean xs - mu) > 5.0 * sqrt (var / 200_000.0) then failtestf "%s: mean %.4f, expected %.4f" name (mean xs) mu
                // Relative error of the sample variance: sqrt((kurtosis − 1)/n) is below 0.01 for all of these; allow 0.05.
                if abs (covariance xs xs / var - 1.0) > 0.05 then failtestf "%s: variance %.4f, expected %.4f" name (covariance xs xs) var
                Expect.floatClose Accuracy.high noise.Mean mu $"{name}: declared mean"
                Expect.floatClose Accuracy.high noise.Variance var $"{name}: declared variance"

        testCase "linear, additive and RFF mechanisms read integer parents by value and bools as 0/1" <| fun () ->
            let K = Variable.Range("K", -2, 0)
            let B = Variable.Bool "B"
            let KR = Variable.Real "KR"
            let Y1, Y2, F1, F2 = Variable.Real "Y1", Variable.Real "Y2", Variable.Real "F1", Variable.Real "F2"
            let tiny = Noise.Uniform(-1e-12, 1e-12)
            let m =
                Scm.Create().Node(K, Mechanism.Prior([ 0.3; 0.3; 0.4 ])).Node(B, Mechanism.Prior([ 0.5; 0.5 ]))
                    .Node(KR, Mechanism.Function(K, Func<int, float>(float)))
                    .Node(Y1, Mechanism.Linear(0.5, [ struct (K, 2.0); struct (B, -1.0) ], tiny))
                    .Node(Y2, Mechanism.Additive([ K; B ], Func<float[], float>(fun v -> v[0] * (v[1] + 3.0)), tiny))
                    // The same random function of K's value, once through the integer K, once through the real copy KR.
                    .Node(F1, Mechanism.RandomFourierFeatures([ K ], tiny, features = 16, lengthScale = 0.7, seed = 3))
                    .Node(F2, Mechanism.RandomFourierFeatures([ KR ], tiny, features = 16, lengthScale = 0.7, seed = 3))
                    .Build()
            let d = m.Sample(2000, 12)
            let k, b = d.Numeric(K), d.Numeric(B)
            Expect.sequenceEqual (d.Reals(KR).ToArray()) k "KR := K's value"
            let y1, y2, f1, f2 = d.Reals(Y1).ToArray(), d.Reals(Y2).ToArray(), d.Reals(F1).ToArray(), d.Reals(F2).ToArray()
            for i in 0 .. k.Length - 1 do
                if abs (y1[i] - (0.5 + 2.0 * k[i] - b[i])) > 1e-9 then failtestf "row %d: linear %g at K = %g, B = %g" i y1[i] k[i] b[i]
                if abs (y2[i] - k[i] * (b[i] + 3.0)) > 1e-9 then failtestf "row %d: additive %g at K = %g, B = %g" i y2[i] k[i] b[i]
                if abs (f1[i] - f2[i]) > 1e-9 then failtestf "row %d: RFF of K %g, of its value %g" i f1[i] f2[i]
            // The RFF is a non-constant function of K: its three values differ.
            let levels = Array.zip k f1 |> Array.groupBy fst |> Array.map (fun (_, rows) -> snd rows[0])
            Expect.equal (Array.length (Array.distinctBy (fun (x: float) -> Math.Round(x, 6)) levels)) 3 "three distinct RFF values"

        testCase "errors raised inside parallel chunks surface as ModelException, not AggregateException" <| fun () ->
            let X = Variable.Range("X", 0, 2)
            let Y = Variable.Range("Y", 0, 3)
            let m =
                Scm.Create().Node(X, Mechanism.Prior([ 0.2; 0.3; 0.5 ]))
                    .Node(Y, Mechanism.Function(X, Func<int, int>(fun x -> x + 2))).Build()
            for dop in [ 1; 2; -1 ] do
                let e = ExpectSets.throws<ModelException> (fun () -> m.Sample(50_000, 1, SamplingOptions(ChunkSize = 1000, MaxDegreeOfParallelism = dop)) |> ignore) $"dop {dop}"
                contains e.Message "The mechanism of 'Y' returned 4 at (X = 2)" $"dop {dop}"

        testCase "sampled data written as CSV parse back to the sampled values" <| fun () ->
            let G = Variable.Categorical("Group", [ "a, b"; "say \"hi\""; "plain" ])
            let K = Variable.Range("K", -2, 0)
            let B = Variable.Bool "B"
            let X = Variable.Real "X"
            let m =
                Scm.Create().Node(G, Mechanism.Prior([ 0.3; 0.3; 0.4 ])).Node(K, Mechanism.Prior([ 0.2; 0.3; 0.5 ]))
                    .Node(B, Mechanism.Cpt([ G ], [ 0.5; 0.5; 0.1; 0.9; 0.9; 0.1 ]))
                    .Node(X, Mechanism.Linear(0.0, [ struct (K, 1.5); struct (B, -1.0) ], Noise.Normal(0.0, 1e-3))).Build()
            let d = m.Sample(500, 4)
            use writer = new StringWriter(NewLine = "\n")
            d.WriteCsv(writer)
            let lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            Expect.equal lines[0] "Group,K,B,X" "header"
            Expect.equal lines.Length 501 "one line per row"
            /// RFC 4180 fields of one line.
            let fields (line: string) =
                let result = ResizeArray<string>()
                let field = Text.StringBuilder()
                let mutable quoted = false
                let mutable i = 0
                while i < line.Length do
                    let ch = line[i]
                    if quoted then
                        if ch = '"' && i + 1 < line.Length && line[i + 1] = '"' then (field.Append '"' |> ignore; i <- i + 1)
                        elif ch = '"' then quoted <- false
                        else field.Append ch |> ignore
                    elif ch = '"' then quoted <- true
                    elif ch = ',' then (result.Add(field.ToString()); field.Clear() |> ignore)
                    else field.Append ch |> ignore
                    i <- i + 1
                result.Add(field.ToString())
                List.ofSeq result
            for row in 0 .. d.RowCount - 1 do
                match fields lines[row + 1] with
                | [ g; k; b; x ] ->
                    Expect.equal g (string (d.Value(row, G))) $"row {row}: label"
                    Expect.equal (int k) (unbox<int> (d.Value(row, K))) $"row {row}: integer value"
                    Expect.equal b (if d.Codes(B)[row] = 1 then "true" else "false") $"row {row}: bool"
                    Expect.equal (Double.Parse(x, Globalization.CultureInfo.InvariantCulture)) (d.Reals(X)[row]) $"row {row}: real round-trips"
                | other -> failtestf "row %d: expected 4 fields, got %A" row other
    ]
