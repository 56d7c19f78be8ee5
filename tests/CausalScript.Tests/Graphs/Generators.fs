/// Seeded random ADMGs and queries for the property tests (graph-algorithms.md §10). Every property runs a fixed
/// range of seeds; a failure names the seed and prints the graph in dagitty syntax, so it can be pasted into a
/// fixture test.
module CausalScript.Tests.Graphs.Generators

open System
open Expecto
open CausalScript.Tests.Graphs.Reference

/// The shape of the random graphs.
type Shape =
    { MinNodes: int
      MaxNodes: int
      /// Probability of a → between two nodes (oriented along a random causal order).
      PDirected: float
      /// Probability of a ↔ between two nodes.
      PBidirected: float
      /// Probability that a node is latent (at least two nodes stay observed).
      PLatent: float }

/// DAGs of 2–8 nodes, no latents.
let dags = { MinNodes = 2; MaxNodes = 8; PDirected = 0.35; PBidirected = 0.0; PLatent = 0.0 }

/// ADMGs of 2–8 nodes.
let admgs = { dags with PBidirected = 0.15 }

/// ADMGs of 2–8 nodes with latent nodes.
let latentAdmgs = { admgs with PLatent = 0.25 }

/// DAGs of 2–8 nodes with latent nodes.
let latentDags = { dags with PLatent = 0.25 }

/// Denser graphs of 5–8 nodes with a few ↔ edges and latent nodes: adjustment, front-door and instrument questions
/// are less often trivial (about a quarter of random adjustment queries need a non-empty set).
let confounded = { MinNodes = 5; MaxNodes = 8; PDirected = 0.45; PBidirected = 0.05; PLatent = 0.1 }

/// Denser DAGs of 4–8 nodes.
let denseDags = { dags with MinNodes = 4; PDirected = 0.45 }

let private pool = [| "a"; "b"; "c"; "d"; "e"; "f"; "g"; "h"; "i"; "j"; "k"; "l" |]

/// Sparse graphs of 65–150 nodes (several 64-bit words per node set), about three edges per node.
let large = { MinNodes = 65; MaxNodes = 150; PDirected = 0.0; PBidirected = 0.0; PLatent = 0.1 }

