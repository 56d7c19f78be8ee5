namespace CausalScript.Models;

/// <summary>
/// Fluent builder of an <see cref="Scm"/>: declare each variable once with its mechanism, in any order (parents may
/// be declared later). <see cref="Build"/> validates everything and names the culprit of any error.
/// </summary>
public sealed class ScmBuilder
{
    private readonly string _name;
    private readonly List<Variable> _variables = [];
    private readonly Dictionary<Variable, Mechanism> _mechanisms = [];
    private readonly HashSet<Variable> _latent = [];

    internal ScmBuilder(string name) => _name = name;

    /// <summary>Adds an observed variable with its mechanism.</summary>
    /// <param name="variable">The variable.</param>
    /// <param name="mechanism">How it is computed.</param>
    /// <returns>This builder.</returns>
    public ScmBuilder Node(Variable variable, Mechanism mechanism) => Add(variable, mechanism, latent: false);

    /// <summary>Adds an observed root drawn from a noise distribution.</summary>
    /// <param name="variable">The variable.</param>
    /// <param name="noise">Its distribution.</param>
    /// <returns>This builder.</returns>
    public ScmBuilder Node(Variable variable, Noise noise) => Add(variable, Mechanism.Exogenous(noise), latent: false);

    /// <summary>Adds a latent (unobserved) variable with its mechanism, e.g. a hidden confounder with a prior.</summary>
    /// <param name="variable">The variable.</param>
    /// <param name="mechanism">How it is computed.</param>
    /// <returns>This builder.</returns>
    public ScmBuilder Latent(Variable variable, Mechanism mechanism) => Add(variable, mechanism, latent: true);

    /// <summary>Adds a latent exogenous noise term; mechanisms read it as a parent, and a term read by several
    /// mechanisms is shared noise (a bidirected edge of <see cref="Scm.Graph"/>).</summary>
    /// <param name="variable">The noise variable.</param>
    /// <param name="noise">Its distribution.</param>
    /// <returns>This builder.</returns>
    public ScmBuilder Noise(Variable variable, Noise noise) => Add(variable, Mechanism.Exogenous(noise), latent: true);

    private ScmBuilder Add(Variable variable, Mechanism mechanism, bool latent)
    {
        ArgumentNullException.ThrowIfNull(variable);
        ArgumentNullException.ThrowIfNull(mechanism);
        if (_mechanisms.ContainsKey(variable))
            throw new ModelException($"Variable '{variable.Name}' is defined twice in model '{_name}'.", variable.Name);
        _variables.Add(variable);
        _mechanisms[variable] = mechanism;
        if (latent) _latent.Add(variable);
        return this;
    }

    /// <summary>Validates and builds the model.</summary>
    /// <returns>The immutable model.</returns>
    /// <exception cref="ModelException">An unknown parent, a mechanism that does not fit its variable, a CPT row that
    /// does not sum to 1, …</exception>
    /// <exception cref="CycleException">The mechanisms form a directed cycle.</exception>
    public Scm Build()
    {
        if (_variables.Count == 0) throw new ModelException($"Model '{_name}' has no variables.");
        return new Scm(_name, _variables, _mechanisms, _latent, []);
    }
}
