namespace WebSocketAspire.Infrastructure.Velocity;

/// <summary>#if / #elseif / #else / #end.</summary>
internal sealed class IfNode : Node
{
    private readonly Expr[] _conditions;
    private readonly Node[][] _branches;
    private readonly Node[]? _otherwise;

    public IfNode(int position, Expr[] conditions, Node[][] branches, Node[]? otherwise)
        : base(position)
    {
        _conditions = conditions;
        _branches = branches;
        _otherwise = otherwise;
    }

    public override void Render(RenderContext context)
    {
        for (var i = 0; i < _conditions.Length; i++)
        {
            if (JavaOperators.IsTruthy(_conditions[i].Evaluate(context)))
            {
                RenderBlock(_branches[i], context);
                return;
            }
        }

        if (_otherwise is not null)
        {
            RenderBlock(_otherwise, context);
        }
    }
}
