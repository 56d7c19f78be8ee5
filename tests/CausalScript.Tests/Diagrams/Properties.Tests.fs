/// Laws of string diagrams (Jacobs, Kissinger & Zanasi 2019, §3–4; string-diagrams.md §3.4 item 6) on seeded random
/// diagrams: random boxes with random rational, decimal (double) and deterministic tables over small finite wires,
/// composed with copies, discards, swaps, uniform and point states, fan-outs and tensors. Every comparison is of
/// evaluated channels, exactly (Rational). Properties: the functor laws for the generic CDU functor (composition in
/// FinStoch) and for contraction, which must agree on every diagram; associativity, units, interchange, symmetry;
/// the comonoid laws and which boxes commute with copying; Normalize keeps the meaning; cuts are idempotent and
/// commute, a cut is the average of the point interventions, Open(X) at x is Do(X = x); surgery on the diagram of a
/// random model (latent variables included) equals the SCM engine's m.Do(…).QueryExact.
module CausalScript.Tests.Diagrams.PropertiesTests

open System
open Expecto
open CausalScript
open CausalScript.Models
open CausalScript.Inference
open CausalScript.Diagrams
open CausalScript.Identification
open CausalScript.Tests.Graphs
open CausalScript.Tests.Graphs.Reference
open CausalScript.Tests.Graphs.Generators

// ---------------------------------------------------------------------------------------------------------------
// The random-diagram generator
// ---------------------------------------------------------------------------------------------------------------

/// How a random box's table is made.
type TableKind =
    /// Random rationals with small denominators (zeros allowed).
    | Exact
    /// Twentieths as doubles (read back exactly by EvaluateExact).
    | Decimal
    /// 0/1 rows: a function of the inputs.
    | Deterministic

let private rat (n: int) (d: int) = Rational(Numerics.BigInteger n, Numerics.BigInteger d)

/// The number of joint values of some wires.
let states (ws: Variable list) = ws |> List.fold (fun acc v -> acc * v.Size) 1

/// The largest number of joint values a random diagram's live wires may have (keeps FinStoch matrices small).
let maxStates = 48

