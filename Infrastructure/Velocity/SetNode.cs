namespace WebSocketAspire.Infrastructure.Velocity;

/// <summary>#set($x = value) and #set($map.key = value); a null value leaves the target unchanged.</summary>
internal sealed class SetNode : Node
{
    private readonly ReferenceExpr _target;
    private readonly Expr _value;

    public SetNode(int position, ReferenceExpr target, Expr value)
        : base(position)
    {
        _target = target;
        _value = value;
    }

    public override void Render(RenderContext context)
    {
        var value = _value.Evaluate(context);
        if (value is null)
        {
            return;
        }

        context.Position = Position;
        _target.Assign(context, value);
    }
}
