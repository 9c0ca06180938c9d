using WebSocketAspire.Infrastructure.Template.Diagnostics;
using WebSocketAspire.Infrastructure.Template.Syntax;

namespace WebSocketAspire.Infrastructure.Template.Resolution;

/// <summary>
/// Walks every section that may hold intrinsic functions (Globals, Resources, Conditions, Outputs), checks what
/// they name, and looks for dependency cycles through DependsOn and Ref/GetAtt/Sub references.
/// </summary>
internal static class ReferenceChecks
{
    public static void Run(TemplateDocument document, MapNode? globals, DiagnosticBag diagnostics)
    {
        var parameterNames = document.Parameters.Entries.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var walker = new ReferenceWalker(document, parameterNames, diagnostics);
        var fromGlobals = globals is null ? [] : walker.Walk(globals, owner: "Globals");
        var graph = new DependencyGraph();
        foreach (var resource in document.Resources.Values)
        {
            var references = walker.Walk(resource.Properties, resource.LogicalId);
            foreach (var dependency in resource.DependsOn)
            {
                walker.CheckDependsOn(dependency, resource.LogicalId);
            }

            if (resource.Condition is { } condition)
            {
                walker.CheckCondition(condition, resource.LogicalId);
            }

            // A reference written in Globals belongs to every function it is merged into.
            var inherited = resource.Type == ResourceTypes.ServerlessFunction ? fromGlobals : [];
            graph.Add(resource.LogicalId, references.Concat(resource.DependsOn.Where(d => document.Resources.ContainsKey(d.Name))).Concat(inherited));
        }

        foreach (var condition in document.Conditions.Entries)
        {
            walker.Walk(condition.Value, condition.Key, conditionContext: true);
        }

        foreach (var output in document.Outputs.Entries)
        {
            walker.Walk(output.Value, output.Key);
            if (output.Value is MapNode { } body && body["Condition"] is ScalarNode condition)
            {
                walker.CheckCondition(new NameAt(condition.Value, condition.Location), output.Key);
            }
        }

        graph.ReportCycles(diagnostics);
    }
}
