using WebSocketAspire.Infrastructure.Template.Syntax;

namespace WebSocketAspire.Infrastructure.Template.Diagnostics;

/// <summary>Collects diagnostics for one load; the same problem reached twice (e.g. through Globals) is reported once.</summary>
internal sealed class DiagnosticBag
{
    private readonly List<TemplateDiagnostic> _items = [];
    private readonly HashSet<TemplateDiagnostic> _seen = [];

    public IReadOnlyList<TemplateDiagnostic> Items => _items;

    public bool HasErrors => _items.Any(d => d.Severity == DiagnosticSeverity.Error);

    public void Error(SourceLocation at, string? logicalId, string message) =>
        Add(new TemplateDiagnostic(DiagnosticSeverity.Error, at.File, at.Line, at.Column, logicalId, message));

    public void Warning(SourceLocation at, string? logicalId, string message) =>
        Add(new TemplateDiagnostic(DiagnosticSeverity.Warning, at.File, at.Line, at.Column, logicalId, message));

    public void Add(TemplateDiagnostic diagnostic)
    {
        if (_seen.Add(diagnostic))
        {
            _items.Add(diagnostic);
        }
    }
}
