using System.Globalization;
using System.Text;
using WebSocketAspire.Infrastructure.Template.Diagnostics;
using WebSocketAspire.Infrastructure.Template.Model;
using WebSocketAspire.Infrastructure.Template.Syntax;

namespace WebSocketAspire.Infrastructure.Template.Resolution;

/// <summary>
/// Evaluates intrinsic functions against the local stack: parameters, pseudo parameters, mappings, conditions
/// and the local physical values of resources. A resolved tree has no intrinsics left; AWS::NoValue is null.
/// References were checked by <see cref="ReferenceWalker"/>, so this only reports shape and lookup errors.
/// </summary>
internal sealed class IntrinsicResolver
{
    private readonly TemplateDocument _document;
    private readonly IReadOnlyDictionary<string, ParameterValue> _parameters;
    private readonly StackEnvironment _environment;
    private readonly DiagnosticBag _diagnostics;
    private readonly Dictionary<string, bool> _conditions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _evaluatingConditions = new(StringComparer.Ordinal);

    public IntrinsicResolver(TemplateDocument document, IReadOnlyDictionary<string, ParameterValue> parameters, StackEnvironment environment, DiagnosticBag diagnostics)
    {
        _document = document;
        _parameters = parameters;
        _environment = environment;
        _diagnostics = diagnostics;
        Physical = new LocalPhysicalValues(document, environment, this);
    }

    public LocalPhysicalValues Physical { get; }

    public TemplateNode? Resolve(TemplateNode node, string? owner) => node switch
    {
        ListNode list => list with { Items = list.Items.Select(i => Resolve(i, owner)).OfType<TemplateNode>().ToList() },
        MapNode map when map.IsIntrinsic(out var name, out var argument) => Call(map.Location, name, argument, owner),
        MapNode map => map with { Entries = ResolveEntries(map, owner) },
        _ => node,
    };

    /// <summary>Resolves a value that must be a string; reports (and returns null for) anything else.</summary>
    public string? ResolveString(TemplateNode node, string? owner, string what)
    {
        switch (Resolve(node, owner))
        {
            case ScalarNode scalar:
                return scalar.Value;
            case null:
                return null;
            default:
                _diagnostics.Error(node.Location, owner, $"{what} must be a string.");
                return null;
        }
    }

    public bool IsConditionTrue(string name, string? owner)
    {
        if (_conditions.TryGetValue(name, out var known))
        {
            return known;
        }

        if (_document.Conditions[name] is not { } definition)
        {
            return false; // Reported by the reference walker.
        }

        if (!_evaluatingConditions.Add(name))
        {
            _diagnostics.Error(definition.Location, owner, $"Condition '{name}' depends on itself.");
            return false;
        }

        var value = Evaluate(definition, name);
        _evaluatingConditions.Remove(name);
        _conditions[name] = value;
        return value;
    }

    private List<MapEntry> ResolveEntries(MapNode map, string? owner)
    {
        var entries = new List<MapEntry>(map.Entries.Count);
        foreach (var entry in map.Entries)
        {
            if (Resolve(entry.Value, owner) is { } value)
            {
                entries.Add(entry with { Value = value });
            }
        }

        return entries;
    }

