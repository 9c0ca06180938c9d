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

    /// <summary>
    /// The logical ids of the template's WebSocket API and functions as declared, even when the
    /// template has other errors (empty when it cannot be read or parsed): enough to name the
    /// resources of a stack before it is valid.
    /// </summary>
    internal static (string? Api, IReadOnlyList<string> Functions) Outline(string path)
    {
        var diagnostics = new DiagnosticBag();
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, []);
        }
        if (YamlTreeReader.Read(text, path, diagnostics) is not { } root || TemplateDocument.Read(root, diagnostics) is not { } document)
        {
            return (null, []);
        }
        return (document.OfType(ResourceTypes.Api).FirstOrDefault()?.LogicalId,
            [.. document.Resources.Values.Where(r => ResourceTypes.IsFunction(r.Type)).Select(r => r.LogicalId)]);
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

        if (diagnostics.HasErrors)
        {
            ReportIndependentErrors(document, parameters, globals, environment, displayPath, diagnostics);
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

    /// <summary>
    /// After errors in the early stages the later ones (resolution, the per-type checks) still run, so
    /// one load reports every problem; but only what they find in resources that had no error of their
    /// own is kept, since resolving on top of a broken reference would only repeat it less clearly.
    /// Problems outside resources and outputs (parameters, Globals, cycles) affect everything, so then nothing more is said.
    /// </summary>
    private static void ReportIndependentErrors(TemplateDocument document, Dictionary<string, ParameterValue> parameters, MapNode? globals, StackEnvironment environment, string displayPath, DiagnosticBag diagnostics)
    {
        var early = diagnostics.Items.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        // An output's error concerns that output alone: the resources still build.
        if (early.Any(d => d.LogicalId is null
            || !(document.Resources.ContainsKey(d.LogicalId) || document.Outputs[d.LogicalId] is not null)
            || d.Message.Contains("cycle", StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }
        var broken = early.Select(d => d.LogicalId!).ToHashSet(StringComparer.Ordinal);
        var later = new DiagnosticBag();
        try
        {
            if (globals is not null)
            {
                document.ApplyFunctionGlobals(globals);
            }
            var resolver = new IntrinsicResolver(document, parameters, environment, later);
            StackBuilder.Build(new BuildContext(document, resolver, environment, later), Path.GetFullPath(displayPath));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or KeyNotFoundException or NullReferenceException)
        {
            // The broken parts can trip the later stages; the early errors already say what to fix.
        }
        foreach (var diagnostic in later.Items)
        {
            if (diagnostic.Severity == DiagnosticSeverity.Error && diagnostic.LogicalId is { } id && !broken.Contains(id))
            {
                diagnostics.Add(diagnostic);
            }
        }
    }
}