let shuffle (rng: Random) (xs: 'a list) =
    let a = Array.ofList xs
    for i in a.Length - 1 .. -1 .. 1 do
        let j = rng.Next(i + 1)
        let t = a[i]
        a[i] <- a[j]
        a[j] <- t
    List.ofArray a

/// A random ADMG: node declaration order and causal order are independent random permutations, and edges are
/// declared in random order, so nothing may rely on "declaration order = topological order".
let randomGraph (rng: Random) (shape: Shape) =
    let n = rng.Next(shape.MinNodes, shape.MaxNodes + 1)
    let names = if n <= pool.Length then List.ofArray pool[0 .. n - 1] else [ for i in 1..n -> sprintf "v%d" i ]
    let nodes = shuffle rng names
    let order = shuffle rng nodes |> Array.ofList
    // Large graphs get about 2.5 directed and 0.5 bidirected edges per node whatever the shape says.
    let pDirected, pBidirected = if n > pool.Length then 5.0 / float n, 1.0 / float n else shape.PDirected, shape.PBidirected
    let directed =
        [ for i in 0 .. n - 1 do
            for j in i + 1 .. n - 1 do
                if rng.NextDouble() < pDirected then order[i], order[j] ]
    let bidirected =
        [ for i in 0 .. n - 1 do
            for j in i + 1 .. n - 1 do
                if rng.NextDouble() < pBidirected then
                    if rng.Next 2 = 0 then order[i], order[j] else order[j], order[i] ]
    let latent =
        let chosen = nodes |> List.filter (fun _ -> rng.NextDouble() < shape.PLatent)
        if n - chosen.Length >= 2 then Set.ofList chosen else Set.empty
    RGraph(nodes, shuffle rng directed, shuffle rng bidirected, latent)

/// A random subset: each candidate with probability p.
let randomSubset (rng: Random) (p: float) (candidates: string seq) =
    candidates |> Seq.filter (fun _ -> rng.NextDouble() < p) |> Set.ofSeq

/// A random non-empty subset of at most maxSize candidates (candidates must be non-empty).
let pick (rng: Random) (maxSize: int) (candidates: string seq) =
    let c = shuffle rng (List.ofSeq candidates)
    let k = 1 + rng.Next(min maxSize c.Length)
    Set.ofList (List.take k c)

/// Random disjoint non-empty X and Y among the observed nodes (sizes up to maxX, maxY).
let randomXY (rng: Random) (r: RGraph) maxX maxY =
    let observed = shuffle rng r.Observed
    let xs = pick rng maxX (List.take (observed.Length - 1) observed)
    let ys = pick rng maxY (Set.ofList r.Observed - xs)
    xs, ys

/// A random effect query with Y among the observed descendants of X (X, Y single nodes), planted so that the
/// front-door and instrument criteria are often non-trivial: the direct edge x → y is usually removed and x ↔ y
/// usually added (neither can create a directed cycle).
let plantedEffect (rng: Random) (shape: Shape) =
    let rec attempt k =
        let r = randomGraph rng shape
        let pairs =
            [ for x in r.Observed do
                for y in descendants r (Set.singleton x) |> Set.remove x do
                    if not (r.Latent.Contains y) then x, y ]
        if pairs.IsEmpty && k < 20 then attempt (k + 1)
        elif pairs.IsEmpty then r, None
        else
            let x, y = pairs[rng.Next pairs.Length]
            let withoutDirect = r.Directed |> List.filter ((<>) (x, y))
            let stillCausal = (descendants (RGraph(r.Nodes, withoutDirect, [], r.Latent)) (Set.singleton x)).Contains y
            let directed = if stillCausal && rng.Next 5 > 0 then withoutDirect else r.Directed
            let confounded = r.Bidirected |> List.exists (fun (a, b) -> (a = x && b = y) || (a = y && b = x))
            let bidirected = if not confounded && rng.Next 5 > 0 then (x, y) :: r.Bidirected else r.Bidirected
            RGraph(r.Nodes, directed, bidirected, r.Latent), Some(x, y)
    attempt 0

/// Multiplies every property's number of cases (environment variable CAUSALSCRIPT_PROPERTY_SCALE, default 1): set it
/// to 10 or 50 for a long bug hunt; the seeds of the default run are always included.
let scale =
    match Environment.GetEnvironmentVariable "CAUSALSCRIPT_PROPERTY_SCALE" with
    | null -> 1
    | s ->
        match Int32.TryParse s with
        | true, k when k > 0 -> k
        | _ -> 1

/// Runs `body` on `cases` random graphs with seeds baseSeed, baseSeed + 1, …; a failure reports the seed and graph.
let forGraphs (name: string) (baseSeed: int) (cases: int) (shape: Shape) (body: Random -> RGraph -> CausalScript.Graphs.Admg -> unit) =
    testCase name <| fun () ->
        for i in 0 .. cases * scale - 1 do
            let seed = if i < cases then baseSeed + i else baseSeed * 1000 + i
            let rng = Random(seed)
            let r = randomGraph rng shape
            let g = toAdmg r
            try
                body rng r g
            with e ->
                failtestf "seed %d, graph %O\n%s" seed r e.Message

/// Runs `body` on `cases` planted effect queries (see `plantedEffect`); cases without a causal pair are skipped.
let forEffects (name: string) (baseSeed: int) (cases: int) (shape: Shape) (body: Random -> RGraph -> CausalScript.Graphs.Admg -> string -> string -> unit) =
    testCase name <| fun () ->
        for i in 0 .. cases * scale - 1 do
            let seed = if i < cases then baseSeed + i else baseSeed * 1000 + i
            let rng = Random(seed)
            match plantedEffect rng shape with
            | _, None -> ()
            | r, Some(x, y) ->
                let g = toAdmg r
                try
                    body rng r g x y
                with e ->
                    failtestf "seed %d, graph %O, x=%s, y=%s\n%s" seed r x y e.Message

/// Random mandatory (I) and allowed (R) sets for a query. R is the default (null) half of the time, otherwise a random
/// `restrictFraction` of the candidates; I is drawn with probability 1/`includeOdds` as a random `includeFraction` of R.
/// Returns the library arguments (null = default) and the sets they stand for.
let randomIR (rng: Random) (restrictFraction: float) (includeFraction: float) (includeOdds: int) (r: RGraph) xs ys =
    let candidates = defaultRestrict r xs ys
    let restrict = if rng.Next 2 = 0 then None else Some(randomSubset rng restrictFraction candidates)
    let rSet = defaultArg restrict candidates
    let includeSet = if rng.Next includeOdds <> 0 then None else Some(randomSubset rng includeFraction rSet)
    let asArg (o: Set<string> option) : seq<string> | null =
        match o with
        | None -> null
        | Some s -> s
    asArg includeSet, asArg restrict, defaultArg includeSet Set.empty, rSet

/// "X=… Y=… I=… R=…" for failure messages.
let describeQuery xs ys (i: Set<string>) (r: Set<string>) = sprintf "X=%s Y=%s I=%s R=%s" (fmt xs) (fmt ys) (fmt i) (fmt r)
