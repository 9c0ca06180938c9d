namespace WebSocketAspire.Infrastructure.Velocity;

/// <summary>The $foreach object of Velocity 1.7: index, count, hasNext, first, last.</summary>
internal sealed class ForeachState
{
    public ForeachState(ForeachState? parent, int total)
    {
        Parent = parent;
        Total = total;
    }

    public ForeachState? Parent { get; }

    public int Total { get; }

    public int Index { get; set; }

    public int Count => Index + 1;

    public bool HasNext => Index + 1 < Total;

    public bool First => Index == 0;

    public bool Last => Index + 1 >= Total;
}
