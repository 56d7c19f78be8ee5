/// Ground truth for counterfactual identification (identification-algorithms.md §7): random discrete SCMs with
/// explicit finite noise, exact counterfactual probabilities by Counterfactuals.ExactRational, and evaluation of
/// ID*/IDC* estimands on the model's interventional (ModelDistribution) or observational (JointDistribution)
/// distributions.
module CausalScript.Tests.Identification.CfOracle

open System
open System.Collections.Generic
open CausalScript
open CausalScript.Graphs
open CausalScript.Models
open CausalScript.Inference
open CausalScript.Expressions
open CausalScript.Identification

/// k positive probabilities that are exact decimals (multiples of 1/20), not all equal.
let private probabilities (rng: Random) (k: int) : float list =
    let rec draw () =
        // a random composition of 20 into k positive parts
        let cuts = [ 1 .. 19 ] |> List.sortBy (fun _ -> rng.Next()) |> List.take (k - 1) |> List.sort
        let parts = List.map2 (-) (cuts @ [ 20 ]) (0 :: cuts)
        if List.distinct parts |> List.length = 1 then draw () else parts
    draw () |> List.map (fun w -> float w / 20.0)

/// A random SCM over the ADMG: variables are integers 0..1 (labels "0", "1"); each variable V has its own exogenous
/// U_V (4 states) and every bidirected edge A <-> B one latent L_A_B (3 states, non-uniform); V = f_V(pa, latents, U_V)
/// with a random table in which both outputs occur for every (pa, latents) configuration.
let randomScm (g: Admg) (seed: int) : Scm =
    let rng = Random seed
    let vars = dict [ for n in g.Nodes -> n, Variable.Range(n, 0, 1) ]
    let builder = Scm.Create(sprintf "random SCM %d of %O" seed g)
    let latents = Dictionary<string, ResizeArray<Variable>>()
    for n in g.Nodes do latents[n] <- ResizeArray()
    for e in g.BidirectedEdges do
        let l = Variable.Range(sprintf "L_%s_%s" e.From e.To, 0, 2)
        builder.Noise(l, Noise.Categorical(probabilities rng 3)) |> ignore
        latents[e.From].Add l
        latents[e.To].Add l
    for n in g.TopologicalOrder do
        let u = Variable.Range("U_" + n, 0, 3)
        builder.Noise(u, Noise.Categorical(probabilities rng 4)) |> ignore
        let inputs = [| yield! g.Parents([ n ]) |> Seq.sort |> Seq.map (fun p -> vars[p]); yield! latents[n] |]
        let configs = inputs |> Array.fold (fun acc v -> acc * v.Size) 1
        let table =
            Array.init configs (fun _ ->
                let t = Array.init 4 (fun _ -> rng.Next 2)
                let i = rng.Next 4
                let j = (i + 1 + rng.Next 3) % 4
                t[i] <- 0
                t[j] <- 1
                t)
        let sizes = inputs |> Array.map (fun v -> v.Size)
        let mechanism =
            Mechanism.NumericFunction(
                Array.append inputs [| u |],
                Func<float[], float>(fun values ->
                    let mutable config = 0
                    for k in 0 .. sizes.Length - 1 do config <- config * sizes[k] + int values[k]
                    float (table[config][int values[sizes.Length]])))
        builder.Node(vars[n], mechanism) |> ignore
    builder.Build()

/// The model variable of an event: Y or Y.Under(x).
let cfVariable (m: Scm) (e: CounterfactualEvent) : Variable =
    let v = m[e.Variable]
    if e.IsFactual then v else v.Under([ for kv in e.Intervention -> m[kv.Key].Is(kv.Value) ])

/// P(γ) exactly, by enumeration of the noise through the parallel worlds (Counterfactuals.ExactRational).
let probability (m: Scm) (gamma: CounterfactualEvent list) : Rational =
    if List.isEmpty gamma then Rational.One
    else
        // One axis per counterfactual variable; two values for the same one make the event impossible.
        let byName = gamma |> List.groupBy (fun e -> (cfVariable m e).Name)
        if byName |> List.exists (fun (_, es) -> es |> List.map (fun e -> e.Value) |> List.distinct |> List.length > 1) then Rational.Zero
        else
            let events = byName |> List.map (fun (_, es) -> List.head es)
            let vars = events |> List.map (cfVariable m)
            let table = Counterfactuals.ExactRational(m, vars)
            table[[| for v, e in List.zip vars events -> v.Is(e.Value) |]]

/// P(γ | δ) exactly; None when P(δ) = 0.
let conditional (m: Scm) (gamma: CounterfactualEvent list) (delta: CounterfactualEvent list) : Rational option =
    let pd = probability m delta
    if pd = Rational.Zero then None else Some(probability m (gamma @ delta) / pd)

/// Every assignment of codes to the given symbols (each ranging over its variable's domain).
let private assignments (source: IDistributionSource<Rational>) (symbols: Symbol list) : (Symbol * int) list list =
    symbols
    |> List.fold (fun acc s ->
        let size = source.Variable(s.Variable).Size
        [ for a in acc do for k in 0 .. size - 1 -> (s, k) :: a ]) [ [] ]

