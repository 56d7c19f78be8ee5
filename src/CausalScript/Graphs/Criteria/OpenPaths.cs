namespace CausalScript.Graphs;

/// <summary>Witnesses for error messages: an m-connecting walk found by the same state search as m-separation, but
/// with predecessor links, rendered as text (<c>x &lt;- a -> y</c>).</summary>
internal static class OpenPaths
{
    public static string? Find(Admg g, ulong[] x, ulong[] y, MConnection rule)
    {
        var n = g.N;
        var core = g.Core;
        var pred = new int[3 * n];
        var via = new EdgeKind[3 * n];
        Array.Fill(pred, -2);
        var queue = new Queue<int>();
        foreach (var v in Bits.Enumerate(x))
        {
            var s = Reachability.State(v, Entry.Start);
            pred[s] = -1;
            queue.Enqueue(s);
        }
        while (queue.Count > 0)
        {
            var s = queue.Dequeue();
            var v = s / 3;
            var entered = (Entry)(s % 3);
            if (Bits.Get(y, v) && entered != Entry.Start) return Render(g, pred, via, s);
            void Try(int w, Entry atV, Entry atW, EdgeKind kind)
            {
                if (!rule.Allow(v, entered, atV, w, atW)) return;
                var t = Reachability.State(w, atW);
                if (pred[t] != -2) return;
                pred[t] = s;
                via[t] = kind;
                queue.Enqueue(t);
            }
            foreach (var p in core.Parents(v)) Try(p, Entry.Head, Entry.Tail, EdgeKind.Directed);
            foreach (var c in core.Children(v)) Try(c, Entry.Tail, Entry.Head, EdgeKind.Directed);
            foreach (var sp in core.Spouses(v)) Try(sp, Entry.Head, Entry.Head, EdgeKind.Bidirected);
        }
        return null;
    }

    private static string Render(Admg g, int[] pred, EdgeKind[] via, int end)
    {
        var states = new List<int>();
        for (var s = end; s >= 0; s = pred[s]) states.Add(s);
        states.Reverse();
        var sb = new System.Text.StringBuilder(Text.AdmgPrinter.Quote(g.Name(states[0] / 3)));
        for (var k = 1; k < states.Count; k++)
        {
            var cur = states[k] / 3;
            var entered = (Entry)(states[k] % 3);
            // Entered with a tail: we moved to a parent (prev <- cur); with a head: along prev -> cur or prev <-> cur.
            var arrow = via[states[k]] == EdgeKind.Bidirected ? "<->" : entered == Entry.Tail ? "<-" : "->";
            sb.Append(' ').Append(arrow).Append(' ').Append(Text.AdmgPrinter.Quote(g.Name(cur)));
        }
        return sb.ToString();
    }
}
