using System.Numerics;
using CausalScript.Inference;
using CausalScript.Models;

namespace CausalScript.Diagrams;

/// <summary>What a conditional does on a condition of probability 0, where the disintegration is not determined.</summary>
public enum ZeroConditions
{
    /// <summary>Refuse: a <see cref="DiagramException"/> names every condition of probability 0. The disintegration
    /// is unique exactly when the marginal has full support (Jacobs, Kissinger &amp; Zanasi 2019), so this is the
    /// default.</summary>
    Throw,

    /// <summary>The convention used in practice for conditionals: a row whose condition has probability 0 is the
    /// uniform distribution. Any row would do — the reconstruction ω = (id ⊗ ω_{B|A}) ∘ Δ ∘ ω_A still holds
    /// exactly — but the rows off the support carry no information and are not unique.</summary>
    Uniform,
}

/// <summary>A joint state split into its marginal ω_A : I → A and the conditional ω_{B|A} : A → B.</summary>
/// <typeparam name="T"><c>double</c> or <see cref="Rational"/>.</typeparam>
/// <param name="Marginal">ω_A, a state on the conditioning wires.</param>
/// <param name="Conditional">ω_{B|A}, a channel from the conditioning wires to the others.</param>
public sealed record Disintegrated<T>(Channel<T> Marginal, Channel<T> Conditional)
    where T : IAdditionOperators<T, T, T>, IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>,
        IAdditiveIdentity<T, T>, IMultiplicativeIdentity<T, T>, IEqualityOperators<T, T, bool>
{
    /// <summary>The reconstruction (id_A ⊗ ω_{B|A}) ∘ Δ_A ∘ ω_A : I → A ⊗ B, which is the disintegrated state
    /// (restricted to A ⊗ B, in that order).</summary>
    public Channel<T> Joint => Disintegration.Join(Marginal, Conditional);
}

/// <summary>
/// Disintegration of a joint state into a marginal and a conditional channel (Jacobs, Kissinger &amp; Zanasi,
/// "Causal Inference by String Diagram Surgery", FoSSaCS 2019, LNCS 11425; Cho &amp; Jacobs 2019, "Disintegration
/// and Bayesian inversion via string diagrams", MSCS 29(7)): for ω : I → A ⊗ B whose marginal ω_A = (id ⊗ ◊_B) ∘ ω has
/// full support there is a unique channel ω_{B|A} : A → B with ω = (id_A ⊗ ω_{B|A}) ∘ Δ_A ∘ ω_A, namely
/// ω_{B|A}(b | a) = ω(a, b) / ω_A(a). Also the marginal of a state by names or positions and the conditional
/// P(B | A) of a state. Cost: linear in the state's table.
/// </summary>
public static class Disintegration
{
    /// <summary>The marginal of a state on the named outputs, in the given order (the others are discarded).</summary>
    /// <typeparam name="T"><c>double</c> or <see cref="Rational"/>.</typeparam>
    /// <param name="state">A state I → V with distinct output names.</param>
    /// <param name="keep">Outputs of the state.</param>
    /// <returns>The state I → keep.</returns>
    /// <exception cref="DiagramException">The channel has inputs, a name is not an output or is repeated.</exception>
    public static Channel<T> Marginal<T>(this Channel<T> state, params IEnumerable<Variable> keep)
        where T : IAdditionOperators<T, T, T>, IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>,
            IAdditiveIdentity<T, T>, IMultiplicativeIdentity<T, T>, IEqualityOperators<T, T, bool> =>
        MarginalAt(state, Positions(state, keep, "take the marginal of"));

    /// <summary>The marginal of a state on the outputs at the given positions, in that order.</summary>
    /// <typeparam name="T"><c>double</c> or <see cref="Rational"/>.</typeparam>
    /// <param name="state">A state.</param>
    /// <param name="positions">Distinct 0-based output positions.</param>
    /// <returns>The state on those positions.</returns>
    public static Channel<T> MarginalAt<T>(this Channel<T> state, params int[] positions)
        where T : IAdditionOperators<T, T, T>, IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>,
            IAdditiveIdentity<T, T>, IMultiplicativeIdentity<T, T>, IEqualityOperators<T, T, bool>
    {
        CheckState(state, "take a marginal");
        CheckPositions(state, positions);
        var cod = positions.Select(p => state.Cod[p]).ToArray();
        var values = new T[Channel<T>.Size(cod)];
        var sizes = state.Cod.Select(v => v.Size).ToArray();
        var codes = new int[sizes.Length];
        for (var cell = 0; cell < state.Values.Count; cell++)
        {
            Decode(cell, sizes, codes);
            values[Encode(codes, positions, sizes)] += state.Values[cell];
        }
        return new Channel<T>([], cod, values);
    }

