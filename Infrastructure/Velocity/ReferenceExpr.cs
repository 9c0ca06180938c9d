namespace WebSocketAspire.Infrastructure.Velocity;

/// <summary>A reference such as $a, $!{a.b}, $a.m(x)[0]; null when any step is undefined.</summary>
internal sealed class ReferenceExpr : Expr
{
    private readonly int _slot;
    private readonly Segment[] _segments;

    /// <summary>For $context.a.b chains: "a", "a.b", ... so the common case is one dictionary lookup.</summary>
    private readonly string[]? _contextKeys;

    public ReferenceExpr(int position, string name, int slot, Segment[] segments, bool quiet, string sourceText)
        : base(position)
    {
        Name = name;
        _slot = slot;
        _segments = segments;
        Quiet = quiet;
        SourceText = sourceText;
        _contextKeys = slot == SlotTable.Context ? DottedPrefixes(segments) : null;
    }

    public string Name { get; }

    public bool Quiet { get; }

    /// <summary>The reference as written, rendered when its value is undefined.</summary>
    public string SourceText { get; }

    public bool HasSegments => _segments.Length > 0;

    public override object? Evaluate(RenderContext context)
    {
        var value = context.Slots[_slot];
        var start = 0;
        if (_contextKeys is not null && value is ContextView { IsRoot: true } root)
        {
            for (var k = _contextKeys.Length - 1; k >= 0; k--)
            {
                if (root.TryGetDotted(_contextKeys[k], out var found))
                {
                    value = found;
                    start = k + 1;
                    break;
                }
            }
        }

        return Walk(value, start, _segments.Length, context);
    }

    /// <summary>#set target: a variable, or a map key / list index at the end of a chain.</summary>
    public void Assign(RenderContext context, object value)
    {
        if (_segments.Length == 0)
        {
            context.Slots[_slot] = value;
            return;
        }

        var owner = Walk(context.Slots[_slot], 0, _segments.Length - 1, context);
        if (owner is null)
        {
            return;
        }

        context.Position = Position;
        _segments[^1].Assign(owner, value, context);
    }

    private object? Walk(object? value, int start, int end, RenderContext context)
    {
        for (var i = start; i < end && value is not null; i++)
        {
            value = _segments[i].Apply(value, context);
        }

        return value;
    }

    private static string[]? DottedPrefixes(Segment[] segments)
    {
        var keys = new List<string>();
        var key = string.Empty;
        foreach (var segment in segments)
        {
            if (segment is not PropertySegment property)
            {
                break;
            }

            key = key.Length == 0 ? property.Name : key + "." + property.Name;
            keys.Add(key);
        }

        return keys.Count == 0 ? null : [.. keys];
    }
}
