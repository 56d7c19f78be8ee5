using System.Collections.Immutable;
using CausalScript.Models;

namespace CausalScript.Identification;

/// <summary>
/// An interventional query P(y | do(x), z), built fluently: <c>CausalQuery.P("Y").Do("X").Given("Z")</c>
/// (or with <see cref="Variable"/>s). Immutable.
/// </summary>
public sealed record CausalQuery
{
    private CausalQuery(ImmutableArray<string> outcomes, ImmutableArray<string> treatments, ImmutableArray<string> conditions)
    {
        Outcomes = outcomes;
        Treatments = treatments;
        Conditions = conditions;
    }

    /// <summary>The outcomes Y.</summary>
    public ImmutableArray<string> Outcomes { get; }

    /// <summary>The interventions X.</summary>
    public ImmutableArray<string> Treatments { get; }

    /// <summary>The conditions Z.</summary>
    public ImmutableArray<string> Conditions { get; }

    /// <summary>Starts a query on the outcomes: P(y).</summary>
    /// <param name="outcomes">Node names.</param>
    public static CausalQuery P(params IEnumerable<string> outcomes) => new([.. outcomes], [], []);

    /// <summary>Starts a query on the outcomes: P(y).</summary>
    /// <param name="outcomes">Variables (their names are used).</param>
    public static CausalQuery P(params IEnumerable<Variable> outcomes) => P(outcomes.Select(v => v.Name));

    /// <summary>Adds interventions: P(y | do(x)).</summary>
    /// <param name="treatments">Node names.</param>
    public CausalQuery Do(params IEnumerable<string> treatments) => new(Outcomes, [.. Treatments, .. treatments], Conditions);

    /// <summary>Adds interventions: P(y | do(x)).</summary>
    /// <param name="treatments">Variables.</param>
    public CausalQuery Do(params IEnumerable<Variable> treatments) => Do(treatments.Select(v => v.Name));

    /// <summary>Adds conditions: P(y | do(x), z).</summary>
    /// <param name="conditions">Node names.</param>
    public CausalQuery Given(params IEnumerable<string> conditions) => new(Outcomes, Treatments, [.. Conditions, .. conditions]);

    /// <summary>Adds conditions: P(y | do(x), z).</summary>
    /// <param name="conditions">Variables.</param>
    public CausalQuery Given(params IEnumerable<Variable> conditions) => Given(conditions.Select(v => v.Name));

    /// <summary>"P(Y | do(X), Z)".</summary>
    public override string ToString()
    {
        var given = new List<string>();
        if (Treatments.Length > 0) given.Add($"do({string.Join(", ", Treatments)})");
        given.AddRange(Conditions);
        return given.Count == 0 ? $"P({string.Join(", ", Outcomes)})" : $"P({string.Join(", ", Outcomes)} | {string.Join(", ", given)})";
    }
}
