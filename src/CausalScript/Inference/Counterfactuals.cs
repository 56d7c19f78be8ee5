using System.Numerics;
using CausalScript.Data;
using CausalScript.Models;

namespace CausalScript.Inference;

/// <summary>PN, PS and PNS (Pearl 2009, §9.2; Tian &amp; Pearl 2000) of a binary treatment for a binary outcome.</summary>
/// <param name="Necessity">PN = P(Y_{x'} = y' | X = x, Y = y): would the outcome not have happened without the treatment?</param>
/// <param name="Sufficiency">PS = P(Y_x = y | X = x', Y = y'): would the treatment have produced the outcome?</param>
/// <param name="NecessityAndSufficiency">PNS = P(Y_x = y, Y_{x'} = y').</param>
public sealed record ProbabilitiesOfCausation(double Necessity, double Sufficiency, double NecessityAndSufficiency);

/// <summary>Counterfactual samples: the accepted units (those matching the evidence) and how many were drawn.</summary>
/// <param name="Samples">One row per accepted unit, one column per query variable (named like <c>Y[X=0]</c>).</param>
/// <param name="Drawn">The number of units drawn before rejection.</param>
public sealed record CounterfactualSample(Dataset Samples, int Drawn)
{
    /// <summary>The fraction of drawn units that matched the evidence (an estimate of its probability).</summary>
    public double AcceptanceRate => Drawn == 0 ? 0 : (double)Samples.RowCount / Drawn;
}

/// <summary>
/// Counterfactual inference by abduction, action and prediction (Pearl 2009, §7.1.3), in three forms:
/// <list type="bullet">
/// <item><see cref="Exact(Scm, IEnumerable{Variable}, IEnumerable{Assignment}?)"/>: for discrete models with finite
/// noise, variable elimination on the parallel-worlds network (<see cref="ParallelWorlds"/>), whose shared noise
/// performs the abduction;</item>
/// <item><see cref="UnitLevel"/>: for additive-noise models, each unit's noise is recovered exactly (ε = x − f(pa))
/// and pushed through the intervened model;</item>
/// <item><see cref="Sample"/>: for any model with specified noise, units are drawn, propagated through every world
/// with the same noise, and kept when they match the evidence (rejection sampling).</item>
/// </list>
/// A conditional probability table does not say how a unit's noise couples worlds, so a query that needs that
/// coupling for a CPT-defined variable is refused with an error naming the variable.
/// </summary>
public static class Counterfactuals
{
    /// <summary>The exact joint distribution of (possibly counterfactual) variables given (possibly counterfactual)
    /// evidence, e.g. P(D[A=false] | D = true).</summary>
    /// <param name="model">A discrete model whose mechanisms determine the needed counterfactuals.</param>
    /// <param name="query">Variables such as <c>Y.Under(X.Is(0))</c> or factual <c>Y</c>.</param>
    /// <param name="evidence">Assignments to factual or counterfactual variables.</param>
    /// <returns>The distribution, with axes named by the query variables.</returns>
    /// <exception cref="ModelException">The model does not determine the query (names the variable), or a relevant
    /// variable is continuous.</exception>
    public static Factor<double> Exact(Scm model, IEnumerable<Variable> query, IEnumerable<Assignment>? evidence = null) =>
        Run(model, query, evidence, (m, v) => m.Table(v));

    /// <summary>As <see cref="Exact(Scm, IEnumerable{Variable}, IEnumerable{Assignment}?)"/>, in exact rationals.</summary>
    /// <param name="model">A discrete model with rational tables.</param>
    /// <param name="query">The query variables.</param>
    /// <param name="evidence">The evidence.</param>
    /// <returns>The distribution.</returns>
    public static Factor<Rational> ExactRational(Scm model, IEnumerable<Variable> query, IEnumerable<Assignment>? evidence = null) =>
        Run(model, query, evidence, (m, v) => m.ExactTable(v));

