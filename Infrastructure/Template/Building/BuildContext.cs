using WebSocketAspire.Infrastructure.Template.Diagnostics;
using WebSocketAspire.Infrastructure.Template.Model;
using WebSocketAspire.Infrastructure.Template.Resolution;
using WebSocketAspire.Infrastructure.Template.Syntax;

namespace WebSocketAspire.Infrastructure.Template.Building;

/// <summary>What every builder needs: the document, the resolver, the diagnostics, and each resource's resolved properties.</summary>
internal sealed class BuildContext(TemplateDocument document, IntrinsicResolver resolver, StackEnvironment environment, DiagnosticBag diagnostics)
{
    private readonly Dictionary<string, PropertyReader> _resolved = new(StringComparer.Ordinal);

    public TemplateDocument Document => document;

    public StackEnvironment Environment => environment;

    public DiagnosticBag Diagnostics => diagnostics;

    public LocalPhysicalValues Physical => resolver.Physical;

    public IntrinsicResolver Resolver => resolver;

    /// <summary>Resources of a type whose Condition (if any) holds, in template order.</summary>
    public IEnumerable<ResourceDeclaration> Included(string type) => Included(t => t == type);

    public IEnumerable<ResourceDeclaration> Included(Func<string, bool> type) =>
        document.Resources.Values.Where(r => type(r.Type) && (r.Condition is null || resolver.IsConditionTrue(r.Condition.Name, r.LogicalId)));

    public PropertyReader Properties(ResourceDeclaration resource)
    {
        if (!_resolved.TryGetValue(resource.LogicalId, out var reader))
        {
            var resolved = resolver.Resolve(resource.Properties, resource.LogicalId) as MapNode ?? new MapNode(resource.Location, []);
            _resolved[resource.LogicalId] = reader = new PropertyReader(resolved, resource.LogicalId, diagnostics);
        }

        return reader;
    }
}
