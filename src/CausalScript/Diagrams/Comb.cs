using System.Numerics;
using CausalScript.Inference;
using CausalScript.Models;

namespace CausalScript.Diagrams;

/// <summary>
/// A 2-comb of FinStoch with an empty first input (Jacobs, Kissinger &amp; Zanasi, "Causal Inference by String Diagram
/// Surgery", FoSSaCS 2019, LNCS 11425, comb disintegration; Chiribella, D'Ariano &amp; Perinotti 2008 for combs): a
/// channel f : B → A ⊗ C with a hole between its first outputs A and its second inputs B. It is non-signalling
/// (causal): discarding C leaves a state on A that does not depend on B, so A is produced before the hole and C
/// after it. A channel g : A → B is plugged into the hole with <see cref="Plug"/>; <see cref="CutFirst"/> is
/// string-diagram surgery on the first tooth. Immutable.
/// </summary>
/// <typeparam name="T"><c>double</c> or <see cref="Rational"/>.</typeparam>
public sealed class TwoComb<T>
    where T : IAdditionOperators<T, T, T>, IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>,
        IAdditiveIdentity<T, T>, IMultiplicativeIdentity<T, T>, IEqualityOperators<T, T, bool>
{
    private readonly int _first;

    internal TwoComb(Channel<T> channel, int first)
    {
        Channel = channel;
        _first = first;
    }

    /// <summary>Makes a comb from a channel f : B → A ⊗ C whose first <paramref name="firstOutputs"/> outputs are A,
    /// checking that it is non-signalling.</summary>
    /// <param name="channel">f, outputs ordered A then C.</param>
    /// <param name="firstOutputs">|A|: how many outputs come before the hole.</param>
    /// <returns>The comb.</returns>
    /// <exception cref="DiagramException">The channel signals: the distribution of A depends on B (the message names
    /// the first two inputs that disagree).</exception>
    public static TwoComb<T> Create(Channel<T> channel, int firstOutputs)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentOutOfRangeException.ThrowIfNegative(firstOutputs);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstOutputs, channel.Cod.Count);
        var problem = CheckNonSignalling(channel, firstOutputs);
        if (problem is not null) throw new DiagramException(problem);
        return new TwoComb<T>(channel, firstOutputs);
    }

    /// <summary>The non-signalling (causality) condition of a 2-comb: (id_A ⊗ ◊_C) ∘ f = f₁ ⊗ ◊_B for some state
    /// f₁ : I → A, i.e. the marginal on A is the same for every input b (exactly for rationals, within 1e-9 for
    /// doubles).</summary>
    /// <param name="channel">f : B → A ⊗ C.</param>
    /// <param name="firstOutputs">|A|.</param>
    /// <returns>Null when f is non-signalling, else which inputs give different marginals on A.</returns>
    public static string? CheckNonSignalling(Channel<T> channel, int firstOutputs)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentOutOfRangeException.ThrowIfNegative(firstOutputs);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstOutputs, channel.Cod.Count);
        var first = FirstMarginals(channel, firstOutputs);
        for (var r = 1; r < first.Length; r++)
            for (var k = 0; k < first[r].Length; k++)
                if (!Same(first[r][k], first[0][k]))
                    return $"The channel {channel.Signature} is not a comb with first outputs {Channel<T>.Describe(channel.Cod.Take(firstOutputs).ToArray())}: " +
                        $"they signal — at {Cell(channel.Dom, 0)} and {Cell(channel.Dom, r)} their marginals differ ({first[0][k]} against {first[r][k]} at {Disintegration.Event(channel.Cod.Take(firstOutputs).ToArray(), k)}).";
        return null;
    }

    /// <summary>f as a channel B → A ⊗ C (row-major over (B…, A…, C…)).</summary>
    public Channel<T> Channel { get; }

    /// <summary>A: the outputs before the hole (they go into the plugged channel).</summary>
    public IReadOnlyList<Variable> FirstOutputs => Channel.Cod.Take(_first).ToArray();

    /// <summary>B: the inputs after the hole (the plugged channel's outputs).</summary>
    public IReadOnlyList<Variable> SecondInputs => Channel.Dom;

    /// <summary>C: the outputs after the hole.</summary>
    public IReadOnlyList<Variable> SecondOutputs => Channel.Cod.Skip(_first).ToArray();

    /// <summary>The first tooth f₁ : I → A, the state of A before the hole (the same for every b).</summary>
    public Channel<T> FirstTooth => new([], [.. FirstOutputs], FirstMarginals(Channel, _first)[0]);

    /// <summary>"Comb I → S ‖ T → C".</summary>
    public string Signature => $"Comb I → {Channel<T>.Describe(FirstOutputs)} ‖ {Channel<T>.Describe(SecondInputs)} → {Channel<T>.Describe(SecondOutputs)}";

    /// <summary>Plugs a channel into the hole (comb composition f[g], done in Mat(R≥0) with a cup and a cap in the
    /// paper): the state I → A ⊗ B ⊗ C with entries g(b | a)·f(a, c | b). A is copied into g and to the output, B
    /// into f and to the output.</summary>
    /// <param name="hole">g : A → B.</param>
    /// <returns>The joint state on A ⊗ B ⊗ C.</returns>
    /// <exception cref="DiagramException">g's wires are not A → B (both sides named).</exception>
    public Channel<T> Plug(Channel<T> hole)
    {
        ArgumentNullException.ThrowIfNull(hole);
        Diagram.CheckSameWires(FirstOutputs, hole.Dom, "plug into the hole of " + Signature + " (first outputs against the plugged channel's inputs)");
        Diagram.CheckSameWires(hole.Cod, SecondInputs, "plug into the hole of " + Signature + " (the plugged channel's outputs against the second inputs)");
        int na = Channel<T>.Size(FirstOutputs), nb = Channel<T>.Size(SecondInputs), nc = Channel<T>.Size(SecondOutputs);
        var values = new T[checked(na * nb * nc)];
        for (var a = 0; a < na; a++)
            for (var b = 0; b < nb; b++)
            {
                var g = hole.Values[a * nb + b];
                if (g == T.AdditiveIdentity) continue;
                for (var c = 0; c < nc; c++)
                    values[(a * nb + b) * nc + c] = g * Channel.Values[(b * na + a) * nc + c];
            }
        return new Channel<T>([], [.. FirstOutputs, .. SecondInputs, .. SecondOutputs], values);
    }

    /// <summary>Replaces the first tooth's output by a state σ: f′(a, c | b) = σ(a)·Σ_{a′} f(a′, c | b), i.e.
    /// (σ ∘ ◊_A ⊗ id_C) ∘ f. The second tooth keeps whatever it remembered from the first.</summary>
    /// <param name="state">σ : I → A.</param>
    /// <returns>The new comb.</returns>
    public TwoComb<T> ReplaceFirst(Channel<T> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        Disintegration.CheckState(state, "replace the first tooth");
        Diagram.CheckSameWires(FirstOutputs, state.Cod, "replace the first tooth of " + Signature);
        int na = Channel<T>.Size(FirstOutputs), nb = Channel<T>.Size(SecondInputs), nc = Channel<T>.Size(SecondOutputs);
        var values = new T[Channel.Values.Count];
        for (var b = 0; b < nb; b++)
            for (var c = 0; c < nc; c++)
            {
                var total = T.AdditiveIdentity;
                for (var a = 0; a < na; a++) total += Channel.Values[(b * na + a) * nc + c];
                for (var a = 0; a < na; a++) values[(b * na + a) * nc + c] = state.Values[a] * total;
            }
        return new TwoComb<T>(new Channel<T>([.. SecondInputs], [.. Channel.Cod], values), _first);
    }

    /// <summary>cut on the first tooth: its output A is discarded and replaced by the uniform state,
    /// (u_A ∘ ◊_A ⊗ id_C) ∘ f. When the cut variable's box lies in the first tooth and the hole is a mechanism of A
    /// alone, plugging g into the cut comb is the surgically altered state F(cut_A(ω)).</summary>
    /// <returns>The cut comb.</returns>
    public TwoComb<T> CutFirst() =>
        ReplaceFirst(FirstOutputs.Select(v => Channel<T>.Uniform(v)).Aggregate(new Channel<T>([], [], [T.MultiplicativeIdentity]), (s, u) => s.Tensor(u)));

    /// <summary>do on the first tooth: A is replaced by the point state at the given values (one per first output).</summary>
    /// <param name="values">A value of each first output, in order.</param>
    /// <returns>The comb with A fixed.</returns>
    public TwoComb<T> DoFirst(params object[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != _first) throw new DiagramException($"{Signature} has {_first} first outputs; {values.Length} values were given.");
        return ReplaceFirst(FirstOutputs.Select((v, i) => Channel<T>.Point(v, values[i])).Aggregate(new Channel<T>([], [], [T.MultiplicativeIdentity]), (s, p) => s.Tensor(p)));
    }

    /// <summary>"Comb I → S ‖ T → C: [...]".</summary>
    public override string ToString() => $"{Signature}: [{string.Join(", ", Channel.Values)}]";

    private static T[][] FirstMarginals(Channel<T> channel, int first)
    {
        var na = Channel<T>.Size(channel.Cod.Take(first).ToArray());
        var nc = Channel<T>.Size(channel.Cod.Skip(first).ToArray());
        var nb = Channel<T>.Size(channel.Dom);
        var result = new T[nb][];
        for (var b = 0; b < nb; b++)
        {
            result[b] = new T[na];
            for (var a = 0; a < na; a++)
                for (var c = 0; c < nc; c++) result[b][a] += channel.Values[(b * na + a) * nc + c];
        }
        return result;
    }

    private static bool Same(T x, T y) => (x, y) switch
    {
        (double p, double q) => Math.Abs(p - q) <= 1e-9,
        _ => x == y,
    };

    private static string Cell(IReadOnlyList<Variable> wires, int row) =>
        wires.Count == 0 ? "the only input" : Disintegration.Event(wires, row)[2..^1];
}

