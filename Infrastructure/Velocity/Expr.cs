namespace WebSocketAspire.Infrastructure.Velocity;

/// <summary>A compiled expression inside a directive or method argument.</summary>
internal abstract class Expr
{
    protected Expr(int position)
    {
        Position = position;
    }

    public int Position { get; }

    public abstract object? Evaluate(RenderContext context);
}

/// <summary>A constant: number, single-quoted string, true, false or null.</summary>
internal sealed class LiteralExpr : Expr
{
    private readonly object? _value;

    public LiteralExpr(int position, object? value)
        : base(position)
    {
        _value = value;
    }

    public override object? Evaluate(RenderContext context) => _value;
}

/// <summary>A double-quoted string containing references or directives, rendered on each evaluation.</summary>
internal sealed class InterpolatedStringExpr : Expr
{
    private readonly Node[] _parts;

    public InterpolatedStringExpr(int position, Node[] parts)
        : base(position)
    {
        _parts = parts;
    }

    public override object? Evaluate(RenderContext context)
    {
        // Render into the shared output, then cut our part off; this avoids a builder per string.
        var output = context.Output;
        var start = output.Length;
        try
        {
            Node.RenderBlock(_parts, context);
            context.BreakRequested = false;
            return output.ToString(start, output.Length - start);
        }
        finally
        {
            output.Length = start;
        }
    }
}
