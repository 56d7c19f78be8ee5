using System.Collections.Immutable;
using CausalScript.Inference;
using CausalScript.Models;

namespace CausalScript.Diagrams;

public sealed partial class Diagram
{
    /// <summary>The twin diagram of a model for one counterfactual world (Jacobs, Kissinger &amp; Zanasi 2021, MSCS
    /// 31(5)): see <see cref="TwinDiagram"/>.</summary>
    /// <param name="model">A finite model whose copied mechanisms are deterministic.</param>
    /// <param name="intervention">The counterfactual world's intervention, e.g. <c>A.Is(false)</c>.</param>
    /// <returns>The twin diagram.</returns>
    public static TwinDiagram Twin(Scm model, params Assignment[] intervention) => TwinDiagram.Build(model, [intervention]);
}

/// <summary>
/// Counterfactuals as string diagrams (Jacobs, Kissinger &amp; Zanasi 2021, "Causal inference via string diagram
/// surgery", MSCS 31(5); Pearl's twin network, Balke &amp; Pearl 1994): the factual world and one copy of the
/// mechanism diagram per counterfactual world, joined by the exogenous roots (variables without parents), which are
/// copied into every world. Surgery is applied in the counterfactual copies only: the copy of an intervened variable
/// is replaced by discard(parents) ; point(x) (<see cref="Diagram.Do"/> on the copy). Conditioning the joint state on
/// factual outputs (dividing entries by the evidence's marginal, i.e. disintegration) and reading counterfactual
/// outputs is abduction, action and prediction in one diagram.
/// <para>Copies are named like the model-level <see cref="ParallelWorlds"/>: the copy of Y in a world is
/// <c>Y[X=x]</c>, named by the intervened variables that reach it; by default a variable no intervention reaches is not
/// copied but shared with the factual world. That is an equation of the diagrams, not an approximation: a
/// deterministic box commutes with copying (f ; Δ = Δ ; (f ⊗ f); Fritz 2020, "A synthetic approach to Markov
/// kernels", deterministic morphisms), and the copied boxes must be
/// deterministic — a stochastic box copied into two worlds would draw its hidden noise twice, independently, which is
/// not the counterfactual. Give such variables as functions of explicit exogenous noise roots.</para>
/// </summary>
public sealed class TwinDiagram
{
    private readonly Dictionary<(string Variable, int World), Variable> _copy = [];

    private TwinDiagram(Scm model, IReadOnlyList<IReadOnlyList<Assignment>> worlds, Diagram full, Diagram observed)
    {
        Model = model;
        Worlds = worlds;
        Full = full;
        Diagram = observed;
    }

    /// <summary>The model.</summary>
    public Scm Model { get; }

    /// <summary>The worlds' interventions, sorted by variable name; world 0 is the factual one (no intervention).</summary>
    public IReadOnlyList<IReadOnlyList<Assignment>> Worlds { get; }

    /// <summary>The joint state I → (observed variables of the factual world, in the model's order) ⊗ (for each
    /// counterfactual world, the copies of observed variables made for it).</summary>
    public Diagram Diagram { get; }

    /// <summary>The same state with the latent variables and their copies as outputs too.</summary>
    public Diagram Full { get; }

