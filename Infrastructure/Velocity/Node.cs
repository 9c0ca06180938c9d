namespace WebSocketAspire.Infrastructure.Velocity;

/// <summary>A compiled piece of template body that writes to the render output.</summary>
internal abstract class Node
{
    protected Node(int position)
    {
        Position = position;
    }

    public int Position { get; }

    public abstract void Render(RenderContext context);

    public static void RenderBlock(Node[] nodes, RenderContext context)
    {
        for (var i = 0; i < nodes.Length; i++)
        {
            nodes[i].Render(context);
            if (context.Halted)
            {
                return;
            }
        }
    }
}
