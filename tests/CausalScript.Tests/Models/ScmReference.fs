/// The test-side reference semantics of discrete structural causal models, independent of the library's inference:
/// random models described as plain F# data (probability tables and lookup functions over value codes), the library
/// model built from that description through the public constructors, and brute-force enumeration of
///   * the joint distribution (product of every variable's table entry, over every full assignment),
///   * interventional distributions (the truncated factorisation: an intervened variable's factor is dropped and its
///     value fixed; Pearl 2009, eq. 3.10),
///   * counterfactuals (enumerate the exogenous roots, compute every world by hand; Pearl 2009, §7.1).
/// Everything is exponential on purpose; keep models at about 7 variables of 2–3 values.
module CausalScript.Tests.Models.ScmReference

open System
open System.Collections.Generic
open System.Numerics
open CausalScript
open CausalScript.Models
open CausalScript.Inference

let rat (n: int) (d: int) = Rational(BigInteger n, BigInteger d)

/// The double nearest to a small rational (IEEE division of two exactly representable integers).
let toFloat (r: Rational) = float r.Numerator / float r.Denominator

/// How a variable is computed, on value codes (index into the domain).
type Kind =
    /// P(child | parents): parent configurations row-major (last parent fastest), the child's code fastest.
    | Table of Rational[]
    /// A deterministic function: the child's code for each parent configuration.
    | Lookup of int[]
    /// A finite exogenous root with these probabilities (denominators dividing 20, so they are exact decimals).
    | FiniteNoise of Rational[]

type Node =
    { Var: Variable
      Parents: Variable[]
      Latent: bool
      Kind: Kind
      /// Which public constructor builds the mechanism (exercises the overloads); see `mechanism`.
      Style: int }

/// A model: nodes in a topological order, plus the (random) order in which they are declared to the builder.
type RModel =
    { Nodes: Node[]
      Declared: Node[] }

    member m.Position(v: Variable) = m.Nodes |> Array.findIndex (fun n -> n.Var.Name = v.Name)
    member m.Var(name: string) = (m.Nodes |> Array.find (fun n -> n.Var.Name = name)).Var
    member m.Observed = m.Nodes |> Array.filter (fun n -> not n.Latent) |> Array.map (fun n -> n.Var)

    /// dagitty-like text for failure messages.
    override m.ToString() =
        let kind n =
            match n.Kind with
            | Table t -> sprintf "table %s" (String.Join(" ", t |> Array.map string))
            | Lookup f -> sprintf "lookup %A" f
            | FiniteNoise p -> sprintf "noise %s" (String.Join(" ", p |> Array.map string))
        String.Join("\n", [ for n in m.Nodes ->
                                sprintf "  %s%s %O <- (%s): %s [style %d]" (if n.Latent then "latent " else "") n.Var.Name n.Var.Domain
                                    (String.Join(", ", n.Parents |> Array.map (fun p -> p.Name))) (kind n) n.Style ])

// ---------------------------------------------------------------------------------------------------------------
// Codes and values
// ---------------------------------------------------------------------------------------------------------------

/// The numeric reading's offset from a code: the minimum of an integer range, else 0.
let offset (v: Variable) = if v.Domain.Kind = DomainKind.IntegerRange then v.Domain.Minimum else 0

/// The assignment v = (the value with this code).
let at (v: Variable) (code: int) = v.Is(v.Domain.ValueAt code)

/// The row of a parent configuration: Σ code·stride, row-major with the last parent fastest.
let configuration (parents: Variable[]) (codeOf: Variable -> int) =
    parents |> Array.fold (fun acc p -> acc * p.Size + codeOf p) 0

let configurations (parents: Variable[]) = parents |> Array.fold (fun acc p -> acc * p.Size) 1

/// P(node = value | parents) from the node's description.
let localProbability (node: Node) (codeOf: Variable -> int) (value: int) : Rational =
    let row = configuration node.Parents codeOf
    match node.Kind with
    | Table t -> t[row * node.Var.Size + value]
    | Lookup f -> if f[row] = value then Rational.One else Rational.Zero
    | FiniteNoise p -> p[value]

