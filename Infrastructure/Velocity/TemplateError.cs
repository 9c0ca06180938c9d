namespace WebSocketAspire.Infrastructure.Velocity;

/// <summary>A render-time failure without a position; the renderer adds template name, line and column.</summary>
internal sealed class TemplateError : Exception
{
    public TemplateError()
    {
    }

    public TemplateError(string message)
        : base(message)
    {
    }

    public TemplateError(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
