namespace WebSocketAspire.Infrastructure.Velocity;

/// <summary>Bounds that keep hostile templates and payloads from exhausting memory, stack or time.</summary>
internal static class Limits
{
    /// <summary>The API Gateway WebSocket quota for one mapping template.</summary>
    public const int MaxTemplateLength = 300 * 1024;

    public const int MaxOutputLength = 10 * 1024 * 1024;

    /// <summary>The API Gateway quota: one #foreach runs at most 1000 times.</summary>
    public const int MaxLoopIterations = 1000;

    /// <summary>Loop iterations summed over one render, so nested loops cannot multiply into a hang.</summary>
    public const int MaxTotalIterations = 100_000;

    public const int MaxNesting = 100;

    public const int MaxRangeLength = 100_000;

    public static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan RenderTimeout = TimeSpan.FromSeconds(5);

    public static void CheckLength(long length)
    {
        if (length > MaxOutputLength)
        {
            throw new TemplateError($"string longer than {MaxOutputLength} characters");
        }
    }
}
