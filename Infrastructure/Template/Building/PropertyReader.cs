using System.Globalization;
using WebSocketAspire.Infrastructure.Template.Diagnostics;
using WebSocketAspire.Infrastructure.Template.Syntax;

namespace WebSocketAspire.Infrastructure.Template.Building;

/// <summary>Typed access to a resolved property mapping; wrong shapes become diagnostics that name the property.</summary>
internal sealed class PropertyReader(MapNode properties, string logicalId, DiagnosticBag diagnostics)
{
    public MapNode Properties => properties;

    public string LogicalId => logicalId;

    public DiagnosticBag Diagnostics => diagnostics;

    public SourceLocation At(string key) => properties.Entry(key)?.KeyLocation ?? properties.Location;

    public bool Has(string key) => properties[key] is not null;

    public string? String(string key)
    {
        switch (properties[key])
        {
            case null:
                return null;
            case ScalarNode scalar:
                return scalar.Value;
            case var other:
                diagnostics.Error(other.Location, logicalId, $"{key} must be a string.");
                return null;
        }
    }

    public string? RequiredString(string key)
    {
        if (String(key) is { } value)
        {
            if (value.Length == 0)
            {
                diagnostics.Error(properties[key]!.Location, logicalId, $"{key} must not be empty.");
                return null;
            }

            return value;
        }

        if (!Has(key))
        {
            diagnostics.Error(properties.Location, logicalId, $"The required property {key} is missing.");
        }

        return null;
    }

    public int? Int(string key) => Number<int>(key, s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null, "a whole number");

    /// <summary>A whole number that must lie in [<paramref name="min"/>, <paramref name="max"/>], as CloudFormation checks it; out of range is an error naming the range.</summary>
    public int? Int(string key, int min, int max)
    {
        var value = Int(key);
        if (value is { } n && (n < min || n > max))
        {
            diagnostics.Error(At(key), logicalId, $"{key} {n} must be between {min} and {max}.");
        }
        return value;
    }

    public double? Double(string key) => Number<double>(key, s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null, "a number");

    public bool? Bool(string key) => Number<bool>(key, s => bool.TryParse(s, out var b) ? b : null, "true or false");

    public IReadOnlyList<string> StringList(string key)
    {
        switch (properties[key])
        {
            case null:
                return [];
            case ScalarNode scalar:
                return [scalar.Value];
            case ListNode list when list.Items.All(i => i is ScalarNode):
                return list.Items.Cast<ScalarNode>().Select(s => s.Value).ToList();
            case var other:
                diagnostics.Error(other.Location, logicalId, $"{key} must be a list of strings.");
                return [];
        }
    }

    public IReadOnlyDictionary<string, string> StringMap(string key) => StringMap(properties[key], key);

    public IReadOnlyDictionary<string, string> StringMap(TemplateNode? node, string key)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is null)
        {
            return map;
        }

        if (node is not MapNode entries)
        {
            diagnostics.Error(node.Location, logicalId, $"{key} must be a mapping of strings.");
            return map;
        }

        foreach (var entry in entries.Entries)
        {
            if (entry.Value is ScalarNode scalar)
            {
                map[entry.Key] = scalar.Value;
            }
            else
            {
                diagnostics.Error(entry.Value.Location, logicalId, $"{key}.{entry.Key} must be a string.");
            }
        }

        return map;
    }

    public MapNode? Map(string key)
    {
        switch (properties[key])
        {
            case null:
                return null;
            case MapNode map:
                return map;
            case var other:
                diagnostics.Error(other.Location, logicalId, $"{key} must be a mapping.");
                return null;
        }
    }

    public PropertyReader? Nested(string key) => Map(key) is { } map ? new PropertyReader(map, logicalId, diagnostics) : null;

    private T? Number<T>(string key, Func<string, T?> parse, string expected)
        where T : struct
    {
        switch (properties[key])
        {
            case null:
                return null;
            case ScalarNode scalar when parse(scalar.Value) is { } value:
                return value;
            case ScalarNode scalar:
                diagnostics.Error(scalar.Location, logicalId, $"{key} must be {expected}, not '{scalar.Value}'.");
                return null;
            case var other:
                diagnostics.Error(other.Location, logicalId, $"{key} must be {expected}.");
                return null;
        }
    }
}