    private static Factor<T> Run<T>(Scm model, IEnumerable<Variable> query, IEnumerable<Assignment>? evidence, Func<Mechanism, Variable, T[]> table)
        where T : IAdditionOperators<T, T, T>, IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>,
            IAdditiveIdentity<T, T>, IMultiplicativeIdentity<T, T>, IEqualityOperators<T, T, bool>
    {
        var requested = query.ToArray();
        var given = (evidence ?? []).ToArray();
        if (requested.Length == 0) throw new ModelException("A counterfactual query needs at least one variable.");
        var worlds = ParallelWorlds.Build(model, requested.Concat(given.Select(a => a.Variable)).Select(v => v.Intervention));
        var copies = requested.Select(worlds.Resolve).ToArray();
        var observed = new Dictionary<Variable, Assignment>();
        foreach (var a in given)
        {
            var copy = worlds.Resolve(a.Variable);
            if (!copy.Domain.IsFinite)
                throw new ModelException($"'{a.Variable.Name}' is continuous; exact counterfactuals take evidence on finite variables only.", a.Variable.Name);
            var assignment = copy.Is(a.Value);
            if (observed.TryGetValue(copy, out var previous) && previous.Index != assignment.Index)
                throw new ModelException($"The evidence {a} contradicts {previous}: they are the same variable in the parallel worlds, so the evidence has probability zero.", a.Variable.Name);
            observed[copy] = assignment;
        }
        var relevant = Relevant(worlds, copies.Concat(observed.Keys));
        var factors = relevant.Select(n => ExactInference.FactorOf(n.Mechanism, n.Original, n.Parents, n.Copy, table));
        var free = copies.Where(c => !observed.ContainsKey(c)).Distinct().ToList();
        var joint = free.Count == 0
            ? Factor<T>.Scalar(T.MultiplicativeIdentity)
            : VariableElimination.Query(factors, free, observed.Values);
        if (free.Count == 0) CheckPositive(factors, observed.Values);
        // Lay the result out on the requested axes (copies may coincide, or be observed).
        var sizes = requested.Select(v => v.Size).ToArray();
        var values = new T[sizes.Aggregate(1, (a, b) => checked(a * b))];
        var counter = new int[requested.Length];
        for (var cell = 0; cell < values.Length; cell++)
        {
            var value = T.MultiplicativeIdentity;
            var byCopy = new Dictionary<Variable, int>();
            for (var k = 0; k < requested.Length && value != T.AdditiveIdentity; k++)
            {
                var copy = copies[k];
                if ((observed.TryGetValue(copy, out var o) && o.Index != counter[k]) || (byCopy.TryGetValue(copy, out var seen) && seen != counter[k]))
                    value = T.AdditiveIdentity;
                byCopy[copy] = counter[k];
            }
            if (value != T.AdditiveIdentity && free.Count > 0)
                value = joint[free.Select(c => c.Is(c.Domain.ValueAt(byCopy[c]))).ToArray()];
            values[cell] = value;
            for (var k = requested.Length - 1; k >= 0; k--)
            {
                if (++counter[k] < sizes[k]) break;
                counter[k] = 0;
            }
        }
        return Factor<T>.Create(requested, values);
    }

    private static void CheckPositive<T>(IEnumerable<Factor<T>> factors, IEnumerable<Assignment> evidence)
        where T : IAdditionOperators<T, T, T>, IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>,
            IAdditiveIdentity<T, T>, IMultiplicativeIdentity<T, T>, IEqualityOperators<T, T, bool>
    {
        var reduced = factors.Select(f => f.Reduce(evidence)).ToList();
        var total = reduced.Aggregate(Factor<T>.Scalar(T.MultiplicativeIdentity), (a, b) => a * b).Total;
        if (total == T.AdditiveIdentity)
            throw new CausalScriptException($"The evidence {string.Join(", ", evidence)} has probability zero, so the conditional distribution is undefined.");
    }

    /// <summary>The network nodes the query depends on (ancestors of the query and evidence copies), checking that
    /// no two of them are copies of a variable whose noise coupling the model leaves open.</summary>
    private static List<ParallelWorlds.Node> Relevant(ParallelWorlds worlds, IEnumerable<Variable> targets, bool exact = true)
    {
        var ancestors = worlds.FullGraph.Ancestors(targets.Select(v => v.Name));
        var nodes = worlds.Nodes.Where(n => ancestors.Contains(n.Copy.Name)).ToList();
        foreach (var group in nodes.Where(n => !n.Intervened).GroupBy(n => n.Original).Where(g => g.Count() > 1))
        {
            var v = group.Key;
            var m = group.First().Mechanism;
            var copies = string.Join(", ", group.Select(n => n.Copy.Name));
            switch (m.NoiseKind)
            {
                case NoiseSpecification.DistributionOnly:
                    throw new ModelException(
                        $"The query depends on {copies} jointly, but the mechanism of '{v.Name}' is a probability table ({m.Describe(v)}), which does " +
                        $"not say how a unit's '{v.Name}' in one world relates to the same unit in another: counterfactuals are not determined. " +
                        $"Specify '{v.Name}' as a function of its parents and explicit noise variables (Mechanism.Function with Noise variables), " +
                        "or as an additive-noise, logistic or probit mechanism.", v.Name);
                case NoiseSpecification.Explicit when exact:
                    throw new ModelException(
                        $"The query depends on {copies} jointly, and '{v.Name}' has continuous noise ({m.Describe(v)}), so there is no finite exact " +
                        "answer. Use Counterfactuals.Sample (or UnitLevel for additive-noise models), or give the noise as a finite variable.", v.Name);
            }
        }
        return nodes;
    }