/// Every full assignment of the variables, as code arrays.
let rec allCodes (vars: Variable list) : int list list =
    match vars with
    | [] -> [ [] ]
    | v :: rest -> [ for c in 0 .. v.Size - 1 do for tail in allCodes rest -> c :: tail ]

// ---------------------------------------------------------------------------------------------------------------
// Building the library model
// ---------------------------------------------------------------------------------------------------------------

let private isDecimal (t: Rational[]) = t |> Array.forall (fun r -> 20 % int r.Denominator = 0)

/// The noise of a finite root. Styles 1 and 3 use Noise.Bernoulli for a two-valued root, others Noise.Categorical.
let noiseOf (node: Node) =
    match node.Kind with
    | FiniteNoise p when node.Var.Size = 2 && node.Style % 2 = 1 -> Noise.Bernoulli(toFloat p[1])
    | FiniteNoise p -> Noise.Categorical(p |> Array.map toFloat)
    | _ -> invalidArg "node" "not a noise root"

/// The library mechanism of a node. Styles: tables — 0 rational flat CPT (or rational Prior for a root), 1 double
/// flat CPT, 2 keyed rows (doubles); lookups — 0 object function, 1 numeric function, 2/3 typed int functions of one
/// or two parents, 4 typed label function of one parent. Double tables are only used for decimal probabilities,
/// which exact inference reads back exactly.
let mechanism (node: Node) : Mechanism =
    let pa = node.Parents
    let child = node.Var
    match node.Kind with
    | Table t when node.Style = 1 && isDecimal t -> Mechanism.Cpt(pa, t |> Array.map toFloat)
    | Table t when node.Style = 2 && isDecimal t && pa.Length > 0 ->
        let size = child.Size
        let rows =
            [ for codes in allCodes (List.ofArray pa) ->
                let codeArr = Array.ofList codes
                let key: obj =
                    if pa.Length = 1 then pa[0].Domain.ValueAt codeArr[0]
                    else
                        let values = Array.init pa.Length (fun i -> pa[i].Domain.ValueAt codeArr[i])
                        match values with
                        | [| a; b |] -> (struct (a, b) :> obj)
                        | [| a; b; c |] -> (struct (a, b, c) :> obj)
                        | _ -> (struct (values[0], values[1], values[2], values[3]) :> obj)
                let row = configuration pa (fun p -> codeArr[Array.IndexOf(pa, p)])
                struct (key, Array.init size (fun k -> toFloat t[row * size + k])) ]
        Mechanism.Cpt(pa, rows)
    | Table t when pa.Length = 0 -> Mechanism.Prior(t)
    | Table t -> Mechanism.Cpt(pa, t)
    | FiniteNoise _ -> Mechanism.Exogenous(noiseOf node)
    | Lookup f ->
        let indexOf (p: Variable) (o: obj) = p.Domain.IndexOf(o, p.Name)
        match node.Style, pa.Length with
        | 1, _ ->
            Mechanism.NumericFunction(pa, Func<float[], float>(fun xs ->
                let row = configuration pa (fun p -> let i = Array.IndexOf(pa, p) in int (Math.Round xs[i]) - offset p)
                float (f[row] + offset child)))
        | 2, 1 ->
            // An int parent reads as its value (range) or its code (bool, categorical); an int result likewise.
            Mechanism.Function(pa[0], Func<int, int>(fun x -> f[x - offset pa[0]] + offset child))
        | 3, 2 ->
            Mechanism.Function(pa[0], pa[1], Func<int, int, int>(fun x y ->
                f[(x - offset pa[0]) * pa[1].Size + (y - offset pa[1])] + offset child))
        | 4, 1 ->
            Mechanism.Function(pa[0], Func<string, string>(fun s ->
                child.Domain.Labels[f[Seq.findIndex ((=) s) pa[0].Domain.Labels]]))
        | _ ->
            Mechanism.Function(pa, Func<IReadOnlyList<obj>, obj>(fun values ->
                let row = configuration pa (fun p -> let i = Array.IndexOf(pa, p) in indexOf p values[i])
                child.Domain.ValueAt f[row]))

