namespace CausalScript.FSharp

open System
open Microsoft.FSharp.Reflection
open CausalScript
open CausalScript.Models
open CausalScript.Inference
open CausalScript.Data

/// Variables with finite or real domains: `Var.bool "Dead"`, `Var.cat "S" [ "no"; "yes" ]`, `Var.range "N" 0 5`, `Var.real "Y"`.
[<RequireQualifiedAccess>]
module Var =
    /// A boolean variable.
    let bool (name: string) = Variable.Bool name
    /// A categorical variable with the given labels, in order.
    let cat (name: string) (labels: string list) = Variable.Categorical(name, labels)
    /// An integer variable taking the values lo..hi.
    let range (name: string) (lo: int) (hi: int) = Variable.Range(name, lo, hi)
    /// A real-valued variable.
    let real (name: string) = Variable.Real name

/// `X := value` builds an assignment (for interventions and evidence); `Y[X := x]` is the counterfactual Y_x.
[<AutoOpen>]
module Assignments =
    /// The assignment X = value (bool, int, label or float, matching X's domain).
    let (:=) (variable: Variable) (value: 'T) : Assignment = variable.Is(box value)

    type Variable with
        /// The counterfactual variable Y_x: `Y[X := 0]`.
        member v.Item
            with get (intervention: Assignment) = v.Under([ intervention ])

        /// The counterfactual variable under several assignments: `Y[[ X := 0; Z := 1 ]]`.
        member v.Item
            with get (intervention: Assignment list) = v.Under(intervention)

/// Noise distributions for exogenous terms and additive mechanisms (MathNet.Numerics samplers underneath).
[<AutoOpen>]
module Distributions =
    /// N(mean, sd²).
    let normal (mean: float) (sd: float) = Noise.Normal(mean, sd)
    /// Uniform on [lo, hi].
    let uniform (lo: float) (hi: float) = Noise.Uniform(lo, hi)
    /// Laplace(location, scale).
    let laplace (location: float) (scale: float) = Noise.Laplace(location, scale)
    /// Gumbel(location, scale).
    let gumbel (location: float) (scale: float) = Noise.Gumbel(location, scale)
    /// Logistic(location, scale).
    let logisticNoise (location: float) (scale: float) = Noise.Logistic(location, scale)
    /// Bernoulli(p) over {false, true} (finite: exact inference and counterfactuals apply).
    let bernoulli (p: float) = Noise.Bernoulli p
    /// A categorical distribution over codes 0..k−1 (finite).
    let categorical (probabilities: float list) = Noise.Categorical probabilities
    /// A finite mixture of (weight, noise) components.
    let mixture (components: (float * Noise) list) = Noise.Mixture(components |> List.map (fun (w, n) -> struct (w, n)))

/// How a variable is computed, before its parents are known: the right-hand side of `node X [parents] spec`.
type MechanismSpec =
    /// A complete mechanism (its parents are its own).
    | Ready of Mechanism
    /// A CPT given row by row, keyed by the parents' values (a tuple for several parents).
    | Rows of (obj * float list) list
    /// A CPT given as one flat row-major list.
    | Flat of float list
    /// A mechanism made from the declared parents.
    | FromParents of (Variable list -> Mechanism)

/// Mechanism constructors for `node`: `prior`, `cpt`, `table`, `linear`, `logistic`, `probit`, `rff`, `additive`.
[<AutoOpen>]
module Mechanisms =
    /// `key => probabilities`: one CPT row, keyed by a parent value or a tuple of parent values.
    let (=>) (key: 'K) (probabilities: float list) : obj * float list = (box key, probabilities)

    /// A prior P(X) for a root.
    let prior (probabilities: float list) = Ready(Mechanism.Prior probabilities)

    /// A CPT given row by row: `cpt [ "g0" => [0.8; 0.2]; "g1" => [0.2; 0.8] ]`.
    let cpt (rows: (obj * float list) list) = Rows rows

    /// A CPT as one flat list (parent configurations row-major, the child's values fastest).
    let table (probabilities: float list) = Flat probabilities

    /// X := intercept + Σ w·parent + noise.
    let linear (intercept: float) (weights: (Variable * float) list) (noise: Noise) =
        Ready(Mechanism.Linear(intercept, weights |> List.map (fun (v, w) -> struct (v, w)), noise))

    /// P(X = true) = σ(intercept + Σ w·parent), as the threshold model 1[η + logistic noise > 0].
    let logistic (intercept: float) (weights: (Variable * float) list) =
        Ready(Mechanism.Logistic(intercept, weights |> List.map (fun (v, w) -> struct (v, w))))

    /// P(X = true) = Φ(intercept + Σ w·parent), as the threshold model 1[η + normal noise > 0].
    let probit (intercept: float) (weights: (Variable * float) list) =
        Ready(Mechanism.Probit(intercept, weights |> List.map (fun (v, w) -> struct (v, w))))

    /// X := f(parents' numeric values) + noise.
    let additive (f: float[] -> float) (noise: Noise) = FromParents(fun parents -> Mechanism.Additive(parents, Func<_, _>(f), noise))

    /// X := a random-Fourier-feature function of the parents + noise.
    let rff (features: int) (lengthScale: float) (seed: int) (noise: Noise) =
        FromParents(fun parents -> Mechanism.RandomFourierFeatures(parents, noise, features, lengthScale, 1.0, seed))

    /// The mechanism for a spec and its declared parents.
    let internal build (parents: Variable list) (spec: MechanismSpec) : Mechanism =
        match spec with
        | Ready m ->
            let declared = Set.ofList (parents |> List.map (fun v -> v.Name))
            let actual = Set.ofSeq (m.Parents |> Seq.map (fun v -> v.Name))
            if not parents.IsEmpty && declared <> actual then
                raise (ModelException(sprintf "The mechanism reads (%s), but the node declares parents (%s)."
                                          (String.Join(", ", actual)) (String.Join(", ", declared))))
            m
        | Rows rows -> Mechanism.Cpt(parents, rows |> List.map (fun (k, p) -> struct (k, List.toArray p)))
        | Flat values -> Mechanism.Cpt(parents, values)
        | FromParents make -> make parents

    /// A deterministic mechanism from an F# function of the parents' values: a single value for one parent, a tuple
    /// for several (`fun (o, w) -> o || w`). Values are bool, int, string (label) or float, matching the domains.
    let internal ofFunction (parents: Variable list) (f: 'A -> 'B) : Mechanism =
        let arity = parents.Length
        let convert (t: Type) (value: obj) =
            if isNull value || t.IsInstanceOfType value || t = typeof<obj> then value
            else Convert.ChangeType(value, t, Globalization.CultureInfo.InvariantCulture)
        let argument : obj[] -> obj =
            if arity = 0 then fun _ -> box ()
            elif arity = 1 then fun values -> convert typeof<'A> values[0]
            elif FSharpType.IsTuple typeof<'A> && FSharpType.GetTupleElements(typeof<'A>).Length = arity then
                let elements = FSharpType.GetTupleElements typeof<'A>
                let make = FSharpValue.PreComputeTupleConstructor typeof<'A>
                fun values -> make (Array.init arity (fun i -> convert elements[i] values[i]))
            else
                raise (ModelException(sprintf "A function of %d parents must take a %d-tuple, but it takes %s." arity arity typeof<'A>.Name))
        Mechanism.Function(parents, Func<Collections.Generic.IReadOnlyList<obj>, obj>(fun values ->
            box (f (unbox<'A> (argument (Seq.toArray values))))))

/// The state of an `scm { … }` expression: builder steps in order.
type ScmSteps = (ScmBuilder -> ScmBuilder) list

/// The `scm "name" { … }` computation expression: `node`, `latent`, `noise` and `mech` declare variables.
type ScmExpression(name: string) =
    member _.Yield(_: unit) : ScmSteps = []

    /// `node X [parents] spec`: an observed variable with a CPT, linear, logistic … mechanism.
    [<CustomOperation("node")>]
    member _.Node(steps: ScmSteps, variable: Variable, parents: Variable list, spec: MechanismSpec) : ScmSteps =
        (fun (b: ScmBuilder) -> b.Node(variable, Mechanisms.build parents spec)) :: steps

    /// `node X spec`: an observed root (a prior, or a mechanism with its own parents).
    [<CustomOperation("node")>]
    member _.Node(steps: ScmSteps, variable: Variable, spec: MechanismSpec) : ScmSteps =
        (fun (b: ScmBuilder) -> b.Node(variable, Mechanisms.build [] spec)) :: steps

    /// `node X noise`: an observed root drawn from a distribution.
    [<CustomOperation("node")>]
    member _.Node(steps: ScmSteps, variable: Variable, noise: Noise) : ScmSteps =
        (fun (b: ScmBuilder) -> b.Node(variable, noise)) :: steps

    /// `latent H spec` or `latent H [parents] spec`: an unobserved variable.
    [<CustomOperation("latent")>]
    member _.Latent(steps: ScmSteps, variable: Variable, spec: MechanismSpec) : ScmSteps =
        (fun (b: ScmBuilder) -> b.Latent(variable, Mechanisms.build [] spec)) :: steps

    /// `latent H [parents] spec`.
    [<CustomOperation("latent")>]
    member _.Latent(steps: ScmSteps, variable: Variable, parents: Variable list, spec: MechanismSpec) : ScmSteps =
        (fun (b: ScmBuilder) -> b.Latent(variable, Mechanisms.build parents spec)) :: steps

    /// `noise U distribution`: a latent exogenous term, shared by every mechanism that reads it.
    [<CustomOperation("noise")>]
    member _.Noise(steps: ScmSteps, variable: Variable, noise: Noise) : ScmSteps =
        (fun (b: ScmBuilder) -> b.Noise(variable, noise)) :: steps

    /// `mech X [parents] (fun (a, b) -> …)`: an observed variable as a deterministic function of its parents.
    [<CustomOperation("mech")>]
    member _.Mech(steps: ScmSteps, variable: Variable, parents: Variable list, f: 'A -> 'B) : ScmSteps =
        (fun (b: ScmBuilder) -> b.Node(variable, Mechanisms.ofFunction parents f)) :: steps

    member _.Run(steps: ScmSteps) : Scm =
        steps |> List.rev |> List.fold (fun b step -> step b) (Scm.Create name) |> fun b -> b.Build()

/// The model expressions.
[<AutoOpen>]
module ModelExpressions =
    /// `scm "name" { noise U (bernoulli 0.6); mech O [U] id; … }`: a structural causal model.
    let scm (name: string) = ScmExpression name
    /// `causal "name" { latent H (prior …); node S [H] (cpt …) }`: the same expression, read as a causal Bayesian network.
    let causal (name: string) = ScmExpression name

/// Curried, subject-last functions over models: `model |> Model.doing [ S := "yes" ] |> Model.marginal [ C ]`.
[<RequireQualifiedAccess>]
module Model =
    /// The hard intervention do(X = x, …).
    let doing (assignments: Assignment list) (model: Scm) = model.Do(assignments)
    /// The stochastic intervention: X drawn from the given distribution.
    let doRandom (variable: Variable) (noise: Noise) (model: Scm) = model.DoRandom(variable, noise)
    /// The shift intervention X := X + δ.
    let shift (variable: Variable) (delta: float) (model: Scm) = model.Shift(variable, delta)
    /// The policy do(X = π(Z)).
    let policy (variable: Variable) (input: Variable) (pi: 'A -> 'B) (model: Scm) =
        model.Policy(variable, Mechanisms.ofFunction [ input ] pi)
    /// Replaces a variable's mechanism.
    let intervene (variable: Variable) (spec: MechanismSpec) (model: Scm) = model.Intervene(variable, Mechanisms.build [] spec)
    /// The ADMG over the observed variables (latent projection).
    let graph (model: Scm) = model.Graph
    /// The exact marginal distribution of the variables.
    let marginal (variables: Variable list) (model: Scm) = model.Marginal(variables)
    /// The exact conditional distribution P(query | evidence).
    let query (variables: Variable list) (evidence: Assignment list) (model: Scm) = model.Query(variables, evidence)
    /// The exact conditional distribution in rationals.
    let queryExact (variables: Variable list) (evidence: Assignment list) (model: Scm) = model.QueryExact(variables, evidence)
    /// The exact probability P(outcome | given).
    let probability (outcome: Assignment) (given: Assignment list) (model: Scm) = model.Probability(outcome, given)
    /// The exact probability P(outcome | given) in rationals.
    let probabilityExact (outcome: Assignment) (given: Assignment list) (model: Scm) = model.ProbabilityExact(outcome, given)
    /// `rows` samples with a seed.
    let sample (seed: int) (rows: int) (model: Scm) = model.Sample(rows, seed)

/// Counterfactual queries: `squad |> Cf.probability (D[A := false] := true) [ D := true ]`.
[<RequireQualifiedAccess>]
module Cf =
    /// The exact distribution of (counterfactual) variables given (counterfactual) evidence.
    let exact (query: Variable list) (evidence: Assignment list) (model: Scm) = Counterfactuals.Exact(model, query, evidence)
    /// The same in rationals.
    let exactRational (query: Variable list) (evidence: Assignment list) (model: Scm) = Counterfactuals.ExactRational(model, query, evidence)
    /// The exact probability of a counterfactual event given evidence.
    let probability (outcome: Assignment) (evidence: Assignment list) (model: Scm) = model.CounterfactualProbability(outcome, evidence)
    /// Rejection-sampled counterfactual units.
    let sample (seed: int) (units: int) (query: Variable list) (evidence: Assignment list) (model: Scm) =
        Counterfactuals.Sample(model, query, evidence, units, seed)
    /// Unit-level counterfactuals of fully observed units (additive-noise models).
    let unitLevel (intervention: Assignment list) (units: Dataset) (model: Scm) = Counterfactuals.UnitLevel(model, units, intervention)
    /// PN, PS and PNS of treatment X = x for outcome Y = y.
    let causation (treatment: Assignment) (outcome: Assignment) (model: Scm) = Counterfactuals.ProbabilitiesOfCausation(model, treatment, outcome)
    /// The effect of treatment on the treated E[Y_x − Y_x' | X = x].
    let ett (treated: Assignment) (control: Assignment) (outcome: Variable) (model: Scm) =
        Counterfactuals.EffectOfTreatmentOnTreated(model, treated, control, outcome)
    /// The twin (parallel-worlds) network for the given interventions.
    let twin (worlds: Assignment list list) (model: Scm) = model.TwinNetwork(worlds |> List.map Seq.ofList)

/// Distributions (factors with named axes) from exact queries.
[<RequireQualifiedAccess>]
module Dist =
    /// The probability of a full assignment of the distribution's axes.
    let prob (assignments: Assignment list) (dist: Factor<'T>) = dist[List.toArray assignments]
    /// Every cell as (values, probability), values in axis order.
    let toList (dist: Factor<float>) =
        let axes = List.ofSeq dist.Variables
        let rec cells (vars: Variable list) =
            match vars with
            | [] -> [ [] ]
            | v :: rest -> [ for i in 0 .. v.Size - 1 do for tail in cells rest -> v.Is(v.Domain.ValueAt i) :: tail ]
        [ for cell in cells axes -> (cell |> List.map (fun a -> a.Value), dist[List.toArray cell]) ]
