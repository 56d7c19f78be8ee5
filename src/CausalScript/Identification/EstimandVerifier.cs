using System.Collections.Immutable;
using CausalScript.Expressions;
using CausalScript.Graphs;
using CausalScript.Inference;
using CausalScript.Models;

namespace CausalScript.Identification;

/// <summary>A cell where an estimand and the truth disagree.</summary>
/// <param name="Seed">The seed of the random model.</param>
/// <param name="Values">The free symbols' values.</param>
/// <param name="Estimand">The estimand's value.</param>
/// <param name="Truth">The interventional probability computed by surgery on the full model.</param>
public sealed record EstimandMismatch(int Seed, IReadOnlyDictionary<Symbol, object> Values, Rational Estimand, Rational Truth)
{
    /// <summary>"seed 3, (X = 1, Y = 0): estimand 3/10, truth 1/4".</summary>
    public override string ToString() =>
        $"seed {Seed}, ({string.Join(", ", Values.Select(kv => $"{kv.Key} = {kv.Value}"))}): estimand {Estimand}, truth {Truth}";
}

/// <summary>
/// Checks an estimand against ground truth (identification-algorithms.md §7): random discrete models compatible with
/// the graph — binary observed variables, the graph's latent nodes kept as hidden variables with their own tables,
/// one latent with three or more states per bidirected edge, rational
/// conditional tables inside [1/10, 9/10] — give the exact observational joint, on which the estimand is evaluated,
/// and the exact interventional distribution by surgery on the full model. They must agree in every cell, exactly.
/// </summary>
public static class EstimandVerifier
{
    /// <summary>A random discrete model over the graph. Latent nodes of the graph stay explicit hidden variables with
    /// two or three states and their own random tables given their parents (so the model is the "full hidden-variable
    /// model" whose latent projection is the ADMG); each bidirected edge becomes one more latent parent of its two
    /// endpoints (named <c>U_a_b</c>).</summary>
    /// <param name="graph">The causal graph (an ADMG, possibly with latent nodes).</param>
    /// <param name="seed">The seed.</param>
    /// <returns>A model with exact rational tables whose latent projection is the graph's.</returns>
    public static Scm RandomModel(Admg graph, int seed)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var random = new Random(seed);
        var variables = graph.Nodes.ToDictionary(n => n,
            n => graph.Latent.Contains(n) ? Variable.Range(n, 0, 1 + random.Next(2)) : Variable.Bool(n));
        var builder = Scm.Create($"random model of {graph}");
        var extraParents = graph.Nodes.ToDictionary(n => n, _ => new List<Variable>());
        foreach (var e in graph.BidirectedEdges)
        {
            var u = Variable.Range($"U_{e.From}_{e.To}", 0, 2 + random.Next(2));
            builder.Latent(u, Mechanism.Prior(RandomRow(random, u.Size)));
            extraParents[e.From].Add(u);
            extraParents[e.To].Add(u);
        }
        foreach (var n in graph.TopologicalOrder)
        {
            var variable = variables[n];
            var parents = graph.Parents([n]).Select(p => variables[p]).Concat(extraParents[n]).ToArray();
            var rows = parents.Aggregate(1, (acc, p) => acc * p.Size);
            var mechanism = Mechanism.Cpt(parents, Enumerable.Range(0, rows).SelectMany(_ => RandomRow(random, variable.Size)).ToArray());
            if (graph.Latent.Contains(n)) builder.Latent(variable, mechanism);
            else builder.Node(variable, mechanism);
        }
        return builder.Build();
    }

    private static Rational[] RandomRow(Random random, int size)
    {
        if (size == 2)
        {
            var k = random.Next(1, 10);
            return [new Rational(10 - k, 10), new Rational(k, 10)];
        }
        var weights = Enumerable.Range(0, size).Select(_ => random.Next(1, 10)).ToArray();
        var total = weights.Sum();
        return weights.Select(w => new Rational(w, total)).ToArray();
    }

    /// <summary>Compares an estimand of P(y | do(x)) with the truth on random models; returns the first mismatches
    /// (empty when the estimand is right on every seed).</summary>
    /// <param name="graph">The causal ADMG.</param>
    /// <param name="outcomes">Y.</param>
    /// <param name="treatments">X.</param>
    /// <param name="estimand">The estimand (its free symbols: Y, X and possibly fixed context variables).</param>
    /// <param name="seeds">The random models' seeds.</param>
    /// <returns>Mismatching cells (at most ten).</returns>
    public static IReadOnlyList<EstimandMismatch> Check(Admg graph, IEnumerable<string> outcomes, IEnumerable<string> treatments,
        Expression estimand, IEnumerable<int> seeds) =>
        Check(graph, outcomes, treatments, [], estimand, seeds);

    /// <summary>Compares an estimand of P(y | do(x), z) with the truth P_x(y, z) / P_x(z) on random models.
    /// Observational atoms are evaluated on the exact observational joint, interventional atoms P(· | do(z), ·) (from
    /// experiments, <see cref="Gid"/>, or ID*) on the model mutilated by do(z).</summary>
    /// <param name="graph">The causal ADMG.</param>
    /// <param name="outcomes">Y.</param>
    /// <param name="treatments">X.</param>
    /// <param name="conditions">Z.</param>
    /// <param name="estimand">The estimand.</param>
    /// <param name="seeds">The seeds.</param>
    /// <returns>Mismatching cells (at most ten).</returns>
    public static IReadOnlyList<EstimandMismatch> Check(Admg graph, IEnumerable<string> outcomes, IEnumerable<string> treatments,
        IEnumerable<string> conditions, Expression estimand, IEnumerable<int> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        var mismatches = new List<EstimandMismatch>();
        foreach (var seed in seeds)
        {
            mismatches.AddRange(Check(RandomModel(graph, seed), outcomes, treatments, conditions, estimand, 10 - mismatches.Count)
                .Select(m => m with { Seed = seed }));
            if (mismatches.Count >= 10) break;
        }
        return mismatches;
    }

    /// <summary>Compares an estimand of P(y | do(x), z) with the truth P_x(y, z) / P_x(z) on a given discrete model:
    /// the estimand is evaluated, in exact rationals, on the model's observational joint over its observed variables,
    /// the truth by surgery on the full model (latent variables included). Cells with P_x(z) = 0 expect 0.</summary>
    /// <param name="model">A model with finite domains and exact (rational) tables.</param>
    /// <param name="outcomes">Y.</param>
    /// <param name="treatments">X.</param>
    /// <param name="conditions">Z (may be empty).</param>
    /// <param name="estimand">The estimand (its free symbols: Y, X, Z and possibly fixed context variables).</param>
    /// <param name="limit">The most mismatches to report.</param>
    /// <returns>Mismatching cells (<see cref="EstimandMismatch.Seed"/> is 0).</returns>
    public static IReadOnlyList<EstimandMismatch> Check(Scm model, IEnumerable<string> outcomes, IEnumerable<string> treatments,
        IEnumerable<string> conditions, Expression estimand, int limit = 10)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(estimand);
        var y = outcomes.ToArray();
        var x = treatments.ToArray();
        var z = conditions.ToArray();
        var mismatches = new List<EstimandMismatch>();
        var joint = model.QueryExact(model.Observed);
        // Observational atoms on the joint; experimental atoms P(· | do(z), ·) (gID) on the mutilated model.
        var source = new ModelSource(new JointDistribution<Rational>(joint), model);
        // Every query variable gets a value even when the estimand does not depend on it (e.g. P_{x,z}(y) = P_z(y)).
        var free = estimand.FreeSymbols.Union(y.Concat(x).Concat(z).Select(n => new Symbol(n))).ToArray();
        foreach (var s in free.Where(s => s.Primes != 0))
            throw new CausalScriptException($"The estimand has the free primed symbol {s}; give each free variable one value.");
        var freeVariables = free.Select(s => model[s.Variable]).ToArray();
        var truthCache = new Dictionary<string, Factor<Rational>>();
        foreach (var codes in Cells(freeVariables.Select(v => v.Size).ToArray()))
        {
            var values = free.Select((s, i) => (s, codes[i])).ToDictionary(t => t.s, t => t.Item2);
            var value = estimand.Evaluate(source, values);
            int Code(string name) => values[new Symbol(name)];
            var intervention = x.Select(n => model[n].Is(model[n].Domain.ValueAt(Code(n)))).ToArray();
            var key = string.Join(",", intervention.Select(a => a.Index));
            if (!truthCache.TryGetValue(key, out var truth))
                truthCache[key] = truth = model.Do(intervention).QueryExact(y.Concat(z).Select(n => model[n]));
            var cell = y.Concat(z).Select(n => model[n].Is(model[n].Domain.ValueAt(Code(n)))).ToArray();
            var expected = truth[cell];
            if (z.Length > 0)
            {
                var marginal = truth.Marginal(z.Select(n => model[n]));
                var pz = marginal[z.Select(n => model[n].Is(model[n].Domain.ValueAt(Code(n)))).ToArray()];
                expected = pz == Rational.Zero ? Rational.Zero : expected / pz;
            }
            if (value != expected)
            {
                mismatches.Add(new EstimandMismatch(0, values.ToDictionary(kv => kv.Key, kv => model[kv.Key.Variable].Domain.ValueAt(kv.Value)), value, expected));
                if (mismatches.Count >= limit) break;
            }
        }
        return mismatches;
    }

    /// <summary>Observational atoms from the joint (marginals cached), interventional ones from the model.</summary>
    private sealed class ModelSource(JointDistribution<Rational> joint, Scm model) : IDistributionSource<Rational>
    {
        private ModelDistribution? _interventional;

        public Variable Variable(string name) => joint.Variable(name);

        public Rational Probability(ProbabilityTerm atom, Func<Symbol, int> valueOf) => atom.IsObservational
            ? joint.Probability(atom, valueOf)
            : (_interventional ??= new ModelDistribution(model)).Probability(atom, valueOf);
    }

    private static IEnumerable<int[]> Cells(int[] sizes)
    {
        var counter = new int[sizes.Length];
        while (true)
        {
            yield return (int[])counter.Clone();
            var k = sizes.Length - 1;
            while (k >= 0 && ++counter[k] == sizes[k]) counter[k--] = 0;
            if (k < 0) yield break;
        }
    }
}
