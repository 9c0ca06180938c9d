using WebSocketAspire.Infrastructure.Template;
using WebSocketAspire.Infrastructure.Template.Model;

namespace WebSocketAspire.Tests.Infrastructure.Template;

/// <summary>Loads inline template text and picks out the one error a test is about.</summary>
internal static class Diagnose
{
    public const string File = "Infrastructure/template.yaml";

    public static TemplateDiagnostic SingleError(string text, string containing)
    {
        var result = TemplateLoader.LoadText(text, File, new StackEnvironment());

        Assert.True(result.HasErrors);
        Assert.Null(result.Stack);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        return Assert.Single(errors, e => e.Message.Contains(containing, StringComparison.Ordinal));
    }

    /// <summary>Every error of the template (none for a template that loads).</summary>
    public static IReadOnlyList<TemplateDiagnostic> Errors(string text) =>
        [.. TemplateLoader.LoadText(text, File, new StackEnvironment()).Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)];
}
