namespace CausalScript.Models;

public sealed partial class Scm
{
    /// <summary>The hard intervention do(X₁ = x₁, …): each variable's mechanism becomes a constant.</summary>
    /// <param name="assignments">One assignment per intervened variable, e.g. <c>S.Is("yes")</c>.</param>
    /// <returns>The intervened model.</returns>
    /// <exception cref="ModelException">An unknown variable, a value outside its domain, or a variable assigned twice.</exception>
    public Scm Do(params IEnumerable<Assignment> assignments)
    {
        var list = assignments.ToArray();
        if (list.Length == 0) return this;
        var replaced = new Dictionary<Variable, Mechanism>();
        foreach (var a in list)
        {
            var v = Require(a.Variable);
            if (!replaced.TryAdd(v, Mechanism.Constant(a.Value)))
                throw new ModelException($"'{v.Name}' is assigned twice in one intervention.", v.Name);
        }
        return With(replaced, "do(" + string.Join(", ", list.Select(a => a.ToString())) + ")");
    }

    /// <summary>Replaces a variable's mechanism: the general intervention (policies and stochastic interventions are
    /// special cases). The new mechanism may read other parents, as long as no cycle results.</summary>
    /// <param name="variable">The intervened variable.</param>
    /// <param name="mechanism">Its new mechanism.</param>
    /// <returns>The intervened model.</returns>
    public Scm Intervene(Variable variable, Mechanism mechanism)
    {
        var v = Require(variable);
        ArgumentNullException.ThrowIfNull(mechanism);
        return With(new Dictionary<Variable, Mechanism> { [v] = mechanism }, $"{v.Name} := {mechanism.Describe(v)}");
    }

    /// <summary>A stochastic intervention: X is drawn from <paramref name="distribution"/>, independently of its
    /// former causes.</summary>
    /// <param name="variable">The intervened variable.</param>
    /// <param name="distribution">Its new distribution (finite, one probability per value, for a finite variable).</param>
    /// <returns>The intervened model.</returns>
    public Scm DoRandom(Variable variable, Noise distribution)
    {
        var v = Require(variable);
        return With(new Dictionary<Variable, Mechanism> { [v] = Mechanism.Exogenous(distribution) }, $"do({v.Name} ~ {distribution})");
    }

    /// <summary>A stochastic intervention on a finite variable: X is drawn with the given probabilities.</summary>
    /// <param name="variable">The intervened variable.</param>
    /// <param name="probabilities">One probability per value of X, in domain order.</param>
    /// <returns>The intervened model.</returns>
    public Scm DoRandom(Variable variable, params IEnumerable<double> probabilities)
    {
        var v = Require(variable);
        var p = probabilities.ToArray();
        return With(new Dictionary<Variable, Mechanism> { [v] = Mechanism.Prior(p) }, $"do({v.Name} ~ [{string.Join(", ", p)}])");
    }

    /// <summary>The shift intervention X := X + δ: the original mechanism runs with the same parents and noise, and
    /// its output is shifted (for an integer variable δ must keep values in the domain).</summary>
    /// <param name="variable">The intervened variable (real, integer or bool).</param>
    /// <param name="delta">δ.</param>
    /// <returns>The intervened model.</returns>
    public Scm Shift(Variable variable, double delta)
    {
        var v = Require(variable);
        if (v.Domain.Kind == DomainKind.Categorical)
            throw new ModelException($"'{v.Name}' is categorical; a shift needs a numeric variable. Use Shift with a function of the code.", v.Name);
        return With(new Dictionary<Variable, Mechanism> { [v] = new ShiftMechanism(_mechanisms[v], x => x + delta, delta, $"x + {delta}") },
            $"shift({v.Name} + {delta})");
    }

    /// <summary>The shift intervention X := g(X): the original mechanism's output is transformed by g (on numeric
    /// values: bool 0/1, integers, category codes, reals).</summary>
    /// <param name="variable">The intervened variable.</param>
    /// <param name="transform">g.</param>
    /// <param name="description">How to print g, e.g. "2x".</param>
    /// <returns>The intervened model.</returns>
    public Scm Shift(Variable variable, Func<double, double> transform, string description = "g(x)")
    {
        var v = Require(variable);
        ArgumentNullException.ThrowIfNull(transform);
        return With(new Dictionary<Variable, Mechanism> { [v] = new ShiftMechanism(_mechanisms[v], transform, null, description) },
            $"shift({v.Name} := {description})");
    }

    /// <summary>A deterministic policy do(X = π(Z)): X becomes a function of the policy's inputs, which must not be
    /// descendants of X.</summary>
    /// <typeparam name="T1">The type the input is read as (see <see cref="Mechanism.Function{T1, TOut}"/>).</typeparam>
    /// <typeparam name="TOut">The type of X's value.</typeparam>
    /// <param name="variable">X.</param>
    /// <param name="input">Z.</param>
    /// <param name="policy">π.</param>
    /// <returns>The intervened model.</returns>
    public Scm Policy<T1, TOut>(Variable variable, Variable input, Func<T1, TOut> policy) =>
        Policy(variable, Mechanism.Function(input, policy));

    /// <summary>A policy given as any mechanism (e.g. <see cref="Mechanism.Function(IEnumerable{Variable}, Func{IReadOnlyList{object}, object})"/>
    /// for several inputs, or a CPT for a stochastic policy).</summary>
    /// <param name="variable">X.</param>
    /// <param name="policy">The policy's mechanism; its parents are the policy's inputs.</param>
    /// <returns>The intervened model.</returns>
    public Scm Policy(Variable variable, Mechanism policy)
    {
        var v = Require(variable);
        ArgumentNullException.ThrowIfNull(policy);
        foreach (var z in policy.Parents)
            if (Contains(z.Name) && FullGraph.Descendants([v.Name]).Contains(z.Name))
                throw new ModelException($"The policy for '{v.Name}' reads '{z.Name}', a descendant of '{v.Name}': that would make a cycle.", v.Name);
        return With(new Dictionary<Variable, Mechanism> { [v] = policy },
            $"do({v.Name} = π({string.Join(", ", policy.Parents.Select(p => p.Name))}))");
    }
}