/// Builds the library model, declaring the variables in `Declared` order (parents may come later).
let build (name: string) (m: RModel) : Scm =
    let b = Scm.Create(name)
    for node in m.Declared do
        // Noise styles 2 and 3 go through the builder's noise overloads, the others through Mechanism.Exogenous.
        match node.Kind, node.Latent with
        | FiniteNoise _, true when node.Style >= 2 -> b.Noise(node.Var, noiseOf node) |> ignore
        | FiniteNoise _, false when node.Style >= 2 -> b.Node(node.Var, noiseOf node) |> ignore
        | _, true -> b.Latent(node.Var, mechanism node) |> ignore
        | _, false -> b.Node(node.Var, mechanism node) |> ignore
    b.Build()

// ---------------------------------------------------------------------------------------------------------------
// Random models
// ---------------------------------------------------------------------------------------------------------------

let shuffle (rng: Random) (xs: 'a[]) =
    let a = Array.copy xs
    for i in a.Length - 1 .. -1 .. 1 do
        let j = rng.Next(i + 1)
        let t = a[i]
        a[i] <- a[j]
        a[j] <- t
    a

/// A random finite variable: bool, a categorical with 2–3 labels, or an integer range of 2–3 values (possibly
/// negative, so the code/value offset matters).
let randomVariable (rng: Random) (name: string) =
    match rng.Next 3 with
    | 0 -> Variable.Bool name
    | 1 -> Variable.Categorical(name, [ "lo"; "mid"; "hi" ] |> List.take (rng.Next(2, 4)))
    | _ ->
        let low = rng.Next(-1, 2)
        Variable.Range(name, low, low + rng.Next(1, 3))

/// A distribution over `size` values in twentieths (exact decimals); zeros allowed or not.
let decimalDistribution (rng: Random) (size: int) (allowZeros: bool) =
    let rec attempt () =
        let cuts = Array.init (size - 1) (fun _ -> rng.Next(0, 21)) |> Array.sort
        let bounds = Array.concat [ [| 0 |]; cuts; [| 20 |] ]
        let parts = Array.init size (fun k -> bounds[k + 1] - bounds[k])
        if not allowZeros && Array.contains 0 parts then attempt () else parts |> Array.map (fun k -> rat k 20)
    attempt ()

/// A distribution with arbitrary small denominators (not decimals: exact only in rationals).
let rationalDistribution (rng: Random) (size: int) (allowZeros: bool) =
    let weights = Array.init size (fun _ -> rng.Next((if allowZeros then 0 else 1), 6))
    let weights = if Array.sum weights = 0 then (weights[0] <- 1; weights) else weights
    let total = Array.sum weights
    weights |> Array.map (fun w -> rat w total)

let private randomTable (rng: Random) (parents: Variable[]) (child: Variable) (allowZeros: bool) =
    let decimalTable = rng.Next 2 = 0
    let rows = configurations parents
    let t =
        Array.concat [ for _ in 1..rows ->
                        if decimalTable then decimalDistribution rng child.Size allowZeros
                        else rationalDistribution rng child.Size allowZeros ]
    Table t, (if decimalTable then rng.Next 3 else 0)

let private randomLookup (rng: Random) (parents: Variable[]) (child: Variable) =
    let f = Array.init (configurations parents) (fun _ -> rng.Next child.Size)
    let style =
        match parents.Length with
        | 1 -> [| 0; 1; 2; 4 |][rng.Next 4]
        | 2 -> [| 0; 1; 3 |][rng.Next 3]
        | _ -> rng.Next 2
    Lookup f, style

/// A random discrete model of `minNodes`–`maxNodes` variables: each variable reads each earlier one with probability
/// `pEdge` (at most 3 parents); roots are tables (priors) or finite noise, others tables (or, with probability
/// `pLookup`, deterministic lookups); each variable is latent with probability `pLatent` (two stay observed).
let randomModel (rng: Random) (minNodes: int) (maxNodes: int) (pEdge: float) (pLookup: float) (pLatent: float) (allowZeros: bool) =
    let n = rng.Next(minNodes, maxNodes + 1)
    let vars = Array.init n (fun i -> randomVariable rng (sprintf "V%d" i)) |> shuffle rng
    let latent = Array.init n (fun _ -> rng.NextDouble() < pLatent)
    let latent = if (latent |> Array.filter not).Length < 2 then Array.create n false else latent
    let nodes =
        [| for i in 0 .. n - 1 do
            let parents = [| for j in 0 .. i - 1 do if rng.NextDouble() < pEdge then vars[j] |] |> Array.truncate 3 |> shuffle rng
            let child = vars[i]
            let kind, style =
                if parents.Length = 0 && rng.Next 2 = 0 then FiniteNoise(decimalDistribution rng child.Size allowZeros), rng.Next 4
                elif parents.Length > 0 && rng.NextDouble() < pLookup then randomLookup rng parents child
                else randomTable rng parents child allowZeros
            { Var = child; Parents = parents; Latent = latent[i]; Kind = kind; Style = style } |]
    { Nodes = nodes; Declared = shuffle rng nodes }

/// A random fully specified SCM with finite noise: 1–3 exogenous roots (finite noise, mostly latent, or an observed
/// prior) and 2–4 endogenous variables, each a deterministic lookup of some earlier endogenous variables and at least
/// one root. Counterfactuals are determined and exact.
let randomFunctionalModel (rng: Random) =
    let roots = rng.Next(1, 4)
    let endogenous = rng.Next(2, 5)
    let rootVars = Array.init roots (fun i -> randomVariable rng (sprintf "U%d" i))
    let endoVars = Array.init endogenous (fun i -> randomVariable rng (sprintf "X%d" i))
    let rootNodes =
        [| for v in rootVars ->
            if rng.Next 3 = 0 then { Var = v; Parents = [||]; Latent = false; Kind = Table(rationalDistribution rng v.Size false); Style = 0 }
            else { Var = v; Parents = [||]; Latent = rng.Next 4 > 0; Kind = FiniteNoise(decimalDistribution rng v.Size false); Style = rng.Next 4 } |]
    let endoNodes =
        [| for i in 0 .. endogenous - 1 do
            let earlier = [| for j in 0 .. i - 1 do if rng.NextDouble() < 0.6 then endoVars[j] |] |> Array.truncate 2
            let noise = shuffle rng rootVars |> Array.take (1 + rng.Next(min 2 roots))
            let parents = Array.append earlier noise |> shuffle rng
            let kind, style = randomLookup rng parents endoVars[i]
            { Var = endoVars[i]; Parents = parents; Latent = false; Kind = kind; Style = style } |]
    let nodes = Array.append rootNodes endoNodes
    { Nodes = nodes; Declared = shuffle rng nodes }

// ---------------------------------------------------------------------------------------------------------------
// Brute-force semantics
// ---------------------------------------------------------------------------------------------------------------

/// Every full assignment (codes indexed like m.Nodes) with its probability under the truncated factorisation of the
/// intervention (variable name → code); zero-probability assignments are skipped.
let joint (m: RModel) (intervention: Map<string, int>) : (int[] * Rational) list =
    let n = m.Nodes.Length
    let position = Dictionary<string, int>()
    m.Nodes |> Array.iteri (fun i node -> position[node.Var.Name] <- i)
    let results = ResizeArray()
    let codes = Array.zeroCreate n
    let rec go i (weight: Rational) =
        if i = n then results.Add(Array.copy codes, weight)
        else
            let node = m.Nodes[i]
            match intervention.TryFind node.Var.Name with
            | Some c ->
                codes[i] <- c
                go (i + 1) weight
            | None ->
                for value in 0 .. node.Var.Size - 1 do
                    let p = localProbability node (fun v -> codes[position[v.Name]]) value
                    if p <> Rational.Zero then
                        codes[i] <- value
                        go (i + 1) (weight * p)
    go 0 Rational.One
    List.ofSeq results

/// P(query | evidence) under the intervention, by enumeration: Some table over the query codes (row-major), or None
/// when the evidence has probability zero.
let conditional (m: RModel) (intervention: Map<string, int>) (query: Variable list) (evidence: (Variable * int) list) =
    let pos (v: Variable) = m.Position v
    let rows = joint m intervention |> List.filter (fun (codes, _) -> evidence |> List.forall (fun (v, c) -> codes[pos v] = c))
    let total = rows |> List.fold (fun acc (_, w) -> acc + w) Rational.Zero
    if total = Rational.Zero then None
    else
        Some(
            allCodes query
            |> List.map (fun q ->
                let mass =
                    rows
                    |> List.filter (fun (codes, _) -> List.forall2 (fun (v: Variable) c -> codes[pos v] = c) query q)
                    |> List.fold (fun acc (_, w) -> acc + w) Rational.Zero
                q, mass / total)
            |> Map.ofList)

/// A variable in a world: the variable and the intervention (name → code) of that world.
type WorldVariable = Variable * Map<string, int>

/// The library's counterfactual variable for a world variable (the variable itself for the empty intervention).
let underOf (m: RModel) ((v, intervention): WorldVariable) =
    if intervention.IsEmpty then v
    else v.Under([ for KeyValue(name, code) in intervention -> at (m.Var name) code ])

let private isRoot (node: Node) =
    match node.Kind with
    | FiniteNoise _ -> true
    | Table _ when node.Parents.Length = 0 -> true
    | _ -> false

/// Counterfactual P(query | evidence) by enumerating the exogenous roots and computing every world by hand (roots
/// keep their value unless intervened; lookups are re-evaluated on the world's parents). None when the evidence has
/// probability zero. Only for models whose non-roots are lookups.
let counterfactual (m: RModel) (query: WorldVariable list) (evidence: (WorldVariable * int) list) =
    let roots = m.Nodes |> Array.filter isRoot
    let position = Dictionary<string, int>()
    m.Nodes |> Array.iteri (fun i node -> position[node.Var.Name] <- i)
    let world (u: Map<string, int>) (intervention: Map<string, int>) =
        let codes = Array.zeroCreate m.Nodes.Length
        for i in 0 .. m.Nodes.Length - 1 do
            let node = m.Nodes[i]
            codes[i] <-
                match intervention.TryFind node.Var.Name with
                | Some c -> c
                | None when isRoot node -> u[node.Var.Name]
                | None ->
                    match node.Kind with
                    | Lookup f -> f[configuration node.Parents (fun p -> codes[position[p.Name]])]
                    | _ -> failwithf "the reference needs lookups for non-roots (%s)" node.Var.Name
        codes
    let valueOf u ((v, intervention): WorldVariable) = (world u intervention)[position[v.Name]]
    let units =
        allCodes [ for r in roots -> r.Var ]
        |> List.map (fun codes ->
            let u = List.zip [ for r in roots -> r.Var.Name ] codes |> Map.ofList
            let w = List.zip (List.ofArray roots) codes |> List.fold (fun acc (r, c) -> acc * localProbability r (fun _ -> 0) c) Rational.One
            u, w)
        |> List.filter (fun (_, w) -> w <> Rational.Zero)
    let consistent = units |> List.filter (fun (u, _) -> evidence |> List.forall (fun (wv, c) -> valueOf u wv = c))
    let total = consistent |> List.fold (fun acc (_, w) -> acc + w) Rational.Zero
    if total = Rational.Zero then None
    else
        Some(
            allCodes [ for (v, _) in query -> v ]
            |> List.map (fun q ->
                let mass =
                    consistent
                    |> List.filter (fun (u, _) -> List.forall2 (fun wv c -> valueOf u wv = c) query q)
                    |> List.fold (fun acc (_, w) -> acc + w) Rational.Zero
                q, mass / total)
            |> Map.ofList)

/// A human-readable list of assignments for failure messages.
let show (assignments: Assignment seq) = "[" + String.Join("; ", assignments |> Seq.map string) + "]"

// ---------------------------------------------------------------------------------------------------------------
// Fixtures from the literature
// ---------------------------------------------------------------------------------------------------------------

/// The smoking model of string-diagrams.md §2.4 (genotype H latent, index 0 = no / g0 / low):
/// H ~ Bern(1/2); P(S=1|H=0,1) = 1/5, 4/5; P(T=1|S=0,1) = 1/10, 9/10; P(C=1|T,H): (0,0) 1/10, (0,1) 2/5, (1,0) 1/2,
/// (1,1) 4/5. Exact answers from the note: P(C=1|do(S=0)) = 29/100, P(C=1|do(S=1)) = 61/100, P(C=1|S=0) = 1/5,
/// P(C=1|S=1) = 7/10.
module Smoking =
    let H = Variable.Categorical("H", [ "g0"; "g1" ])
    let S = Variable.Categorical("S", [ "no"; "yes" ])
    let T = Variable.Categorical("T", [ "low"; "high" ])
    let C = Variable.Categorical("C", [ "no"; "yes" ])
    let private r (s: string) = Rational.Parse s

    /// The model with exact rational tables.
    let model () =
        Scm.Create("smoking")
            .Latent(H, Mechanism.Prior([ r "1/2"; r "1/2" ]))
            .Node(S, Mechanism.Cpt([ H ], [ r "4/5"; r "1/5"; r "1/5"; r "4/5" ]))
            .Node(T, Mechanism.Cpt([ S ], [ r "9/10"; r "1/10"; r "1/10"; r "9/10" ]))
            .Node(C, Mechanism.Cpt([ T; H ], [ r "9/10"; r "1/10"; r "3/5"; r "2/5"; r "1/2"; r "1/2"; r "1/5"; r "4/5" ]))
            .Build()

    /// The same model written with decimal doubles (declared in a scrambled order, C's table given by keyed rows).
    let decimalModel () =
        Scm.Create("smoking (decimals)")
            .Node(C, Mechanism.Cpt([ T; H ], [ struct ((struct ("low", "g0") :> obj), [| 0.9; 0.1 |])
                                               struct ((struct ("high", "g1") :> obj), [| 0.2; 0.8 |])
                                               struct ((struct ("low", "g1") :> obj), [| 0.6; 0.4 |])
                                               struct ((struct ("high", "g0") :> obj), [| 0.5; 0.5 |]) ]))
            .Node(T, Mechanism.Cpt([ S ], [ 0.9; 0.1; 0.1; 0.9 ]))
            .Latent(H, Mechanism.Prior([ 0.5; 0.5 ]))
            .Node(S, Mechanism.Cpt([ H ], [ struct (("g0" :> obj), [| 0.8; 0.2 |]); struct (("g1" :> obj), [| 0.2; 0.8 |]) ]))
            .Build()

/// Pearl's firing squad (Pearl 2009, §7.1.2): court order U ~ Bern(p), nervous rifleman W ~ Bern(q), captain
/// O := U, riflemen A := O ∨ W and B := O, death D := A ∨ B. U and W are latent.
module FiringSquad =
    let U = Variable.Bool "U"
    let W = Variable.Bool "W"
    let O = Variable.Bool "O"
    let A = Variable.Bool "A"
    let B = Variable.Bool "B"
    let D = Variable.Bool "D"

    let private endogenous (b: ScmBuilder) =
        b.Node(O, Mechanism.Function(U, Func<bool, bool>(id)))
            .Node(A, Mechanism.Function(O, W, Func<bool, bool, bool>(fun o w -> o || w)))
            .Node(B, Mechanism.Function(O, Func<bool, bool>(id)))
            .Node(D, Mechanism.Function(A, B, Func<bool, bool, bool>(fun a b -> a || b)))
            .Build()

    /// With exact rational priors.
    let model (p: Rational) (q: Rational) =
        Scm.Create("firing squad")
            .Latent(U, Mechanism.Prior([ Rational.One - p; p ]))
            .Latent(W, Mechanism.Prior([ Rational.One - q; q ]))
        |> endogenous

    /// With Bernoulli noise terms given as decimals.
    let bernoulli (p: float) (q: float) =
        Scm.Create("firing squad").Noise(U, Noise.Bernoulli p).Noise(W, Noise.Bernoulli q) |> endogenous