/// <summary>The two parts of a comb disintegration ω = f[g].</summary>
/// <typeparam name="T"><c>double</c> or <see cref="Rational"/>.</typeparam>
/// <param name="Comb">f : B → A ⊗ C, f(a, c | b) = P(a)·P(c | a, b).</param>
/// <param name="Hole">g : A → B, g(b | a) = P(b | a).</param>
public sealed record CombDisintegration<T>(TwoComb<T> Comb, Channel<T> Hole)
    where T : IAdditionOperators<T, T, T>, IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>,
        IAdditiveIdentity<T, T>, IMultiplicativeIdentity<T, T>, IEqualityOperators<T, T, bool>
{
    /// <summary>f[g]: the reconstructed state on A ⊗ B ⊗ C (equal to the disintegrated one).</summary>
    public Channel<T> Joint => Comb.Plug(Hole);
}

/// <summary>
/// Comb disintegration and the interventional distribution it computes (Jacobs, Kissinger &amp; Zanasi, "Causal
/// Inference by String Diagram Surgery", FoSSaCS 2019, LNCS 11425; MSCS 31(5), 2021). Every state ω : I → A ⊗ B ⊗ C
/// whose marginal on A ⊗ B has full support factors uniquely as ω = f[g] with a non-signalling comb
/// f(a, c | b) = P(a)·P(c | a, b) and g(b | a) = P(b | a). When the causal diagram of ω has this comb shape with the
/// cut variable A produced in f, g the mechanism of B with input A only, and every directed path from A to C through
/// B (see <see cref="CombIdentification"/>), cutting A on f and plugging g back gives
/// P(c | do(a)) = Σ_b P(b | a) Σ_a′ P(a′) P(c | a′, b) — Pearl's front-door formula. Cost: linear in the table of ω
/// (|A|·|B|·|C| cells per step).
/// </summary>
public static class Comb
{
    /// <summary>Comb disintegration: the comb f and the hole g with ω = f[g] (outputs of ω outside A, B, C are
    /// discarded first).</summary>
    /// <typeparam name="T"><c>double</c> or <see cref="Rational"/>.</typeparam>
    /// <param name="joint">ω, a state with distinct output names.</param>
    /// <param name="a">A: the first outputs (the cut variables).</param>
    /// <param name="b">B: the hole's outputs (may be empty: no hole).</param>
    /// <param name="c">C: the second outputs.</param>
    /// <param name="zero">What to do where P(a, b) = 0.</param>
    /// <returns>f and g.</returns>
    /// <exception cref="DiagramException">A name is missing or repeated; or P(A, B) lacks full support (each zero entry
    /// named) under <see cref="ZeroConditions.Throw"/>.</exception>
    public static CombDisintegration<T> Disintegrate<T>(Channel<T> joint, IEnumerable<Variable> a, IEnumerable<Variable> b, IEnumerable<Variable> c,
        ZeroConditions zero = ZeroConditions.Throw)
        where T : IAdditionOperators<T, T, T>, IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>,
            IAdditiveIdentity<T, T>, IMultiplicativeIdentity<T, T>, IEqualityOperators<T, T, bool>
    {
        ArgumentNullException.ThrowIfNull(joint);
        var pa = Disintegration.Positions(joint, a, "disintegrate");
        var pb = Disintegration.Positions(joint, b, "disintegrate");
        var pc = Disintegration.Positions(joint, c, "disintegrate");
        var state = joint.MarginalAt([.. pa, .. pb, .. pc]);
        int ka = pa.Length, kb = pb.Length, kc = pc.Length;
        var ia = Enumerable.Range(0, ka).ToArray();
        var ib = Enumerable.Range(ka, kb).ToArray();
        var ic = Enumerable.Range(ka + kb, kc).ToArray();
        // P(c | a, b) first: it needs full support of P(A, B), and its error names those cells.
        var cGivenAb = Disintegration.Disintegrate(state, [.. ia, .. ib], ic, zero).Conditional;
        var aThenB = Disintegration.Disintegrate(state, ia, ib, zero);
        var prior = aThenB.Marginal;
        var hole = aThenB.Conditional;
        var va = state.Cod.Take(ka).ToArray();
        var vb = state.Cod.Skip(ka).Take(kb).ToArray();
        var vc = state.Cod.Skip(ka + kb).ToArray();
        int na = Channel<T>.Size(va), nb = Channel<T>.Size(vb), nc = Channel<T>.Size(vc);
        var values = new T[checked(na * nb * nc)];
        for (var x = 0; x < nb; x++)
            for (var y = 0; y < na; y++)
                for (var z = 0; z < nc; z++)
                    values[(x * na + y) * nc + z] = prior.Values[y] * cGivenAb.Values[(y * nb + x) * nc + z];
        return new CombDisintegration<T>(new TwoComb<T>(new Channel<T>(vb, [.. va, .. vc], values), ka), hole);
    }

