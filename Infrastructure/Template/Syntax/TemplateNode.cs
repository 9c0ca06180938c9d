using System.Diagnostics.CodeAnalysis;

namespace WebSocketAspire.Infrastructure.Template.Syntax;

/// <summary>A template value that remembers where it came from, so every diagnostic can point at it.</summary>
internal abstract record TemplateNode(SourceLocation Location);

internal sealed record ScalarNode(SourceLocation Location, string Value) : TemplateNode(Location);

internal sealed record ListNode(SourceLocation Location, IReadOnlyList<TemplateNode> Items) : TemplateNode(Location);

internal sealed record MapEntry(string Key, SourceLocation KeyLocation, TemplateNode Value);

/// <summary>A mapping that keeps its keys in template order.</summary>
internal sealed record MapNode(SourceLocation Location, IReadOnlyList<MapEntry> Entries) : TemplateNode(Location)
{
    public TemplateNode? this[string key] => TryGet(key, out var value) ? value : null;

    public bool TryGet(string key, [NotNullWhen(true)] out TemplateNode? value)
    {
        foreach (var entry in Entries)
        {
            if (entry.Key == key)
            {
                value = entry.Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    public MapEntry? Entry(string key) => Entries.FirstOrDefault(e => e.Key == key);

    /// <summary>A one-key mapping whose key is <c>Ref</c> or <c>Fn::*</c> is an intrinsic function call.</summary>
    public bool IsIntrinsic(out string name, out TemplateNode argument)
    {
        if (Entries.Count == 1 && (Entries[0].Key == "Ref" || Entries[0].Key.StartsWith("Fn::", StringComparison.Ordinal)))
        {
            name = Entries[0].Key;
            argument = Entries[0].Value;
            return true;
        }

        name = string.Empty;
        argument = this;
        return false;
    }
}
