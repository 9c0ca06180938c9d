namespace WebSocketAspire.Infrastructure.Velocity;

/// <summary>
/// Backslashes before a reference, Velocity-style: when the reference is defined, pairs of backslashes collapse
/// and an odd one escapes it ("\$a" is the text "$a"); when it is undefined, everything renders as written.
/// </summary>
internal sealed class EscapedReferenceNode : Node
{
    private readonly int _backslashes;
    private readonly ReferenceExpr _reference;

    public EscapedReferenceNode(int position, int backslashes, ReferenceExpr reference)
        : base(position)
    {
        _backslashes = backslashes;
        _reference = reference;
    }

    public override void Render(RenderContext context)
    {
        var value = _reference.Evaluate(context);
        if (value is null)
        {
            context.Write(new string('\\', _backslashes));
            context.Write(_reference.SourceText);
            return;
        }

        context.Write(new string('\\', _backslashes / 2));
        if (_backslashes % 2 == 1)
        {
            context.Write(_reference.SourceText);
        }
        else
        {
            context.WriteValue(value);
        }
    }
}
