using WebSocketAspire.Infrastructure.Template.Diagnostics;
using WebSocketAspire.Infrastructure.Template.Syntax;

namespace WebSocketAspire.Infrastructure.Template.Resolution;

/// <summary>The top-level sections of a template, with the Resources section read into declarations.</summary>
internal sealed class TemplateDocument
{
    private static readonly string[] KnownSections =
    [
        "AWSTemplateFormatVersion", "Description", "Metadata", "Transform", "Parameters", "Mappings",
        "Conditions", "Rules", "Globals", "Resources", "Outputs",
    ];

    private static readonly string[] ResourceAttributes =
    [
        "Type", "Properties", "DependsOn", "Condition", "Metadata", "DeletionPolicy", "UpdateReplacePolicy",
        "UpdatePolicy", "CreationPolicy",
    ];

    private TemplateDocument(MapNode root)
    {
        Root = root;
        var empty = new MapNode(root.Location, []);
        Parameters = root["Parameters"] as MapNode ?? empty;
        Mappings = root["Mappings"] as MapNode ?? empty;
        Conditions = root["Conditions"] as MapNode ?? empty;
        Outputs = root["Outputs"] as MapNode ?? empty;
        Globals = root["Globals"] as MapNode;
    }

    public MapNode Root { get; }

    public MapNode Parameters { get; }

    public MapNode Mappings { get; }

    public MapNode Conditions { get; }

    public MapNode Outputs { get; }

    public MapNode? Globals { get; }

    public bool UsesSam { get; private set; }

    /// <summary>Resources by logical id, in template order.</summary>
    public IReadOnlyDictionary<string, ResourceDeclaration> Resources { get; private set; } = new OrderedDictionary<string, ResourceDeclaration>();

    public IEnumerable<ResourceDeclaration> OfType(string type) => Resources.Values.Where(r => r.Type == type);

    /// <summary>Replaces each AWS::Serverless::Function's properties with the Globals-merged ones.</summary>
    public void ApplyFunctionGlobals(MapNode globals)
    {
        Resources = Ordered.ByKey(
            Resources.Values.Select(r => r.Type == ResourceTypes.ServerlessFunction ? r with { Properties = GlobalsMerger.Merge(globals, r.Properties) } : r),
            r => r.LogicalId);
    }

    public static TemplateDocument? Read(MapNode root, DiagnosticBag diagnostics)
    {
        var document = new TemplateDocument(root);
        foreach (var entry in root.Entries.Where(e => !KnownSections.Contains(e.Key)))
        {
            diagnostics.Error(entry.KeyLocation, null, $"Unknown template section '{entry.Key}'{Suggestions.DidYouMean(entry.Key, KnownSections)}");
        }

        document.UsesSam = ReadTransform(root, diagnostics);
        if (document.Globals is not null && !document.UsesSam)
        {
            diagnostics.Error(document.Globals.Location, null, $"Globals needs 'Transform: {ResourceTypes.SamTransform}'.");
        }

        if (root["Resources"] is not MapNode resources || resources.Entries.Count == 0)
        {
            diagnostics.Error(root["Resources"]?.Location ?? root.Location, null, "The template has no Resources section (or it is empty).");
            return null;
        }

        var declarations = new OrderedDictionary<string, ResourceDeclaration>(StringComparer.Ordinal);
        foreach (var entry in resources.Entries)
        {
            if (ReadResource(entry, diagnostics) is { } declaration)
            {
                if (declaration.Type.StartsWith("AWS::Serverless::", StringComparison.Ordinal) && !document.UsesSam)
                {
                    diagnostics.Error(declaration.Location, declaration.LogicalId, $"{declaration.Type} needs 'Transform: {ResourceTypes.SamTransform}'.");
                }

                declarations[entry.Key] = declaration;
            }
        }

        document.Resources = declarations;
        return document;
    }

    private static bool ReadTransform(MapNode root, DiagnosticBag diagnostics)
    {
        var transform = root["Transform"];
        var names = transform switch
        {
            ScalarNode scalar => [scalar],
            ListNode list => list.Items.OfType<ScalarNode>().ToList(),
            _ => new List<ScalarNode>(),
        };
        foreach (var name in names.Where(n => n.Value != ResourceTypes.SamTransform))
        {
            diagnostics.Error(name.Location, null, $"Transform '{name.Value}' is not supported locally; only {ResourceTypes.SamTransform} is.");
        }

        return names.Any(n => n.Value == ResourceTypes.SamTransform);
    }

    private static ResourceDeclaration? ReadResource(MapEntry entry, DiagnosticBag diagnostics)
    {
        var id = entry.Key;
        if (id.Length == 0 || !id.All(char.IsAsciiLetterOrDigit))
        {
            diagnostics.Error(entry.KeyLocation, id, $"Logical id '{id}' must contain only letters and digits (A-Z, a-z, 0-9).");
        }

        if (entry.Value is not MapNode body)
        {
            diagnostics.Error(entry.Value.Location, id, "A resource must be a mapping with a Type.");
            return null;
        }

        if (body["Type"] is not ScalarNode { Value.Length: > 0 } type)
        {
            diagnostics.Error(entry.KeyLocation, id, "The resource has no Type.");
            return null;
        }

        foreach (var attribute in body.Entries.Where(e => !ResourceAttributes.Contains(e.Key)))
        {
            diagnostics.Error(attribute.KeyLocation, id, $"Unknown resource attribute '{attribute.Key}'{Suggestions.DidYouMean(attribute.Key, ResourceAttributes)}");
        }

        var properties = body["Properties"] switch
        {
            MapNode map => map,
            null or ScalarNode { Value.Length: 0 } => new MapNode(entry.KeyLocation, []),
            var other => Invalid(other),
        };

        var dependsOn = body["DependsOn"] switch
        {
            ScalarNode one => [new NameAt(one.Value, one.Location)],
            ListNode many => many.Items.OfType<ScalarNode>().Select(s => new NameAt(s.Value, s.Location)).ToList(),
            _ => new List<NameAt>(),
        };

        var condition = body["Condition"] is ScalarNode c ? new NameAt(c.Value, c.Location) : null;
        return new ResourceDeclaration(id, type.Value, entry.KeyLocation, properties, dependsOn, condition);

        MapNode Invalid(TemplateNode node)
        {
            diagnostics.Error(node.Location, id, "Properties must be a mapping.");
            return new MapNode(node.Location, []);
        }
    }
}
