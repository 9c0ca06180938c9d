using WebSocketAspire.Infrastructure.Template.Model;

namespace WebSocketAspire.Infrastructure.Template;

/// <summary>The outcome of loading a template: the stack (null when there are errors) and every diagnostic.</summary>
public sealed record TemplateLoadResult(StackModel? Stack, IReadOnlyList<TemplateDiagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}