    /// <summary>Samples a counterfactual query: draws units (their noise), evaluates them in every world the query
    /// names, and keeps those matching the (finite) evidence.</summary>
    /// <param name="model">A model whose mechanisms determine the needed counterfactuals.</param>
    /// <param name="query">Factual or counterfactual variables, the columns of the result.</param>
    /// <param name="evidence">Assignments to finite factual or counterfactual variables.</param>
    /// <param name="samples">The number of units to draw.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="options">Sampler options.</param>
    /// <returns>The accepted units and the number drawn.</returns>
    /// <exception cref="ModelException">Undetermined counterfactuals, continuous evidence, or no unit matched the evidence.</exception>
    public static CounterfactualSample Sample(Scm model, IEnumerable<Variable> query, IEnumerable<Assignment>? evidence, int samples, int seed = 0,
        SamplingOptions? options = null)
    {
        var requested = query.ToArray();
        var given = (evidence ?? []).ToArray();
        options ??= SamplingOptions.Default;
        var worlds = ParallelWorlds.Build(model, requested.Concat(given.Select(a => a.Variable)).Select(v => v.Intervention));
        foreach (var a in given.Where(a => !a.Variable.Domain.IsFinite))
            throw new ModelException(
                $"'{a.Variable.Name}' is continuous: rejection sampling cannot condition on a continuous value. Use Counterfactuals.UnitLevel for additive-noise models.", a.Variable.Name);
        Relevant(worlds, requested.Concat(given.Select(a => a.Variable)).Select(worlds.Resolve), exact: false);

        var vars = model.Variables;
        var noise = vars.Select(v => model.MechanismOf(v).HasNoise ? new double[samples] : []).ToArray();
        var columns = new List<double[][]> { Sampler.Run(model, samples, seed, options, noise, drawNoise: true) };
        for (var w = 1; w < worlds.Worlds.Count; w++)
            columns.Add(Sampler.Run(model.Do(worlds.Worlds[w]), samples, seed, options, noise, drawNoise: false));
        double[] Column(Variable v)
        {
            var (original, world) = v.Base is { } b ? (model.Require(b), Index(worlds, v.Intervention)) : (model.Require(v), 0);
            return columns[world][IndexOf(vars, original)];
        }
        var checks = given.Select(a => (Column: Column(a.Variable), Code: (double)a.Index)).ToArray();
        var accepted = new List<int>();
        for (var r = 0; r < samples; r++)
            if (checks.All(c => c.Column[r] == c.Code)) accepted.Add(r);
        if (accepted.Count == 0 && given.Length > 0)
            throw new ModelException($"None of {samples} sampled units matched the evidence {string.Join(", ", given)}; it is rare or impossible. Draw more units.");
        var data = requested.Select(v =>
        {
            var source = Column(v);
            return v.Domain.IsFinite ? (Array)accepted.Select(r => (int)source[r]).ToArray() : accepted.Select(r => source[r]).ToArray();
        }).ToArray();
        return new CounterfactualSample(Dataset.Wrap(requested, data, accepted.Count), samples);
    }

    private static int Index(ParallelWorlds worlds, IReadOnlyList<Assignment> intervention)
    {
        for (var w = 0; w < worlds.Worlds.Count; w++)
            if (worlds.Worlds[w].SequenceEqual(intervention)) return w;
        throw new InvalidOperationException("World not built.");
    }

    private static int IndexOf(IReadOnlyList<Variable> vars, Variable v)
    {
        for (var i = 0; i < vars.Count; i++) if (vars[i].Equals(v)) return i;
        throw new InvalidOperationException();
    }

