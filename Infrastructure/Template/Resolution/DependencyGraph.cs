using WebSocketAspire.Infrastructure.Template.Diagnostics;

namespace WebSocketAspire.Infrastructure.Template.Resolution;

/// <summary>Resources and what each depends on (DependsOn plus Ref, GetAtt and Sub references); finds cycles.</summary>
internal sealed class DependencyGraph
{
    private readonly Dictionary<string, List<NameAt>> _edges = new(StringComparer.Ordinal);

    public void Add(string from, IEnumerable<NameAt> to)
    {
        if (!_edges.TryGetValue(from, out var list))
        {
            _edges[from] = list = [];
        }

        list.AddRange(to);
    }

    /// <summary>Reports each cycle once, at the reference that closes it, naming the whole loop.</summary>
    public void ReportCycles(DiagnosticBag diagnostics)
    {
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: on the path, true: done
        var path = new List<string>();
        foreach (var start in _edges.Keys)
        {
            Visit(start);
        }

        void Visit(string node)
        {
            if (state.ContainsKey(node))
            {
                return;
            }

            state[node] = false;
            path.Add(node);
            foreach (var edge in _edges.GetValueOrDefault(node) ?? [])
            {
                if (state.TryGetValue(edge.Name, out var done) && !done)
                {
                    var loop = path.Skip(path.IndexOf(edge.Name)).Append(edge.Name);
                    diagnostics.Error(edge.Location, node, $"Circular dependency: {string.Join(" -> ", loop)}.");
                }
                else
                {
                    Visit(edge.Name);
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = true;
        }
    }
}