    /// <summary>P(C | do(A)) from the observed joint by comb disintegration: disintegrate ω = f[g], cut the first tooth
    /// of f, plug g back in, and disintegrate the result at A. Valid as a causal effect only when the causal diagram
    /// has the comb shape (see <see cref="CombIdentification.Identify(Graphs.Admg, IEnumerable{string}, IEnumerable{string}, IEnumerable{string}?)"/>).</summary>
    /// <typeparam name="T"><c>double</c> or <see cref="Rational"/>.</typeparam>
    /// <param name="joint">The observed joint ω.</param>
    /// <param name="a">The cut variables A.</param>
    /// <param name="b">The hole's outputs B.</param>
    /// <param name="c">The outcomes C.</param>
    /// <returns>The channel A → C, Σ_b P(b | a) Σ_a′ P(a′) P(c | a′, b).</returns>
    /// <exception cref="DiagramException">P(A, B) lacks full support (each zero entry named).</exception>
    public static Channel<T> Interventional<T>(Channel<T> joint, IEnumerable<Variable> a, IEnumerable<Variable> b, IEnumerable<Variable> c)
        where T : IAdditionOperators<T, T, T>, IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>,
            IAdditiveIdentity<T, T>, IMultiplicativeIdentity<T, T>, IEqualityOperators<T, T, bool>
    {
        var parts = Disintegrate(joint, a, b, c);
        var altered = parts.Comb.CutFirst().Plug(parts.Hole);
        var ka = parts.Comb.FirstOutputs.Count;
        var kb = parts.Comb.SecondInputs.Count;
        var kc = parts.Comb.SecondOutputs.Count;
        return Disintegration.Disintegrate(altered, Enumerable.Range(0, ka).ToArray(), Enumerable.Range(ka + kb, kc).ToArray()).Conditional;
    }

