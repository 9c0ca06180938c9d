using WebSocketAspire.Infrastructure.Template;

namespace WebSocketAspire.Infrastructure.Hosting.Local;

/// <summary>The template has errors, so nothing was started; the message lists every diagnostic.</summary>
internal sealed class TemplateErrorsException(IReadOnlyList<TemplateDiagnostic> diagnostics)
    : Exception("The template has errors:" + Environment.NewLine + string.Join(Environment.NewLine, diagnostics.Select(d => "  " + d)))
{
    public IReadOnlyList<TemplateDiagnostic> Diagnostics { get; } = diagnostics;
}
