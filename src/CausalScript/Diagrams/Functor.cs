using System.Numerics;
using CausalScript.Models;

namespace CausalScript.Diagrams;

/// <summary>A target category for interpreting diagrams: a symmetric monoidal category with copy, discard and
/// uniform states (a CDU category, JKZ Def. 3.1), plus point states.</summary>
/// <typeparam name="TMorphism">The morphisms of the target.</typeparam>
public interface IMarkovCategory<TMorphism>
{
    /// <summary>The identity on the wires.</summary>
    /// <param name="wires">The wires (empty: the unit).</param>
    TMorphism Identity(IReadOnlyList<Variable> wires);

    /// <summary>Sequential composition f ; g.</summary>
    /// <param name="f">First.</param>
    /// <param name="g">Then.</param>
    TMorphism Compose(TMorphism f, TMorphism g);

    /// <summary>Parallel composition f ⊗ g.</summary>
    /// <param name="f">Left.</param>
    /// <param name="g">Right.</param>
    TMorphism Tensor(TMorphism f, TMorphism g);

    /// <summary>The symmetry a ⊗ b → b ⊗ a.</summary>
    /// <param name="a">First wire.</param>
    /// <param name="b">Second wire.</param>
    TMorphism Swap(Variable a, Variable b);

    /// <summary>Copy a → a^⊗n (n = 0: discard).</summary>
    /// <param name="a">The wire.</param>
    /// <param name="n">The number of copies.</param>
    TMorphism Copy(Variable a, int n);

    /// <summary>The uniform state I → a.</summary>
    /// <param name="a">The wire.</param>
    TMorphism Uniform(Variable a);

    /// <summary>The point state I → a at a value.</summary>
    /// <param name="a">The wire.</param>
    /// <param name="value">The value.</param>
    TMorphism Point(Variable a, object value);
}

/// <summary>
/// A CDU functor out of the free category of diagrams (JKZ §3.2): fixed by where it sends the generator boxes; copies,
/// discards, swaps, uniform and point states go to their counterparts in the target. <see cref="Apply"/> builds the
/// image of a diagram by composing in the target, one box at a time (routing the live wires with copies, discards and
/// swaps), so it works for any target; <see cref="Stoch"/> evaluates the FinStoch image faster by contraction, and
/// the tests check that both agree.
/// </summary>
/// <typeparam name="TMorphism">The target's morphisms.</typeparam>
/// <param name="target">The target category.</param>
/// <param name="generators">The image of each generator box.</param>
public sealed class Functor<TMorphism>(IMarkovCategory<TMorphism> target, Func<Box, TMorphism> generators)
{
    /// <summary>The image of the diagram.</summary>
    /// <param name="diagram">Any diagram.</param>
    public TMorphism Apply(Diagram diagram)
    {
        ArgumentNullException.ThrowIfNull(diagram);
        var bundle = diagram.DomWires.ToList();
        var result = target.Identity(diagram.Dom);
        for (var i = 0; i < diagram.Nodes.Length; i++)
        {
            var node = diagram.Nodes[i];
            var later = diagram.Nodes.Skip(i + 1).SelectMany(n => n.Inputs).Concat(diagram.CodWires).ToHashSet();
            var rest = bundle.Where(later.Contains).ToList();
            result = target.Compose(result, Route(diagram, bundle, [.. node.Inputs, .. rest]));
            var box = node.Box.Kind switch
            {
                BoxKind.Uniform => target.Uniform(node.Box.Cod[0]),
                BoxKind.Point => target.Point(node.Box.Cod[0], node.Box.Value!),
                _ => generators(node.Box),
            };
            result = target.Compose(result, target.Tensor(box, target.Identity(rest.Select(w => diagram.Wires[w]).ToArray())));
            bundle = [.. node.Outputs, .. rest];
        }
        return target.Compose(result, Route(diagram, bundle, [.. diagram.CodWires]));
    }

    /// <summary>A morphism from the distinct wires <paramref name="from"/> to the list <paramref name="to"/> (which
    /// may repeat or omit wires): copy each wire as often as it is needed, then sort by adjacent swaps.</summary>
    private TMorphism Route(Diagram d, List<int> from, List<int> to)
    {
        var copies = from.Select(w => target.Copy(d.Wires[w], to.Count(t => t == w))).ToList();
        var result = copies.Count == 0 ? target.Identity([]) : copies.Aggregate(target.Tensor);
        var current = from.SelectMany(w => Enumerable.Repeat(w, to.Count(t => t == w))).ToList();
        // Bubble sort towards the target order; each swap is id ⊗ σ ⊗ id.
        for (var pass = 0; pass < current.Count; pass++)
            for (var k = 0; k + 1 < current.Count; k++)
            {
                if (Rank(to, current, k) <= Rank(to, current, k + 1)) continue;
                var left = target.Identity(current.Take(k).Select(w => d.Wires[w]).ToArray());
                var right = target.Identity(current.Skip(k + 2).Select(w => d.Wires[w]).ToArray());
                var swap = target.Tensor(target.Tensor(left, target.Swap(d.Wires[current[k]], d.Wires[current[k + 1]])), right);
                result = target.Compose(result, swap);
                (current[k], current[k + 1]) = (current[k + 1], current[k]);
            }
        return result;
    }

    /// <summary>The target position of the occurrence at index k of <paramref name="current"/> (the j-th occurrence of
    /// a wire goes to its j-th position in <paramref name="to"/>).</summary>
    private static int Rank(List<int> to, List<int> current, int k)
    {
        var w = current[k];
        var occurrence = current.Take(k).Count(x => x == w);
        return to.Select((t, i) => (t, i)).Where(p => p.t == w).ElementAt(occurrence).i;
    }
}

/// <summary>FinStoch as a <see cref="IMarkovCategory{TMorphism}"/> of <see cref="Channel{T}"/>s.</summary>
internal sealed class StochCategory<T> : IMarkovCategory<Channel<T>>
    where T : IAdditionOperators<T, T, T>, IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>,
        IAdditiveIdentity<T, T>, IMultiplicativeIdentity<T, T>, IEqualityOperators<T, T, bool>
{
    public Channel<T> Identity(IReadOnlyList<Variable> wires) => Channel<T>.Identity(wires);
    public Channel<T> Compose(Channel<T> f, Channel<T> g) => f.Then(g);
    public Channel<T> Tensor(Channel<T> f, Channel<T> g) => f.Tensor(g);
    public Channel<T> Swap(Variable a, Variable b) => Channel<T>.Swap(a, b);
    public Channel<T> Copy(Variable a, int n) => Channel<T>.Copy(a, n);
    public Channel<T> Uniform(Variable a) => Channel<T>.Uniform(a);
    public Channel<T> Point(Variable a, object value) => Channel<T>.Point(a, value);
}
