namespace WebSocketAspire.Infrastructure.Velocity;

/// <summary>Literal template text.</summary>
internal sealed class TextNode : Node
{
    public TextNode(int position, string text)
        : base(position)
    {
        Text = text;
    }

    public string Text { get; }

    public override void Render(RenderContext context) => context.Write(Text);
}