    /// <summary>The conditional P(outputs | given) of a state: a channel given → outputs.</summary>
    /// <typeparam name="T"><c>double</c> or <see cref="Rational"/>.</typeparam>
    /// <param name="state">A state with distinct output names.</param>
    /// <param name="outputs">The conditioned outputs B.</param>
    /// <param name="given">The conditioning outputs A (disjoint from B).</param>
    /// <param name="zero">What to do where P(A = a) = 0.</param>
    /// <returns>ω_{B|A}.</returns>
    /// <exception cref="DiagramException">A condition has probability 0 (all such conditions are named) and
    /// <paramref name="zero"/> is <see cref="ZeroConditions.Throw"/>.</exception>
    public static Channel<T> Conditional<T>(this Channel<T> state, IEnumerable<Variable> outputs, IEnumerable<Variable> given,
        ZeroConditions zero = ZeroConditions.Throw)
        where T : IAdditionOperators<T, T, T>, IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>,
            IAdditiveIdentity<T, T>, IMultiplicativeIdentity<T, T>, IEqualityOperators<T, T, bool> =>
        Disintegrate(state, given, outputs, zero).Conditional;

    /// <summary>Disintegrates a state at the named outputs A: ω_A and ω_{B|A} for the named outputs B (outputs in
    /// neither list are discarded first).</summary>
    /// <typeparam name="T"><c>double</c> or <see cref="Rational"/>.</typeparam>
    /// <param name="state">A state ω with distinct output names.</param>
    /// <param name="a">The conditioning outputs A.</param>
    /// <param name="b">The other outputs B (disjoint from A).</param>
    /// <param name="zero">What to do where ω_A(a) = 0.</param>
    /// <returns>The marginal and the conditional.</returns>
    /// <exception cref="DiagramException">The channel is not a state; a name is missing, repeated or in both lists; or
    /// ω_A lacks full support (every zero entry is named, e.g. "P(S = true, T = false) = 0") under
    /// <see cref="ZeroConditions.Throw"/>.</exception>
    public static Disintegrated<T> Disintegrate<T>(Channel<T> state, IEnumerable<Variable> a, IEnumerable<Variable> b,
        ZeroConditions zero = ZeroConditions.Throw)
        where T : IAdditionOperators<T, T, T>, IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>,
            IAdditiveIdentity<T, T>, IMultiplicativeIdentity<T, T>, IEqualityOperators<T, T, bool>
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Disintegrate(state, Positions(state, a, "disintegrate"), Positions(state, b, "disintegrate"), zero);
    }

    /// <summary>Disintegrates a state at the outputs in positions <paramref name="a"/>, keeping the outputs in positions
    /// <paramref name="b"/> (needed when two outputs carry the same variable, e.g. after a copy).</summary>
    /// <typeparam name="T"><c>double</c> or <see cref="Rational"/>.</typeparam>
    /// <param name="state">A state ω.</param>
    /// <param name="a">Positions of A.</param>
    /// <param name="b">Positions of B (disjoint from A).</param>
    /// <param name="zero">What to do where ω_A(a) = 0.</param>
    /// <returns>The marginal and the conditional.</returns>
    public static Disintegrated<T> Disintegrate<T>(Channel<T> state, int[] a, int[] b, ZeroConditions zero = ZeroConditions.Throw)
        where T : IAdditionOperators<T, T, T>, IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>,
            IAdditiveIdentity<T, T>, IMultiplicativeIdentity<T, T>, IEqualityOperators<T, T, bool>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        CheckState(state, "disintegrate");
        CheckPositions(state, [.. a, .. b]);
        var joint = MarginalAt(state, [.. a, .. b]);
        var marginal = MarginalAt(joint, Enumerable.Range(0, a.Length).ToArray());
        var rows = marginal.Values.Count;
        var columns = joint.Values.Count / rows;
        var zeros = Enumerable.Range(0, rows).Where(r => marginal.Values[r] == T.AdditiveIdentity).ToArray();
        if (zeros.Length > 0 && zero == ZeroConditions.Throw)
            throw new DiagramException(
                $"Cannot disintegrate the state {Channel<T>.Describe(state.Cod)} at {Channel<T>.Describe(marginal.Cod)}: the marginal has no full support — " +
                string.Join(", ", zeros.Take(8).Select(r => $"{Event(marginal.Cod, r)} = 0")) + (zeros.Length > 8 ? $" and {zeros.Length - 8} more" : "") +
                $". The conditional is not determined there; pass ZeroConditions.Uniform to use uniform rows.");
        var values = new T[joint.Values.Count];
        var uniform = T.MultiplicativeIdentity / Channel<T>.Count(columns);
        for (var r = 0; r < rows; r++)
        {
            var p = marginal.Values[r];
            for (var c = 0; c < columns; c++)
                values[r * columns + c] = p == T.AdditiveIdentity ? uniform : joint.Values[r * columns + c] / p;
        }
        var conditional = new Channel<T>([.. marginal.Cod], [.. b.Select(i => state.Cod[i])], values);
        return new Disintegrated<T>(marginal, conditional);
    }

    /// <summary>Joins a state and a channel: (id_A ⊗ c) ∘ Δ_A ∘ σ : I → A ⊗ B, entrywise σ(a)·c(b | a) — the inverse
    /// of <see cref="Disintegrate{T}(Channel{T}, IEnumerable{Variable}, IEnumerable{Variable}, ZeroConditions)"/>.</summary>
    /// <typeparam name="T"><c>double</c> or <see cref="Rational"/>.</typeparam>
    /// <param name="state">σ : I → A.</param>
    /// <param name="channel">c : A → B.</param>
    /// <returns>The joint state on A ⊗ B.</returns>
    /// <exception cref="DiagramException">The channel's inputs are not the state's outputs.</exception>
    public static Channel<T> Join<T>(Channel<T> state, Channel<T> channel)
        where T : IAdditionOperators<T, T, T>, IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>,
            IAdditiveIdentity<T, T>, IMultiplicativeIdentity<T, T>, IEqualityOperators<T, T, bool>
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(channel);
        CheckState(state, "join");
        Diagram.CheckSameWires(state.Cod, channel.Dom, "join a state and a channel");
        var columns = Channel<T>.Size(channel.Cod);
        var values = new T[channel.Values.Count];
        for (var r = 0; r < state.Values.Count; r++)
            for (var c = 0; c < columns; c++)
                values[r * columns + c] = state.Values[r] * channel.Values[r * columns + c];
        return new Channel<T>([], [.. state.Cod, .. channel.Cod], values);
    }

    /// <summary>"P(S = true, T = false)" for a cell of a table over the wires.</summary>
    internal static string Event(IReadOnlyList<Variable> wires, int cell)
    {
        var codes = new int[wires.Count];
        Decode(cell, wires.Select(w => w.Size).ToArray(), codes);
        return $"P({string.Join(", ", wires.Select((w, i) => Assignment.At(w, codes[i]).ToString()))})";
    }

    /// <summary>The positions of the named outputs of a state (names must be unique outputs).</summary>
    internal static int[] Positions<T>(Channel<T> state, IEnumerable<Variable> names, string what)
        where T : IAdditionOperators<T, T, T>, IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>,
            IAdditiveIdentity<T, T>, IMultiplicativeIdentity<T, T>, IEqualityOperators<T, T, bool>
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(names);
        return names.Select(v =>
        {
            ArgumentNullException.ThrowIfNull(v);
            var hits = Enumerable.Range(0, state.Cod.Count).Where(i => state.Cod[i].Name == v.Name).ToArray();
            return hits.Length switch
            {
                1 => hits[0],
                0 => throw new DiagramException($"Cannot {what} '{v.Name}': it is not an output of {state.Signature} (outputs: {string.Join(", ", state.Cod.Select(c => c.Name))})."),
                _ => throw new DiagramException($"Cannot {what} '{v.Name}': the state {state.Signature} has {hits.Length} outputs of that name; use positions."),
            };
        }).ToArray();
    }

    internal static void CheckState<T>(Channel<T> state, string what)
        where T : IAdditionOperators<T, T, T>, IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>,
            IAdditiveIdentity<T, T>, IMultiplicativeIdentity<T, T>, IEqualityOperators<T, T, bool>
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Dom.Count > 0) throw new DiagramException($"Cannot {what}: {state.Signature} is not a state (it has inputs).");
    }

    private static void CheckPositions<T>(Channel<T> state, int[] positions)
        where T : IAdditionOperators<T, T, T>, IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>,
            IAdditiveIdentity<T, T>, IMultiplicativeIdentity<T, T>, IEqualityOperators<T, T, bool>
    {
        ArgumentNullException.ThrowIfNull(positions);
        foreach (var p in positions)
            if (p < 0 || p >= state.Cod.Count) throw new DiagramException($"Output position {p} does not exist; the state is {state.Signature}.");
        var repeated = positions.GroupBy(p => p).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
            throw new DiagramException($"Output position {repeated.Key} ('{state.Cod[repeated.Key].Name}') is used twice; the parts of a disintegration must be disjoint.");
    }

    /// <summary>Row-major cell → codes (last axis fastest).</summary>
    internal static void Decode(int cell, int[] sizes, int[] codes)
    {
        for (var k = sizes.Length - 1; k >= 0; k--)
        {
            codes[k] = cell % sizes[k];
            cell /= sizes[k];
        }
    }

    /// <summary>The row-major offset of the codes at the given positions.</summary>
    internal static int Encode(int[] codes, int[] positions, int[] sizes)
    {
        var offset = 0;
        foreach (var p in positions) offset = offset * sizes[p] + codes[p];
        return offset;
    }
}
