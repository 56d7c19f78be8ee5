using System.Text;
using CausalScript.Graphs;

namespace CausalScript.Models;

/// <summary>
/// A structural causal model: variables (observed and latent), one <see cref="Mechanism"/> per variable, and the
/// causal DAG they induce. Immutable: every intervention returns a new model that shares the untouched mechanisms.
/// <see cref="Graph"/> is the latent projection onto the observed variables (an ADMG), so every graph criterion
/// applies to a model. Build one with <see cref="Create"/>, or with the F# <c>scm { … }</c> expression.
/// </summary>
public sealed partial class Scm
{
    private readonly Variable[] _variables;
    private readonly Dictionary<Variable, Mechanism> _mechanisms;
    private readonly HashSet<Variable> _latent;
    private readonly Dictionary<string, Variable> _byName;
    private readonly Variable[] _order;
    private readonly Dictionary<Variable, int> _position;
    private readonly Lazy<Admg> _graph;

    internal Scm(string name, IReadOnlyList<Variable> variables, IReadOnlyDictionary<Variable, Mechanism> mechanisms,
        IEnumerable<Variable> latent, IReadOnlyList<string> interventions)
    {
        Name = name;
        _variables = variables.ToArray();
        _mechanisms = new Dictionary<Variable, Mechanism>(mechanisms);
        _latent = latent.ToHashSet();
        _byName = new Dictionary<string, Variable>(StringComparer.Ordinal);
        foreach (var v in _variables)
            if (!_byName.TryAdd(v.Name, v)) throw new ModelException($"Variable '{v.Name}' is defined twice.", v.Name);
        Interventions = interventions;

        foreach (var v in _variables)
            foreach (var p in _mechanisms[v].Parents)
                if (!_byName.TryGetValue(p.Name, out var known))
                {
                    var hint = NameSuggestion.Closest(p.Name, _byName.Keys);
                    throw new ModelException(
                        $"The mechanism of '{v.Name}' reads '{p.Name}', which is not a variable of the model" +
                        (hint is null ? "." : $". Did you mean '{hint}'?"), v.Name);
                }
                else if (!known.Domain.Equals(p.Domain))
                    throw new ModelException($"The mechanism of '{v.Name}' reads '{p.Name}' with domain {p.Domain}, but the model defines it with domain {known.Domain}.", v.Name);

        // The full DAG over all variables: detects cycles (naming one) and yields the topological order.
        var builder = Admg.CreateBuilder().Nodes(_variables.Select(v => v.Name));
        foreach (var v in _variables)
            foreach (var p in _mechanisms[v].Parents) builder.Edge(p.Name, v.Name);
        builder.Latent(_latent.Select(v => v.Name));
        FullGraph = builder.Build();
        _order = FullGraph.TopologicalOrder.Select(n => _byName[n]).ToArray();
        _position = _order.Select((v, i) => (v, i)).ToDictionary(x => x.v, x => x.i);
        foreach (var v in _variables) _mechanisms[v].Bind(v);
        _graph = new Lazy<Admg>(() => FullGraph.ProjectLatents());
    }

    /// <summary>Starts a fluent builder: <c>Scm.Create("smoking").Latent(H, …).Node(S, …).Build()</c>.</summary>
    /// <param name="name">The model's name (for display).</param>
    public static ScmBuilder Create(string name = "model") => new(name);

    /// <summary>The model's name.</summary>
    public string Name { get; }

    /// <summary>All variables in declaration order.</summary>
    public IReadOnlyList<Variable> Variables => _variables;

    /// <summary>The observed variables in declaration order.</summary>
    public IReadOnlyList<Variable> Observed => _variables.Where(v => !_latent.Contains(v)).ToArray();

    /// <summary>The latent (unobserved) variables, including exogenous noise terms.</summary>
    public IReadOnlyList<Variable> Latent => _variables.Where(_latent.Contains).ToArray();

    /// <summary>All variables in a topological order of the causal DAG (parents before children).</summary>
    public IReadOnlyList<Variable> TopologicalOrder => _order;

    /// <summary>The interventions applied to reach this model from the one that was built, e.g. "do(S = yes)".</summary>
    public IReadOnlyList<string> Interventions { get; }

    /// <summary>The causal DAG over all variables, latent ones flagged.</summary>
    public Admg FullGraph { get; }

    /// <summary>The ADMG over the observed variables: the latent projection of <see cref="FullGraph"/>. A latent
    /// variable (or noise term) read by two mechanisms becomes a bidirected edge.</summary>
    public Admg Graph => _graph.Value;

    /// <summary>True if <paramref name="variable"/> is latent.</summary>
    /// <param name="variable">A variable of the model.</param>
    public bool IsLatent(Variable variable) => _latent.Contains(Require(variable));

    /// <summary>The mechanism of a variable.</summary>
    /// <param name="variable">A variable of the model.</param>
    public Mechanism MechanismOf(Variable variable) => _mechanisms[Require(variable)];

    /// <summary>The parents of a variable in the causal DAG.</summary>
    /// <param name="variable">A variable of the model.</param>
    public IReadOnlyList<Variable> ParentsOf(Variable variable) => MechanismOf(variable).Parents;

    /// <summary>The variable with this name.</summary>
    /// <param name="name">A variable name.</param>
    /// <exception cref="ModelException">No such variable (with the closest name as a suggestion).</exception>
    public Variable this[string name] =>
        _byName.TryGetValue(name, out var v) ? v : throw Unknown(name);

    /// <summary>True if the model has a variable of this name.</summary>
    /// <param name="name">A variable name.</param>
    public bool Contains(string name) => _byName.ContainsKey(name);

    internal Variable Require(Variable variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        if (variable.IsCounterfactual)
            throw new ModelException(
                $"'{variable.Name}' is a counterfactual variable; ask for it with Counterfactual(…) (Counterfactuals.Exact or Sample), not an observational or interventional query.", variable.Name);
        if (!_byName.TryGetValue(variable.Name, out var known)) throw Unknown(variable.Name);
        if (!known.Domain.Equals(variable.Domain))
            throw new ModelException($"'{variable.Name}' has domain {variable.Domain} here, but the model defines it with domain {known.Domain}.", variable.Name);
        return known;
    }

    private ModelException Unknown(string name)
    {
        var hint = NameSuggestion.Closest(name, _byName.Keys);
        return new ModelException($"Unknown variable '{name}': the model '{Name}' has no variable of that name" + (hint is null ? "." : $". Did you mean '{hint}'?"), name);
    }

    internal int PositionInOrder(Variable v) => _position[v];

    internal Scm With(IReadOnlyDictionary<Variable, Mechanism> replaced, string intervention) =>
        new(Name, _variables, _variables.ToDictionary(v => v, v => replaced.TryGetValue(v, out var m) ? m : _mechanisms[v]), _latent,
            Interventions.Append(intervention).ToArray());

    /// <summary>A readable listing: one line per variable with its mechanism.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("SCM '").Append(Name).Append('\'');
        if (Interventions.Count > 0) text.Append(" under ").Append(string.Join(", ", Interventions));
        text.AppendLine();
        foreach (var v in _order)
            text.Append("  ").Append(_latent.Contains(v) ? "latent " : "").Append(v.Name).Append(' ').Append(v.Domain)
                .Append(": ").AppendLine(_mechanisms[v].Describe(v));
        return text.ToString();
    }
}
