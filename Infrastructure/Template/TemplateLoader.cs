using WebSocketAspire.Infrastructure.Template.Building;
using WebSocketAspire.Infrastructure.Template.Diagnostics;
using WebSocketAspire.Infrastructure.Template.Model;
using WebSocketAspire.Infrastructure.Template.Resolution;
using WebSocketAspire.Infrastructure.Template.Syntax;

namespace WebSocketAspire.Infrastructure.Template;

/// <summary>Reads a CloudFormation/SAM template, resolves it against the local environment and validates it.</summary>
public static class TemplateLoader
{
    /// <summary>Reads, parses, resolves and validates. Never throws for template problems: they become diagnostics.</summary>
    public static TemplateLoadResult Load(string path, StackEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var diagnostic = new TemplateDiagnostic(DiagnosticSeverity.Error, path, 1, 1, null, $"Cannot read the template: {ex.Message}");
            return new TemplateLoadResult(null, [diagnostic]);
        }

        return LoadText(text, path, environment);
    }

    /// <summary>Like <see cref="Load"/>, for text already in memory; <paramref name="displayPath"/> names it in diagnostics and anchors CodeUri.</summary>
    public static TemplateLoadResult LoadText(string text, string displayPath, StackEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(displayPath);
        ArgumentNullException.ThrowIfNull(environment);

        var diagnostics = new DiagnosticBag();
        var stack = Build(text, displayPath, environment, diagnostics);
        // Template order reads best in an editor or a terminal; OrderBy is stable for diagnostics on one spot.
        var ordered = diagnostics.Items.OrderBy(d => d.Line).ThenBy(d => d.Column).ToList();
        return new TemplateLoadResult(diagnostics.HasErrors ? null : stack, ordered);
    }

    private static StackModel? Build(string text, string displayPath, StackEnvironment environment, DiagnosticBag diagnostics)
    {
        if (YamlTreeReader.Read(text, displayPath, diagnostics) is not { } root
            || TemplateDocument.Read(root, diagnostics) is not { } document)
        {
            return null;
        }

        PropertyNames.Check(document, diagnostics);
        var parameters = ParameterBinder.Bind(document.Parameters, environment.ParameterOverrides, diagnostics);
        var globals = GlobalsMerger.FunctionGlobals(document, diagnostics);
        ReferenceChecks.Run(document, globals, diagnostics);

        // Resolving on top of broken references or cycles would only repeat the same problems less clearly.
        if (diagnostics.HasErrors)
        {
            return null;
        }

        if (globals is not null)
        {
            document.ApplyFunctionGlobals(globals);
        }

        var resolver = new IntrinsicResolver(document, parameters, environment, diagnostics);
        var context = new BuildContext(document, resolver, environment, diagnostics);
        return StackBuilder.Build(context, Path.GetFullPath(displayPath));
    }
}
