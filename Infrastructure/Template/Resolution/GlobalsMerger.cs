using WebSocketAspire.Infrastructure.Template.Diagnostics;
using WebSocketAspire.Infrastructure.Template.Syntax;

namespace WebSocketAspire.Infrastructure.Template.Resolution;

/// <summary>
/// Applies SAM's Globals.Function section to each AWS::Serverless::Function the way SAM does: mappings merge
/// key by key (so Environment.Variables combine), lists append after the global items, anything else the
/// resource states wins.
/// </summary>
internal static class GlobalsMerger
{
    /// <summary>
    /// Lists a function states that replace the global list instead of extending it. SAM concatenates every list
    /// today, which for Architectures yields two values that Lambda rejects; SAM is moving to replace here
    /// (aws/serverless-application-model#3945), and a function only ever runs on one architecture.
    /// </summary>
    private static readonly string[] ReplacedLists = ["Architectures"];

    public static MapNode? FunctionGlobals(TemplateDocument document, DiagnosticBag diagnostics)
    {
        if (document.Globals is null)
        {
            return null;
        }

        foreach (var section in document.Globals.Entries.Where(e => e.Key != "Function"))
        {
            diagnostics.Warning(section.KeyLocation, null, $"Globals.{section.Key} is not emulated locally and is ignored.");
        }

        return document.Globals["Function"] as MapNode;
    }

    public static MapNode Merge(MapNode globals, MapNode resource)
    {
        var entries = new List<MapEntry>();
        foreach (var global in globals.Entries)
        {
            var own = resource.Entry(global.Key);
            var replaces = ReplacedLists.Contains(global.Key);
            entries.Add(own is null ? global : own with { Value = replaces ? own.Value : MergeValue(global.Value, own.Value) });
        }

        entries.AddRange(resource.Entries.Where(e => globals[e.Key] is null));
        return resource with { Entries = entries };
    }

    private static TemplateNode MergeValue(TemplateNode global, TemplateNode own) => (global, own) switch
    {
        (MapNode g, MapNode o) when !g.IsIntrinsic(out _, out _) && !o.IsIntrinsic(out _, out _) => Merge(g, o),
        (ListNode g, ListNode o) => o with { Items = [.. g.Items, .. o.Items] },
        _ => own,
    };
}