/// The values of an estimand at the query's labels (Values), one per assignment of its context symbols (symbols
/// that ID left free): all must be equal to the truth.
let evaluations (source: IDistributionSource<Rational>) (values: ValueSymbols) (estimand: Expression) : Rational list =
    let codes = values.Codes(source)
    let context = [ for s in estimand.FreeSymbols do if not (codes.ContainsKey s) then s ]
    [ for a in assignments source context ->
        let env = Dictionary<Symbol, int>(codes)
        for s, k in a do env[s] <- k
        estimand.Evaluate(source, env) ]

/// The model's observational joint as a source that refuses interventional atoms.
let observational (m: Scm) : IDistributionSource<Rational> =
    JointDistribution<Rational>(m.QueryExact(m.Observed)) :> IDistributionSource<Rational>

/// The model as a source of interventional atoms.
let interventional (m: Scm) : IDistributionSource<Rational> = ModelDistribution(m) :> IDistributionSource<Rational>

/// Checks that every evaluation equals the truth; fails with the details otherwise.
let expectTruth (what: string) (truth: Rational) (values: Rational list) =
    for v in values do
        if v <> truth then failwithf "%s: estimand %O, truth %O" what v truth

/// Parses "Y[X=1]=1" events.
let ev (text: string) = CounterfactualEvent.Parse text
let evs (texts: string list) = texts |> List.map ev

/// A value symbol: sym "X" 1 is x′.
let sym (v: string) (primes: int) = Symbol(v, primes)

/// P(outcomes | conditions).
let P (outcomes: Symbol list) (conditions: Symbol list) = Expression.P(outcomes, conditions)

/// P_x(outcomes).
let Pdo (outcomes: Symbol list) (interventions: Symbol list) = Expression.P(outcomes, [], interventions)

/// Σ_indices body.
let Sum (indices: Symbol list) (body: Expression) = Expression.Sum(indices, body)

/// The estimand of an Identified result (fails otherwise).
let estimand (r: IdentificationResult) : Expression =
    match r with
    | :? Identified as i -> i.Estimand
    | other -> failwithf "expected an estimand, got %O" other

/// Every assignment of the labels "0"/"1" to n slots that satisfies the filter.
let labelings (n: int) (keep: string list -> bool) : string list list =
    List.fold (fun acc _ -> [ for a in acc do for l in [ "0"; "1" ] -> a @ [ l ] ]) [ [] ] [ 1 .. n ] |> List.filter keep

/// For every labelling and seed: the truth P(γ | δ) equals the ID*/IDC* estimand on P_*, its observational form on
/// P(v) (when identified), and each extra formula (e.g. the design note's textbook form, over the result's symbols)
/// on P(v). Returns the number of cells checked.
let checkAll (g: Admg) (seeds: int list) (cells: (CounterfactualEvent list * CounterfactualEvent list) list) (extra: Expression list) : int =
    let mutable count = 0
    for seed in seeds do
        let m = randomScm g seed
        let pstar, pv = interventional m, observational m
        for gamma, delta in cells do
            let r = IdcStar.Identify(g, gamma, delta)
            let o = IdStar.ToObservational(g, r)
            match conditional m gamma delta with
            | None -> failwithf "P(δ) = 0 for %A" delta
            | Some truth ->
                let what = sprintf "seed %d, P(%s | %s)" seed (String.Join(" ∧ ", gamma)) (String.Join(" ∧ ", delta))
                expectTruth (what + " on P_*") truth (evaluations pstar (nonNull r.Values) (estimand r))
                match o with
                | :? Identified as oi -> expectTruth (what + " observational") truth (evaluations pv (nonNull r.Values) oi.Estimand)
                | _ -> ()
                for e in extra do expectTruth (sprintf "%s, formula %O" what e) truth (evaluations pv (nonNull r.Values) e)
                count <- count + 1
    count

/// A random ADMG over 2–5 nodes A, B, … (directed edges follow the alphabet).
let randomGraph (rng: Random) : Admg =
    let n = rng.Next(2, 6)
    let names = [| for i in 0 .. n - 1 -> string (char (int 'A' + i)) |]
    let b = Admg.CreateBuilder().Nodes(names)
    for i in 0 .. n - 1 do
        for j in i + 1 .. n - 1 do
            if rng.NextDouble() < 0.45 then b.Edge(names[i], names[j]) |> ignore
            if rng.NextDouble() < 0.25 then b.Bidirected(names[i], names[j]) |> ignore
    b.Build()

/// A random event: a random variable with a random value under 0–2 random interventions (rarely on itself).
let randomEvent (rng: Random) (g: Admg) : CounterfactualEvent =
    let nodes = g.Nodes |> Seq.toArray
    let v = nodes[rng.Next nodes.Length]
    let k = rng.Next 3
    let others = nodes |> Array.filter (fun x -> x <> v || rng.NextDouble() < 0.1) |> Array.sortBy (fun _ -> rng.Next()) |> Array.truncate k
    CounterfactualEvent(v, string (rng.Next 2), [ for o in others -> KeyValuePair(o, string (rng.Next 2)) ])

/// 1–n random events on distinct counterfactual variables (none of those in `avoid`).
let randomConjunction (rng: Random) (g: Admg) (n: int) (avoid: CounterfactualEvent list) : CounterfactualEvent list =
    let taken = avoid |> List.map (fun e -> e.VariableName) |> set
    [ for _ in 1 .. rng.Next(1, n + 1) -> randomEvent rng g ]
    |> List.distinctBy (fun e -> e.VariableName)
    |> List.filter (fun e -> not (taken.Contains e.VariableName))