    /// <summary>Unit-level counterfactuals for fully observed units of an additive-noise model: abduct each unit's
    /// noise from its observed values (ε = x − f(pa)), apply the intervention, and predict every variable.</summary>
    /// <param name="model">A model without latent variables whose mechanisms recover their noise (additive-noise,
    /// exogenous roots, deterministic functions).</param>
    /// <param name="units">One row per unit, with a column for every variable of the model.</param>
    /// <param name="intervention">The intervention.</param>
    /// <returns>The units' values in the intervened world.</returns>
    /// <exception cref="ModelException">A latent variable, a mechanism whose noise cannot be recovered, or a unit
    /// inconsistent with a deterministic mechanism.</exception>
    public static Dataset UnitLevel(Scm model, Dataset units, IEnumerable<Assignment> intervention)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(units);
        var vars = model.Variables;
        if (model.Latent.Count > 0)
            throw new ModelException(
                $"Unit-level counterfactuals need every variable observed, but '{model.Latent[0].Name}' is latent; use Counterfactuals.Sample with evidence instead.",
                model.Latent[0].Name);
        var n = units.RowCount;
        var observed = vars.Select(v =>
        {
            if (!units.Contains(v.Name)) throw new DataException($"The units have no column '{v.Name}', which unit-level abduction needs.", v.Name);
            return v.Domain.IsFinite ? units.Codes(v).ToArray().Select(c => (double)c).ToArray() : units.Reals(v).ToArray();
        }).ToArray();
        var noise = vars.Select(_ => new double[n]).ToArray();
        for (var i = 0; i < vars.Count; i++)
        {
            var m = model.MechanismOf(vars[i]);
            var parents = m.Parents.Select(p => observed[IndexOf(vars, p)]).ToArray();
            m.Abduct(vars[i], new Columns(parents, 0, n), observed[i], noise[i]);
        }
        var world = model.Do(intervention);
        var columns = Sampler.Run(world, n, 0, SamplingOptions.Default, noise, drawNoise: false);
        return Sampler.ToDataset(world, columns, n, includeLatent: false);
    }

    /// <summary>PN, PS and PNS of a binary treatment for a binary outcome, exactly.</summary>
    /// <param name="model">A discrete model that determines the counterfactuals.</param>
    /// <param name="treatment">X = x, the treatment value (x' is the other value).</param>
    /// <param name="outcome">Y = y, the outcome value (y' is the other value).</param>
    /// <returns>PN, PS and PNS.</returns>
    public static ProbabilitiesOfCausation ProbabilitiesOfCausation(Scm model, Assignment treatment, Assignment outcome)
    {
        var (x, y) = (treatment.Variable, outcome.Variable);
        foreach (var v in new[] { x, y })
            if (!v.Domain.IsFinite || v.Size != 2)
                throw new ModelException($"PN, PS and PNS are defined for binary variables; '{v.Name}' has domain {v.Domain}.", v.Name);
        var (xOther, yOther) = (x.Is(x.Domain.ValueAt(1 - treatment.Index)), y.Is(y.Domain.ValueAt(1 - outcome.Index)));
        var yUnderX = y.Under(treatment);
        var yUnderXOther = y.Under(xOther);
        var pn = Exact(model, [yUnderXOther], [treatment, outcome])[yUnderXOther.Is(yOther.Value)];
        var ps = Exact(model, [yUnderX], [xOther, yOther])[yUnderX.Is(outcome.Value)];
        var pns = Exact(model, [yUnderX, yUnderXOther])[yUnderX.Is(outcome.Value), yUnderXOther.Is(yOther.Value)];
        return new ProbabilitiesOfCausation(pn, ps, pns);
    }

    /// <summary>The effect of treatment on the treated, ETT = E[Y_x − Y_{x'} | X = x] (Pearl 2009, §8.2.5), exactly,
    /// for a numeric finite outcome (bool as 0/1, or an integer range).</summary>
    /// <param name="model">A discrete model.</param>
    /// <param name="treated">X = x.</param>
    /// <param name="control">X = x'.</param>
    /// <param name="outcome">Y.</param>
    /// <returns>The ETT.</returns>
    public static double EffectOfTreatmentOnTreated(Scm model, Assignment treated, Assignment control, Variable outcome)
    {
        if (!outcome.Domain.IsFinite || outcome.Domain.Kind == DomainKind.Categorical)
            throw new ModelException($"The ETT needs a numeric finite outcome (bool or integer range); '{outcome.Name}' has domain {outcome.Domain}.", outcome.Name);
        double Mean(Factor<double> f, Variable v) =>
            Enumerable.Range(0, v.Size).Sum(k => f[v.Is(v.Domain.ValueAt(k))] * (k + ValueCodec.NumericOffset(v)));
        var factual = ExactInference.Query(model, [outcome], [treated]);
        var counterfactual = outcome.Under(control);
        var cf = Exact(model, [counterfactual], [treated]);
        return Mean(factual, outcome) - Mean(cf, counterfactual);
    }
}
