namespace WebSocketAspire.Infrastructure.Velocity;

/// <summary>#break: leaves the innermost #foreach.</summary>
internal sealed class BreakNode : Node
{
    public BreakNode(int position)
        : base(position)
    {
    }

    public override void Render(RenderContext context) => context.BreakRequested = true;
}

/// <summary>#stop: ends rendering, keeping the output so far.</summary>
internal sealed class StopNode : Node
{
    public StopNode(int position)
        : base(position)
    {
    }

    public override void Render(RenderContext context) => context.StopRequested = true;
}
