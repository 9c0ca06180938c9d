namespace WebSocketAspire.Infrastructure.Velocity;

/// <summary>A template failed to parse or render; the message names the template, line and column.</summary>
public sealed class VelocityException : Exception
{
    public VelocityException()
        : this("velocity error")
    {
    }

    public VelocityException(string message)
        : base(message)
    {
        TemplateName = string.Empty;
    }

    public VelocityException(string message, Exception innerException)
        : base(message, innerException)
    {
        TemplateName = string.Empty;
    }

    internal VelocityException(string templateName, int line, int column, string what, Exception? innerException = null)
        : base($"{templateName}:{line}:{column}: {what}", innerException)
    {
        TemplateName = templateName;
        Line = line;
        Column = column;
    }

    public string TemplateName { get; }

    public int Line { get; }

    public int Column { get; }
}