    /// <summary>P(C | do(A), Z) from the observed joint: the comb of <see cref="Interventional{T}(Channel{T}, IEnumerable{Variable}, IEnumerable{Variable}, IEnumerable{Variable})"/>
    /// run on P(A, B, C | z) for every value z of the context, i.e.
    /// Σ_b P(b | a, z) Σ_a′ P(a′ | z) P(c | a′, b, z).</summary>
    /// <typeparam name="T"><c>double</c> or <see cref="Rational"/>.</typeparam>
    /// <param name="joint">The observed joint.</param>
    /// <param name="a">The cut variables A.</param>
    /// <param name="b">The hole's outputs B.</param>
    /// <param name="c">The outcomes C.</param>
    /// <param name="context">The context Z (empty: no context).</param>
    /// <returns>The channel A ⊗ Z → C.</returns>
    /// <exception cref="DiagramException">P(A, B, Z) lacks full support (each zero entry named).</exception>
    public static Channel<T> Interventional<T>(Channel<T> joint, IEnumerable<Variable> a, IEnumerable<Variable> b, IEnumerable<Variable> c,
        IEnumerable<Variable> context)
        where T : IAdditionOperators<T, T, T>, IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>,
            IAdditiveIdentity<T, T>, IMultiplicativeIdentity<T, T>, IEqualityOperators<T, T, bool>
    {
        ArgumentNullException.ThrowIfNull(joint);
        ArgumentNullException.ThrowIfNull(context);
        var pz = Disintegration.Positions(joint, context, "condition on");
        if (pz.Length == 0) return Interventional(joint, a, b, c);
        var pa = Disintegration.Positions(joint, a, "disintegrate");
        var pb = Disintegration.Positions(joint, b, "disintegrate");
        var pc = Disintegration.Positions(joint, c, "disintegrate");
        // Full support of P(Z, A, B) names the missing cells with the context first.
        var abz = joint.MarginalAt([.. pz, .. pa, .. pb]);
        Disintegration.Disintegrate(abz, Enumerable.Range(0, abz.Cod.Count).ToArray(), []);
        var given = Disintegration.Disintegrate(joint, pz, [.. pa, .. pb, .. pc]).Conditional;
        var va = pa.Select(p => joint.Cod[p]).ToArray();
        var vb = pb.Select(p => joint.Cod[p]).ToArray();
        var vc = pc.Select(p => joint.Cod[p]).ToArray();
        var vz = pz.Select(p => joint.Cod[p]).ToArray();
        int na = Channel<T>.Size(va), nc = Channel<T>.Size(vc), nz = Channel<T>.Size(vz);
        var rowSize = given.Values.Count / nz;
        var values = new T[checked(na * nz * nc)];
        for (var z = 0; z < nz; z++)
        {
            var slice = new Channel<T>([], [.. given.Cod], given.Values.Skip(z * rowSize).Take(rowSize).ToArray());
            var effect = Interventional(slice, va, vb, vc);
            for (var x = 0; x < na; x++)
                for (var y = 0; y < nc; y++)
                    values[(x * nz + z) * nc + y] = effect.Values[x * nc + y];
        }
        return new Channel<T>([.. va, .. vz], vc, values);
    }
}