    /// <summary>Builds the twin (or, with several worlds, multiverse) diagram.</summary>
    /// <param name="model">A model with finite variables.</param>
    /// <param name="worlds">Each counterfactual world's intervention (hard assignments); the factual world is always
    /// world 0.</param>
    /// <param name="shareUnaffected">True (the default): a variable that no intervention of a world reaches is shared
    /// with the factual world, as in <see cref="ParallelWorlds"/>. False: every variable with parents is copied into every
    /// world, named <c>Y[x]</c> with the world's whole intervention (the construction as drawn in the paper).</param>
    /// <returns>The diagram.</returns>
    /// <exception cref="DiagramException">A copied mechanism is not deterministic (the variable and a row are named),
    /// or a variable is continuous.</exception>
    public static TwinDiagram Build(Scm model, IEnumerable<IEnumerable<Assignment>> worlds, bool shareUnaffected = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(worlds);
        var list = new List<IReadOnlyList<Assignment>> { Array.Empty<Assignment>() };
        foreach (var w in worlds)
        {
            var sorted = w.Select(a => { model.Require(a.Variable); return a; }).OrderBy(a => a.Variable.Name, StringComparer.Ordinal).ToArray();
            for (var i = 1; i < sorted.Length; i++)
                if (sorted[i].Variable.Equals(sorted[i - 1].Variable))
                    throw new DiagramException($"'{sorted[i].Variable.Name}' is assigned twice in one world's intervention.");
            if (!list.Any(x => x.SequenceEqual(sorted))) list.Add(sorted);
        }
        foreach (var v in model.Variables.Where(v => !v.Domain.IsFinite))
            throw new DiagramException($"'{v.Name}' is continuous; a twin diagram needs finite variables.");

        var order = model.TopologicalOrder;
        var wires = new List<Variable>();
        var wireOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var nodes = new List<Diagram.Node>();
        var copy = new Dictionary<(string, int), Variable>();
        var copied = new List<(Variable Original, Variable Copy)>();
        var surgery = new List<Assignment>();
        for (var w = 0; w < list.Count; w++)
        {
            var intervention = list[w];
            var reach = new Dictionary<string, Assignment[]>(StringComparer.Ordinal);
            foreach (var v in order)
            {
                var parents = model.ParentsOf(v);
                var own = intervention.Where(a => a.Variable.Name == v.Name).ToArray();
                var reaching = own.Length > 0 ? own
                    : parents.SelectMany(p => reach[p.Name]).DistinctBy(a => a.Variable.Name).OrderBy(a => a.Variable.Name, StringComparer.Ordinal).ToArray();
                reach[v.Name] = reaching;
                // Roots are the shared exogenous states; without sharing, every other variable is copied per world.
                var name = w == 0 || (parents.Count == 0 && own.Length == 0) ? []
                    : shareUnaffected ? reaching : [.. intervention];
                var c = name.Length == 0 ? v : v.Under(name);
                copy[(v.Name, w)] = c;
                if (wireOf.ContainsKey(c.Name)) continue;
                wireOf[c.Name] = wires.Count;
                wires.Add(c);
                var box = Box.Mechanisms(v, model.MechanismOf(v));
                if (!ReferenceEquals(c, v)) box = box.Renamed(x => x.Name == v.Name ? c : copy[(x.Name, w)], c.Name);
                nodes.Add(new Diagram.Node(box, parents.Select(p => wireOf[copy[(p.Name, w)].Name]).ToImmutableArray(), [wireOf[c.Name]]));
                if (!ReferenceEquals(c, v))
                {
                    if (own.Length > 0) surgery.Add(c.Is(own[0].Value));
                    else copied.Add((v, c));
                }
            }
        }
        // Every world's outputs: the factual variables, then each world's new copies, in the model's order.
        var outputs = new List<int>();
        var observedOutputs = new List<int>();
        for (var w = 0; w < list.Count; w++)
            foreach (var v in model.Variables)
            {
                var c = copy[(v.Name, w)];
                if (w > 0 && c.Name == copy[(v.Name, 0)].Name) continue;
                var id = wireOf[c.Name];
                if (outputs.Contains(id)) continue;
                outputs.Add(id);
                if (!model.IsLatent(v)) observedOutputs.Add(id);
            }
        var doubled = new Diagram([.. wires], [.. nodes], [], [.. outputs]);
        // Surgery in the counterfactual copies only: the copies of the intervened variables become points.
        var full = surgery.Count == 0 ? doubled : doubled.Do([.. surgery]);
        foreach (var (original, c) in copied) CheckDeterministic(original, c, model.MechanismOf(original));
        var fullCod = full.CodWires;
        var observed = new Diagram(full.Wires, full.Nodes, full.DomWires,
            [.. outputs.Select((id, k) => (id, k)).Where(t => observedOutputs.Contains(t.id)).Select(t => fullCod[t.k])]);
        var result = new TwinDiagram(model, list, full, observed);
        foreach (var kv in copy) result._copy[kv.Key] = kv.Value;
        return result;
    }

    /// <summary>The output wire that stands for a factual variable <c>Y</c> or a counterfactual one
    /// <c>Y.Under(x)</c> (x must be one of the worlds): the copy of Y in that world, which is Y itself when the
    /// world's intervention does not reach Y.</summary>
    /// <param name="variable">A model variable, or a counterfactual variable of one.</param>
    /// <exception cref="DiagramException">No world has that intervention (the worlds are listed).</exception>
    public Variable Resolve(Variable variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var original = Model.Require(variable.Base ?? variable);
        var sorted = variable.Intervention.OrderBy(a => a.Variable.Name, StringComparer.Ordinal).ToArray();
        for (var w = 0; w < Worlds.Count; w++)
            if (Worlds[w].SequenceEqual(sorted)) return _copy[(original.Name, w)];
        throw new DiagramException(
            $"'{variable.Name}' lives in the world ({string.Join(", ", sorted)}), which this twin diagram does not have; its worlds are " +
            string.Join("; ", Worlds.Select(w => w.Count == 0 ? "factual" : "(" + string.Join(", ", w) + ")")) + ".");
    }