/// A seeded source of random wires, boxes and diagrams. Every wire variable it makes has a fresh name.
type RandomDiagrams(rng: Random) =
    let mutable fresh = 0

    member _.Rng = rng

    /// The largest number of joint values the live wires may have (maxStates unless lowered).
    member val Cap = maxStates with get, set

    /// Runs `make` with a lower cap (small pieces for tensor laws, whose matrices multiply in size).
    member this.Small(cap: int, make: unit -> 'T) =
        let saved = this.Cap
        this.Cap <- cap
        try make () finally this.Cap <- saved

    /// A fresh variable: usually bool, sometimes a 2-label categorical or a 3-value range.
    member _.Wire() =
        fresh <- fresh + 1
        let name = sprintf "w%d" fresh
        match rng.Next 6 with
        | 0 -> Variable.Range(name, 0, 2)
        | 1 -> Variable.Categorical(name, [ "a"; "b" ])
        | _ -> Variable.Bool name

    member _.Row(kind: TableKind, size: int) : Rational[] =
        match kind with
        | Exact ->
            let w = Array.init size (fun _ -> rng.Next(0, 5))
            if Array.sum w = 0 then w[rng.Next size] <- 1
            let total = Array.sum w
            w |> Array.map (fun k -> rat k total)
        | Decimal ->
            let cuts = Array.init (size - 1) (fun _ -> rng.Next(0, 21)) |> Array.sort
            let bounds = Array.concat [ [| 0 |]; cuts; [| 20 |] ]
            Array.init size (fun k -> rat (bounds[k + 1] - bounds[k]) 20)
        | Deterministic ->
            let hot = rng.Next size
            Array.init size (fun k -> if k = hot then Rational.One else Rational.Zero)

    /// A box dom → cod with a random table of the given kind.
    member this.BoxOf(kind: TableKind, dom: Variable list, cod: Variable list) =
        fresh <- fresh + 1
        let name = sprintf "f%d" fresh
        let values = [| for _ in 1 .. states dom do yield! this.Row(kind, states cod) |]
        match kind with
        | Decimal -> Box.FromChannel(name, Channel<float>.Create(dom, cod, values |> Array.map (fun r -> r.ToDouble())))
        | _ -> Box.FromChannel(name, Channel<Rational>.Create(dom, cod, values))

    member _.Kind() =
        match rng.Next 5 with
        | 0 -> Deterministic
        | 1 | 2 -> Decimal
        | _ -> Exact

    /// A random box reading `dom`: one output (often), two, or none.
    member this.Box(dom: Variable list) =
        let outputs =
            match rng.Next 20 with
            | 0 -> 0
            | k when k < 5 -> 2
            | _ -> 1
        this.BoxOf(this.Kind(), dom, List.init outputs (fun _ -> this.Wire()))

    /// One layer on the live wires `ws`: a box on a contiguous segment, a swap, a copy, a discard, a uniform or point
    /// state, or a fan-out of two boxes; padded with identities.
    member this.Layer(ws: Variable list) : Diagram =
        let n = ws.Length
        let around (i: int) (k: int) (middle: Diagram) = Diagram.Id(List.take i ws) * middle * Diagram.Id(List.skip (i + k) ws)
        let fits (d: Diagram) = states (List.ofSeq d.Cod) <= this.Cap
        let attempt () =
            match rng.Next 9 with
            | 0 | 1 | 2 ->
                let i = rng.Next(n + 1)
                let k = rng.Next(min 3 (n - i) + 1)
                around i k (Diagram.Of(this.Box(ws |> List.skip i |> List.take k)))
            | 3 when n >= 2 ->
                let i = rng.Next(n - 1)
                around i 2 (Diagram.Swap(ws[i], ws[i + 1]))
            | 4 when n >= 1 ->
                let i = rng.Next n
                around i 1 (Diagram.Copy(ws[i], (if rng.Next 4 = 0 then 3 else 2)))
            | 5 when n >= 1 ->
                let i = rng.Next n
                around i 1 (Diagram.Discard [ ws[i] ])
            | 6 -> around (rng.Next(n + 1)) 0 (Diagram.Uniform(this.Wire()))
            | 7 ->
                let v = this.Wire()
                around (rng.Next(n + 1)) 0 (Diagram.Point(v, v.Domain.ValueAt(rng.Next v.Size)))
            | _ ->
                let i = rng.Next(n + 1)
                let k = rng.Next(min 2 (n - i) + 1)
                let segment = ws |> List.skip i |> List.take k
                around i k ((Diagram.Of(this.Box segment)).FanOut(Diagram.Of(this.Box segment)))
        let rec retry tries =
            let d = attempt ()
            if fits d then d
            elif tries > 0 then retry (tries - 1)
            elif n > 0 then around 0 1 (Diagram.Discard [ ws[0] ])
            else Diagram.Id([])
        retry 5

    /// A random diagram dom → (something) of `layers` layers.
    member this.Diagram(dom: Variable list, layers: int) : Diagram =
        let mutable d = Diagram.Id(dom)
        for _ in 1..layers do
            d <- d.Then(this.Layer(List.ofSeq d.Cod))
        d

    /// A random diagram from `dom` with 1–6 layers.
    member this.Diagram(dom: Variable list) = this.Diagram(dom, 1 + rng.Next 6)

    /// 0–2 fresh input wires.
    member this.Inputs() = List.init (rng.Next 3) (fun _ -> this.Wire())

    /// A random diagram with random inputs.
    member this.Any() = this.Diagram(this.Inputs())

// ---------------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------------

let exact (d: Diagram) = Stoch.EvaluateExact d

/// The generic functor into FinStoch (composition one box at a time), exact.
let functor = Functor(Stoch.Category<Rational>(), fun b -> Stoch.ExactTable b)

let same (a: Channel<Rational>) (b: Channel<Rational>) (message: string) =
    if not (a.SameAs b) then failtestf "%s:\n  %O\n  %O" message a b

/// Runs `body` for `cases` seeds from `baseSeed`; a failure names the seed.
let forSeeds (baseSeed: int) (cases: int) (body: RandomDiagrams -> unit) =
    for i in 0 .. cases - 1 do
        let seed = baseSeed + i
        try
            body (RandomDiagrams(Random seed))
        with e ->
            failtestf "seed %d: %s" seed e.Message

/// Every input row of a channel sums to 1.
let stochastic (c: Channel<Rational>) (message: string) =
    let columns = c.Cod |> Seq.fold (fun acc v -> acc * v.Size) 1
    let values = Array.ofSeq c.Values
    for start in 0 .. columns .. values.Length - 1 do
        let total = values[start .. start + columns - 1] |> Array.fold (+) Rational.Zero
        if total <> Rational.One then failtestf "%s: row at %d sums to %O" message (start / columns) total

/// Single-output generator boxes of a diagram (the variables surgery can target).
let targets (d: Diagram) =
    [ for b in d.Boxes do
        if b.Kind = BoxKind.Generator && b.Cod.Length = 1 then yield b.Cod[0] ]

// ---------------------------------------------------------------------------------------------------------------
// Random models for surgery
// ---------------------------------------------------------------------------------------------------------------

/// A random ADMG (latent nodes and ↔ edges) and a random rational model of it with explicit latent variables.
let randomModelOf (shape: Shape) (rng: Random) =
    let r = randomGraph rng shape
    let g = toAdmg r
    g, EstimandVerifier.RandomModel(g, rng.Next 100000)

/// A random model of a random ADMG of 2–8 nodes with latent nodes and ↔ edges.
let randomModel (rng: Random) = randomModelOf latentAdmgs rng

/// 1–2 observed variables with random values.
let randomIntervention (rng: Random) (m: Scm) =
    let observed = Array.ofSeq m.Observed
    let chosen = observed |> Array.sortBy (fun _ -> rng.Next()) |> Array.take (1 + rng.Next(min 2 observed.Length))
    [ for v in chosen -> v.Is(v.Domain.ValueAt(rng.Next v.Size)) ]

let private uniformWeight (xs: Variable seq) = rat 1 (xs |> Seq.fold (fun acc v -> acc * v.Size) 1)

[<Tests>]
let tests =
    testList "Diagrams.Properties" [
        testCase "the generator makes varied diagrams (not vacuous)" <| fun () ->
            let mutable boxes, copies, states', inputs, deterministic, multi = 0, 0, 0, 0, 0, 0
            forSeeds 0 300 <| fun g ->
                let d = g.Any()
                boxes <- boxes + (d.Boxes |> Seq.filter (fun b -> b.Kind = BoxKind.Generator) |> Seq.length)
                states' <- states' + (d.Boxes |> Seq.filter (fun b -> b.Kind <> BoxKind.Generator) |> Seq.length)
                multi <- multi + (d.Boxes |> Seq.filter (fun b -> b.Cod.Length <> 1) |> Seq.length)
                if d.Dom.Count > 0 then inputs <- inputs + 1
                if (d.Cod |> Seq.countBy (fun v -> v.Name) |> Seq.exists (fun (_, k) -> k > 1)) then copies <- copies + 1
                let isDeterministic (b: Box) =
                    match b.ExactTable with
                    | null -> false
                    | t -> t.Values |> Seq.forall (fun p -> p = Rational.Zero || p = Rational.One)
                deterministic <- deterministic + (d.Boxes |> Seq.filter isDeterministic |> Seq.length)
            Expect.isGreaterThan boxes 300 "generator boxes"
            Expect.isGreaterThan states' 60 "uniform and point states"
            Expect.isGreaterThan multi 30 "boxes with 0 or 2 outputs"
            Expect.isGreaterThan inputs 100 "diagrams with inputs"
            Expect.isGreaterThan copies 20 "diagrams with a copied output"
            Expect.isGreaterThan deterministic 30 "deterministic boxes"

        testCase "300 random diagrams: Functor.Apply (composition in FinStoch) = contraction, exactly; doubles agree; rows sum to 1" <| fun () ->
            forSeeds 1000 300 <| fun g ->
                let d = g.Any()
                let c = exact d
                same (functor.Apply d) c (string d)
                stochastic c (string d)
                let approx = Stoch.Evaluate d
                Seq.zip approx.Values c.Values |> Seq.iter (fun (a, e) ->
                    if abs (a - e.ToDouble()) > 1e-12 then failtestf "%O: double %g, exact %O" d a e)

        testCase "200 random pairs: F(f ; g) = F(f) ; F(g) and F(f ⊗ g) = F(f) ⊗ F(g), for the functor and for contraction" <| fun () ->
            forSeeds 2000 200 <| fun g ->
                let f = g.Any()
                let h = g.Diagram(List.ofSeq f.Cod)
                same (functor.Apply(f.Then h)) ((functor.Apply f).Then(functor.Apply h)) "functor, ;"
                same (exact (f.Then h)) ((exact f).Then(exact h)) "contraction, ;"
                let f2, k = g.Small(8, fun () -> g.Diagram([ g.Wire() ]), g.Diagram(g.Inputs(), 1 + g.Rng.Next 3))
                same (functor.Apply(f2 * k)) ((functor.Apply f2).Tensor(functor.Apply k)) "functor, ⊗"
                same (exact (f2 * k)) ((exact f2).Tensor(exact k)) "contraction, ⊗"

        testCase "identity, swap, copy (n = 0…3), discard, uniform and point go to their FinStoch counterparts" <| fun () ->
            forSeeds 3000 50 <| fun g ->
                let a, b = g.Wire(), g.Wire()
                let both (d: Diagram) (expected: Channel<Rational>) (what: string) =
                    same (functor.Apply d) expected (what + " (functor)")
                    same (exact d) expected (what + " (contraction)")
                both (Diagram.Id [ a; b ]) (Channel<Rational>.Identity [ a; b ]) "id"
                both (Diagram.Id []) (Channel<Rational>.Identity []) "id_I"
                both (Diagram.Swap(a, b)) (Channel<Rational>.Swap(a, b)) "swap"
                for n in 0..3 do
                    both (Diagram.Copy(a, n)) (Channel<Rational>.Copy(a, n)) (sprintf "copy %d" n)
                both (Diagram.Discard [ a ]) (Channel<Rational>.Discard a) "discard"
                both (Diagram.Discard [ a; b ]) ((Channel<Rational>.Discard a).Tensor(Channel<Rational>.Discard b)) "discard a ⊗ b"
                both (Diagram.Uniform a) (Channel<Rational>.Uniform a) "uniform"
                let x = a.Domain.ValueAt(g.Rng.Next a.Size)
                both (Diagram.Point(a, x)) (Channel<Rational>.Point(a, x)) "point"
                // The uniform state is uniform, and copying it is not the tensor of two uniforms.
                Expect.isTrue ((exact (Diagram.Uniform a)).Values |> Seq.forall (fun p -> p = rat 1 a.Size)) "1/|A|"
                Expect.isFalse ((exact ((Diagram.Uniform a).Then(Diagram.Copy a))).SameAs(exact (Diagram.Uniform a * Diagram.Uniform a))) "u ; Δ ≠ u ⊗ u"

        testCase "200 cases: associativity, units, interchange and naturality of the symmetry" <| fun () ->
            forSeeds 4000 200 <| fun g ->
                let f = g.Any()
                let h = g.Diagram(List.ofSeq f.Cod, 1 + g.Rng.Next 3)
                let k = g.Diagram(List.ofSeq h.Cod, 1 + g.Rng.Next 3)
                same (exact ((f.Then h).Then k)) (exact (f.Then(h.Then k))) "(f ; g) ; h = f ; (g ; h)"
                same (functor.Apply((f.Then h).Then k)) (functor.Apply(f.Then(h.Then k))) "functor: associativity"
                same (exact ((Diagram.Id f.Dom).Then f)) (exact f) "id ; f = f"
                same (exact (f.Then(Diagram.Id f.Cod))) (exact f) "f ; id = f"
                same (exact (f * Diagram.Id [])) (exact f) "f ⊗ id_I = f"
                same (exact (Diagram.Id [] * f)) (exact f) "id_I ⊗ f = f"
                // Small pieces for the tensor laws.
                let small () = g.Small(6, fun () -> g.Diagram(List.truncate 1 (g.Inputs()), 1 + g.Rng.Next 2))
                let p1, p2, p3 = small (), small (), small ()
                same (exact ((p1 * p2) * p3)) (exact (p1 * (p2 * p3))) "(f ⊗ g) ⊗ h = f ⊗ (g ⊗ h)"
                let q1, q2 = g.Small(6, fun () -> g.Diagram(List.ofSeq p1.Cod, 1), g.Diagram(List.ofSeq p2.Cod, 1))
                same (exact ((p1 * p2).Then(q1 * q2))) (exact ((p1.Then q1) * (p2.Then q2))) "interchange"
                same (functor.Apply((p1 * p2).Then(q1 * q2))) (functor.Apply((p1.Then q1) * (p2.Then q2))) "functor: interchange"
                // Naturality of σ for single-wire boxes: (f ⊗ g) ; σ = σ ; (g ⊗ f).
                let a, b = g.Wire(), g.Wire()
                let fa, gb = g.BoxOf(g.Kind(), [ a ], [ g.Wire() ]), g.BoxOf(g.Kind(), [ b ], [ g.Wire() ])
                let left = (Diagram.Of fa * Diagram.Of gb).Then(Diagram.Swap(fa.Cod[0], gb.Cod[0]))
                let right = (Diagram.Swap(a, b)).Then(Diagram.Of gb * Diagram.Of fa)
                same (exact left) (exact right) "naturality of the swap"
                same (exact ((Diagram.Swap(a, b)).Then(Diagram.Swap(b, a)))) (exact (Diagram.Id [ a; b ])) "σ ; σ = id"

        testCase "comonoid laws; discard is natural for every box, copy only for deterministic ones (and points)" <| fun () ->
            let mutable differs = 0
            forSeeds 5000 200 <| fun g ->
                let a = g.Wire()
                let copy = Diagram.Copy a
                let idA = Diagram.Id [ a ]
                same (exact (copy.Then(copy * idA))) (exact (copy.Then(idA * copy))) "coassociative"
                same (exact (copy.Then(Diagram.Swap(a, a)))) (exact copy) "cocommutative"
                same (exact (copy.Then(Diagram.Discard [ a ] * idA))) (exact idA) "counit"
                same (exact (Diagram.Copy(a, 3))) (exact (copy.Then(copy * idA))) "Copy(a, 3) = Δ ; (Δ ⊗ id)"
                let dom = g.Inputs()
                let f = g.Diagram(dom)
                same (exact (f.Then(Diagram.Discard f.Cod))) (exact (Diagram.Discard dom)) "f ; ◊ = ◊"
                let b = g.Wire()
                let det = Diagram.Of(g.BoxOf(Deterministic, [ a ], [ b ]))
                same (exact (det.Then(Diagram.Copy b))) (exact (copy.Then(det * det))) "deterministic f ; Δ = Δ ; (f ⊗ f)"
                let x = b.Domain.ValueAt(g.Rng.Next b.Size)
                same (exact ((Diagram.Point(b, x)).Then(Diagram.Copy b))) (exact (Diagram.Point(b, x) * Diagram.Point(b, x))) "points are copyable"
                let random = Diagram.Of(g.BoxOf(Exact, [ a ], [ b ]))
                if not ((exact (random.Then(Diagram.Copy b))).SameAs(exact (copy.Then(random * random)))) then differs <- differs + 1
            Expect.isGreaterThan differs 100 "a random (non-deterministic) box does not commute with copying"

        testCase "300 random diagrams: Normalize keeps the meaning, leaves no box whose outputs are all unread, and is idempotent" <| fun () ->
            let mutable removed = 0
            forSeeds 6000 300 <| fun g ->
                let d0 = g.Any()
                let d = if d0.Cod.Count > 0 && g.Rng.Next 2 = 0 then d0.SelectOutputs([ g.Rng.Next d0.Cod.Count ]) else d0
                let n = d.Normalize()
                same (exact n) (exact d) (sprintf "%O → %O" d n)
                same (functor.Apply n) (exact d) "functor on the normal form"
                removed <- removed + d.Boxes.Count - n.Boxes.Count
                let read = set [ for b in n.Boxes do for v in b.Dom -> v.Name ] + set [ for v in n.Cod -> v.Name ]
                for b in n.Boxes do
                    if b.Cod.Length = 0 || not (b.Cod |> Seq.exists (fun v -> read.Contains v.Name)) then failtestf "box %O is unread in %O" b n
                Expect.equal (string (n.Normalize())) (string n) "idempotent"
            Expect.isGreaterThan removed 200 "Normalize removed boxes"

        testCase "300 random diagrams: cuts are idempotent and commute; a cut is the average of the point interventions; Open(X) at x is Do(X = x)" <| fun () ->
            let mutable checkedPairs = 0
            forSeeds 7000 300 <| fun g ->
                let d = g.Any()
                match targets d with
                | [] -> ()
                | ts ->
                    let x = ts[g.Rng.Next ts.Length]
                    let y = ts[g.Rng.Next ts.Length]
                    let cut = exact (d.Cut x)
                    same (exact ((d.Cut x).Cut x)) cut "Cut(X).Cut(X) = Cut(X)"
                    same (exact ((d.Cut x).Cut y)) (exact ((d.Cut y).Cut x)) "Cut(X).Cut(Y) = Cut(Y).Cut(X)"
                    same (exact ((d.Cut x).Cut y)) (exact (d.Cut(x, y))) "Cut(X).Cut(Y) = Cut(X, Y)"
                    same (functor.Apply((d.Cut x).Cut y)) (exact (d.Cut(x, y))) "functor on cuts"
                    if x.Name <> y.Name then checkedPairs <- checkedPairs + 1
                    // cut_X = (1/|X|) Σ_x do(X = x), entrywise.
                    let dos = [ for k in 0 .. x.Size - 1 -> exact (d.Do(x.Is(x.Domain.ValueAt k))) ]
                    let average = [| for i in 0 .. cut.Values.Count - 1 -> (dos |> List.fold (fun acc c -> acc + c.Values[i]) Rational.Zero) * rat 1 x.Size |]
                    Expect.sequenceEqual cut.Values average "cut = average of do"
                    // Open(X): the channel (inputs, X) → outputs; its rows at x are Do(X = x).
                    let opened = exact (d.Open x)
                    Expect.equal (opened.Dom |> Seq.map (fun v -> v.Name) |> List.ofSeq) ((d.Dom |> Seq.map (fun v -> v.Name) |> List.ofSeq) @ [ x.Name ]) "Open appends X to the inputs"
                    let columns = d.Cod |> Seq.fold (fun acc v -> acc * v.Size) 1
                    let rows = d.Dom |> Seq.fold (fun acc v -> acc * v.Size) 1
                    for k in 0 .. x.Size - 1 do
                        let doK = dos[k]
                        for r in 0 .. rows - 1 do
                            for c in 0 .. columns - 1 do
                                let o = opened.Values[((r * x.Size) + k) * columns + c]
                                if o <> doK.Values[r * columns + c] then failtestf "Open(%s) at %d, row %d, column %d: %O, Do: %O" x.Name k r c o doK.Values[r * columns + c]
            Expect.isGreaterThan checkedPairs 60 "pairs of distinct cuts"

        testCase "surgery on FromModel(m) of 250 random models with latents = the SCM engine's m.Do(…).QueryExact (do, cut disintegrated, open)" <| fun () ->
            let mutable latent = 0
            for seed in 0..249 do
                let rng = Random(8000 + seed)
                let g, m = randomModel rng
                if m.Latent.Count > 0 then latent <- latent + 1
                let d = Diagram.FromModel m
                try
                    Expect.sequenceEqual (exact d).Values (m.QueryExact(m.Observed).Values) "no intervention"
                    let assignments = randomIntervention rng m
                    let truth = m.Do(assignments).QueryExact(m.Observed)
                    Expect.sequenceEqual (exact (d.Do(Array.ofList assignments))).Values truth.Values "Do"
                    // The cut state, disintegrated at X: divide by the uniform weight where X = x.
                    let xs = assignments |> List.map (fun a -> a.Variable) |> Array.ofList
                    let cut = (exact (d.Cut xs)).ToFactor()
                    let given = cut.Reduce(assignments)
                    let expected = truth.Reduce(assignments)
                    Expect.sequenceEqual (given.Values |> Seq.map (fun p -> p / uniformWeight xs)) expected.Values "Cut"
                    // Open: the channel X → observed, at x.
                    let ys = m.Observed |> Seq.filter (fun v -> not (xs |> Array.exists (fun x -> x.Name = v.Name))) |> Array.ofSeq
                    if ys.Length > 0 then
                        let opened = exact ((d.Open xs).Marginal(ys))
                        let row = assignments |> List.fold (fun acc a -> acc * a.Variable.Size + a.Index) 0
                        let columns = ys |> Array.fold (fun acc v -> acc * v.Size) 1
                        let expectedY = m.Do(assignments).QueryExact(ys)
                        Expect.sequenceEqual (Seq.init columns (fun c -> opened.Values[row * columns + c])) expectedY.Values "Open"
                with e ->
                    failtestf "seed %d, graph %O, model %s: %s" (8000 + seed) g m.Name e.Message
            Expect.isGreaterThan latent 150 "models with latent variables"
    ]
