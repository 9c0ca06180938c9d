namespace WebSocketAspire.Infrastructure.Template;

/// <summary>An error stops the stack from loading; a warning names something that will not behave as on AWS.</summary>
public enum DiagnosticSeverity
{
    Error,
    Warning,
}

/// <summary>One problem found in a template, located by file, line, column and logical resource.</summary>
public sealed record TemplateDiagnostic(DiagnosticSeverity Severity, string File, int Line, int Column, string? LogicalId, string Message)
{
    public override string ToString()
    {
        var severity = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        var resource = LogicalId is null ? string.Empty : $"[{LogicalId}] ";
        return $"{File}:{Line}:{Column}: {severity}: {resource}{Message}";
    }
}