    private TemplateNode? Call(SourceLocation at, string name, TemplateNode argument, string? owner)
    {
        switch (name, argument)
        {
            case ("Ref", ScalarNode target):
                return Ref(target.Value, at);
            case ("Fn::GetAtt", _):
                return GetAtt(argument, at, owner);
            case ("Fn::Sub", _):
                return Sub(argument, at, owner);
            case ("Fn::Join", ListNode { Items: [var delimiter, var values] }):
                return Join(delimiter, values, at, owner);
            case ("Fn::Select", ListNode { Items: [var index, var values] }):
                return Select(index, values, at, owner);
            case ("Fn::Split", ListNode { Items: [var delimiter, var source] }):
                var separator = ResolveString(delimiter, owner, "The Fn::Split delimiter") ?? ",";
                var text = ResolveString(source, owner, "The Fn::Split source") ?? string.Empty;
                return new ListNode(at, text.Split(separator).Select(s => new ScalarNode(at, s)).ToList());
            case ("Fn::If", ListNode { Items: [ScalarNode condition, var whenTrue, var whenFalse] }):
                return Resolve(IsConditionTrue(condition.Value, owner) ? whenTrue : whenFalse, owner);
            case ("Fn::Equals" or "Fn::And" or "Fn::Or" or "Fn::Not", _):
                return new ScalarNode(at, Evaluate(new MapNode(at, [new MapEntry(name, at, argument)]), owner) ? "true" : "false");
            case ("Fn::FindInMap", ListNode list):
                return FindInMap(list, at, owner);
            case ("Fn::Base64", _):
                var plain = ResolveString(argument, owner, "The Fn::Base64 argument") ?? string.Empty;
                return new ScalarNode(at, Convert.ToBase64String(Encoding.UTF8.GetBytes(plain)));
            case ("Fn::Join" or "Fn::Select" or "Fn::Split", _):
                _diagnostics.Error(at, owner, $"{name} takes a list of two arguments.");
                return new ScalarNode(at, string.Empty);
            default:
                // Unknown or unavailable functions were reported by the reference walker.
                return new ScalarNode(at, string.Empty);
        }
    }

    private TemplateNode? Ref(string target, SourceLocation at)
    {
        if (target == PseudoParameters.NoValue)
        {
            return null;
        }

        if (PseudoParameters.ValueOf(target, _environment) is { } pseudo)
        {
            return new ScalarNode(at, pseudo);
        }

        if (_parameters.TryGetValue(target, out var parameter))
        {
            return parameter.List is { } items
                ? new ListNode(at, items.Select(i => new ScalarNode(at, i)).ToList())
                : new ScalarNode(at, parameter.Text);
        }

        return new ScalarNode(at, _document.Resources.ContainsKey(target) ? Physical.Ref(target) : string.Empty);
    }

    private ScalarNode GetAtt(TemplateNode argument, SourceLocation at, string? owner)
    {
        var (resource, attribute) = argument switch
        {
            ListNode { Items: [ScalarNode r, var a] } => (r.Value, ResolveString(a, owner, "The Fn::GetAtt attribute") ?? string.Empty),
            ScalarNode dotted => SubTemplate.SplitVariable(dotted.Value) is var (r, a) ? (r, a ?? string.Empty) : default,
            _ => (string.Empty, string.Empty),
        };
        return new ScalarNode(at, Physical.GetAtt(resource, attribute));
    }

    private ScalarNode Sub(TemplateNode argument, SourceLocation at, string? owner)
    {
        var (text, variables) = argument switch
        {
            ScalarNode s => (s.Value, null),
            ListNode { Items: [ScalarNode s, MapNode map] } => (s.Value, map),
            _ => (string.Empty, (MapNode?)null),
        };

        var result = new StringBuilder();
        foreach (var part in SubTemplate.Parse(text))
        {
            if (!part.IsVariable)
            {
                result.Append(part.Text);
            }
            else if (variables?[part.Text] is { } local)
            {
                result.Append(ResolveString(local, owner, $"Fn::Sub variable '{part.Text}'"));
            }
            else if (SubTemplate.SplitVariable(part.Text) is (var resource, { } attribute) && !resource.StartsWith("AWS::", StringComparison.Ordinal))
            {
                result.Append(Physical.GetAtt(resource, attribute));
            }
            else
            {
                switch (Ref(part.Text, at))
                {
                    case ScalarNode scalar:
                        result.Append(scalar.Value);
                        break;
                    case ListNode:
                        _diagnostics.Error(at, owner, $"Fn::Sub variable '${{{part.Text}}}' is a list parameter; use Fn::Join to make it a string.");
                        break;
                }
            }
        }

        return new ScalarNode(at, result.ToString());
    }

    private ScalarNode Join(TemplateNode delimiter, TemplateNode values, SourceLocation at, string? owner)
    {
        var separator = ResolveString(delimiter, owner, "The Fn::Join delimiter") ?? string.Empty;
        if (Resolve(values, owner) is not ListNode list)
        {
            _diagnostics.Error(values.Location, owner, "Fn::Join takes [delimiter, [values]].");
            return new ScalarNode(at, string.Empty);
        }

        var parts = new List<string>();
        foreach (var item in list.Items)
        {
            if (item is ScalarNode scalar)
            {
                parts.Add(scalar.Value);
            }
            else
            {
                _diagnostics.Error(item.Location, owner, "Fn::Join can only join strings.");
            }
        }

        return new ScalarNode(at, string.Join(separator, parts));
    }

