using WebSocketAspire.Infrastructure.Template;
using WebSocketAspire.Infrastructure.Template.Model;

namespace WebSocketAspire.AppHost.CommandLine;

/// <summary>The AppHost's <c>validate</c> verb: every error and warning of a template, exit 1 on any error.</summary>
internal static class Verbs
{
    public static int Validate(AppHostOptions options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var result = TemplateLoader.Load(options.TemplatePath, new StackEnvironment
        {
            Region = options.Region,
            GatewayAuthority = $"{options.Host}:{options.GatewayPort}",
            ParameterOverrides = options.Parameters,
        });
        foreach (var diagnostic in result.Diagnostics)
        {
            output.WriteLine(diagnostic);
        }
        var errors = result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        var warnings = result.Diagnostics.Count - errors;
        output.WriteLine(errors == 0
            ? $"{options.TemplatePath}: valid ({warnings} warning(s))"
            : $"{options.TemplatePath}: {errors} error(s), {warnings} warning(s)");
        return errors == 0 ? 0 : 1;
    }
}