    /// <summary>P(query | evidence) in exact rationals: the twin state marginalised to the query and evidence copies,
    /// then disintegrated at the evidence (each entry divided by the evidence's probability).</summary>
    /// <param name="query">Factual or counterfactual variables (<c>Y.Under(x)</c> for one of the worlds).</param>
    /// <param name="evidence">Assignments to factual or counterfactual variables.</param>
    /// <returns>The distribution over the query variables, on the axes given.</returns>
    /// <exception cref="CausalScriptException">The evidence has probability zero, or contradicts itself.</exception>
    public Factor<Rational> Query(IEnumerable<Variable> query, IEnumerable<Assignment>? evidence = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        var requested = query.ToArray();
        if (requested.Length == 0) throw new DiagramException("A query needs at least one variable.");
        var copies = requested.Select(Resolve).ToArray();
        var observed = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var a in evidence ?? [])
        {
            var c = Resolve(a.Variable);
            if (observed.TryGetValue(c.Name, out var previous) && previous != a.Index)
                throw new CausalScriptException($"The evidence {a} contradicts another assignment to the same copy '{c.Name}'; it has probability zero.");
            observed[c.Name] = a.Index;
        }
        var axes = copies.Select(c => c.Name).Concat(observed.Keys).Distinct(StringComparer.Ordinal).Select(n => Full.Wires[Full.CodWires.First(w => Full.Wires[w].Name == n)]).ToArray();
        var joint = Stoch.EvaluateExact(Full.Marginal(axes)).ToFactor();
        var given = observed.Select(kv => Assignment.At(axes.First(v => v.Name == kv.Key), kv.Value)).ToArray();
        var total = given.Length == 0 ? Rational.One : joint.Marginal(given.Select(a => a.Variable)).Reduce(given).Total;
        if (total == Rational.Zero)
            throw new CausalScriptException($"The evidence {string.Join(", ", evidence ?? [])} has probability zero, so the conditional distribution is undefined.");
        var sizes = requested.Select(v => v.Size).ToArray();
        var values = new Rational[sizes.Aggregate(1, (a, b) => checked(a * b))];
        var codes = new int[requested.Length];
        for (var cell = 0; cell < values.Length; cell++)
        {
            var rest = cell;
            for (var k = requested.Length - 1; k >= 0; k--)
            {
                codes[k] = rest % sizes[k];
                rest /= sizes[k];
            }
            // Positions resolving to one copy must agree, and agree with the evidence on it.
            var at = new Dictionary<string, int>(observed, StringComparer.Ordinal);
            var consistent = true;
            for (var k = 0; k < requested.Length && consistent; k++)
                if (at.TryGetValue(copies[k].Name, out var c)) consistent = c == codes[k];
                else at[copies[k].Name] = codes[k];
            values[cell] = consistent ? joint[axes.Select(v => Assignment.At(v, at[v.Name])).ToArray()] / total : Rational.Zero;
        }
        return Factor<Rational>.Create(requested, values);
    }

    /// <summary>"TwinDiagram of 'model', worlds: factual; (A = false)".</summary>
    public override string ToString() =>
        $"TwinDiagram of '{Model.Name}', worlds: " + string.Join("; ", Worlds.Select(w => w.Count == 0 ? "factual" : "(" + string.Join(", ", w) + ")"));

    private static void CheckDeterministic(Variable original, Variable copy, Mechanism mechanism)
    {
        var box = Box.Mechanisms(original, mechanism);
        var table = Stoch.ExactTable(box);
        var values = table.Values;
        var size = original.Size;
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] == Rational.Zero || values[i] == Rational.One) continue;
            var row = i / size;
            var parents = box.Dom;
            var codes = new int[parents.Length];
            for (var k = parents.Length - 1; k >= 0; k--)
            {
                codes[k] = row % parents[k].Size;
                row /= parents[k].Size;
            }
            var given = parents.Length == 0 ? "" : " | " + string.Join(", ", parents.Select((p, k) => p.Is(p.Domain.ValueAt(codes[k])).ToString()));
            throw new DiagramException(
                $"The twin diagram copies '{original.Name}' into a counterfactual world (as '{copy.Name}'), so its mechanism must be deterministic, " +
                $"with its randomness in exogenous root variables that both worlds share; but P({original.Is(original.Domain.ValueAt(i % size))}{given}) = {values[i]}. " +
                $"Write '{original.Name}' with Mechanism.Function of its parents and explicit noise roots.");
        }
    }
}