    private TemplateNode Select(TemplateNode index, TemplateNode values, SourceLocation at, string? owner)
    {
        var text = ResolveString(index, owner, "The Fn::Select index");
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var position))
        {
            _diagnostics.Error(index.Location, owner, $"Fn::Select index '{text}' is not a whole number.");
            return new ScalarNode(at, string.Empty);
        }

        if (Resolve(values, owner) is not ListNode list)
        {
            _diagnostics.Error(values.Location, owner, "Fn::Select takes [index, [values]].");
            return new ScalarNode(at, string.Empty);
        }

        if (position >= list.Items.Count)
        {
            _diagnostics.Error(index.Location, owner, $"Fn::Select index {position} is out of range: the list has {list.Items.Count} item(s).");
            return new ScalarNode(at, string.Empty);
        }

        return list.Items[position];
    }

    private TemplateNode? FindInMap(ListNode arguments, SourceLocation at, string? owner)
    {
        if (arguments.Items.Count < 3)
        {
            return new ScalarNode(at, string.Empty); // Reported by the reference walker.
        }

        var keys = arguments.Items.Take(3).Select(k => ResolveString(k, owner, "A Fn::FindInMap key") ?? string.Empty).ToArray();
        var fallback = arguments.Items.Count > 3 && arguments.Items[3] is MapNode options ? options["DefaultValue"] : null;
        if (_document.Mappings[keys[0]] is not MapNode mapping)
        {
            return new ScalarNode(at, string.Empty);
        }

        if (mapping[keys[1]] is MapNode level && level[keys[2]] is { } value)
        {
            return Resolve(value, owner);
        }

        if (fallback is not null)
        {
            return Resolve(fallback, owner);
        }

        var missing = mapping[keys[1]] is MapNode second
            ? $"key '{keys[2]}' under '{keys[1]}'{Suggestions.DidYouMean(keys[2], second.Entries.Select(e => e.Key))}"
            : $"key '{keys[1]}'{Suggestions.DidYouMean(keys[1], mapping.Entries.Select(e => e.Key))}";
        _diagnostics.Error(at, owner, $"Fn::FindInMap: mapping '{keys[0]}' has no {missing}");
        return new ScalarNode(at, string.Empty);
    }

    private bool Evaluate(TemplateNode node, string? owner)
    {
        switch (node)
        {
            case MapNode { Entries: [{ Key: "Condition", Value: ScalarNode name }] }:
                return IsConditionTrue(name.Value, owner);
            case MapNode map when map.IsIntrinsic(out var function, out var argument):
                var operands = argument as ListNode;
                switch (function)
                {
                    case "Fn::Equals" when operands is { Items: [var left, var right] }:
                        return ResolveString(left, owner, "An Fn::Equals operand") == ResolveString(right, owner, "An Fn::Equals operand");
                    case "Fn::And" when operands is { Items.Count: >= 2 }:
                        return operands.Items.Select(i => Evaluate(i, owner)).ToList().TrueForAll(b => b);
                    case "Fn::Or" when operands is { Items.Count: >= 2 }:
                        return operands.Items.Select(i => Evaluate(i, owner)).ToList().Exists(b => b);
                    case "Fn::Not" when operands is { Items: [var operand] }:
                        return !Evaluate(operand, owner);
                    case "Fn::Equals" or "Fn::And" or "Fn::Or" or "Fn::Not":
                        _diagnostics.Error(map.Location, owner, $"{function} has the wrong number of arguments (Fn::Equals and Fn::Not take a list of 2 and 1, Fn::And and Fn::Or 2 to 10).");
                        return false;
                }

                return ResolveString(node, owner, "A condition") is "true" or "True";
            case ScalarNode { Value: "true" or "True" }:
                return true;
            default:
                _diagnostics.Error(node.Location, owner, "A condition must be Fn::Equals, Fn::And, Fn::Or, Fn::Not or {Condition: name}.");
                return false;
        }
    }
}
