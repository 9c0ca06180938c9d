namespace WebSocketAspire.Infrastructure.Velocity;

/// <summary>A $reference in template text: its value, or its own source text when undefined (nothing when quiet).</summary>
internal sealed class ReferenceNode : Node
{
    private readonly ReferenceExpr _reference;

    public ReferenceNode(ReferenceExpr reference)
        : base(reference.Position)
    {
        _reference = reference;
    }

    public override void Render(RenderContext context)
    {
        var value = _reference.Evaluate(context);
        if (value is not null)
        {
            context.WriteValue(value);
        }
        else if (!_reference.Quiet)
        {
            context.Write(_reference.SourceText);
        }
    }
}
