using WebSocketAspire.Infrastructure.Template.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace WebSocketAspire.Infrastructure.Template.Syntax;

/// <summary>
/// Parses YAML (and therefore JSON) with YamlDotNet's representation model and converts it to
/// <see cref="TemplateNode"/>s, expanding short-form tags into their long forms.
/// </summary>
internal sealed class YamlTreeReader
{
    private readonly string _file;
    private readonly DiagnosticBag _diagnostics;

    private YamlTreeReader(string file, DiagnosticBag diagnostics)
    {
        _file = file;
        _diagnostics = diagnostics;
    }

    public static MapNode? Read(string text, string file, DiagnosticBag diagnostics)
    {
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(text));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException ex)
        {
            var at = new SourceLocation(file, (int)ex.Start.Line, (int)ex.Start.Column);
            diagnostics.Error(at, null, $"The template is not valid YAML: {InnermostMessage(ex)}");
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (not a YamlException) on some unterminated flow collections;
            // the last event it parsed is the best position there is.
            var mark = parser.Current?.Start;
            var at = new SourceLocation(file, (int)(mark?.Line ?? 1), (int)(mark?.Column ?? 1));
            diagnostics.Error(at, null, "The template is not valid YAML: a flow collection ({…} or […]) near here is not closed.");
            return null;
        }

        var start = new SourceLocation(file, 1, 1);
        if (stream.Documents.Count == 0)
        {
            diagnostics.Error(start, null, "The template is empty.");
            return null;
        }

        var root = new YamlTreeReader(file, diagnostics).Convert(stream.Documents[0].RootNode);
        if (root is not MapNode map)
        {
            diagnostics.Error(root.Location, null, "The template must be a mapping with a Resources section.");
            return null;
        }

        return map;
    }

    private static string InnermostMessage(Exception ex)
    {
        while (ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }

        // YamlDotNet prefixes its messages with "(Line: …, Col: …, Idx: …) - (…): "; the diagnostic already has the position.
        var message = ex.Message;
        var marker = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line", StringComparison.Ordinal) && marker >= 0 ? message[(marker + 3)..] : message;
    }

    /// <summary>A plain <c>~</c> or <c>null</c> is YAML's null; it reads like an empty value, not the text "~".</summary>
    private static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is "~" or "null" or "Null" or "NULL";

    private SourceLocation At(Mark mark) => new(_file, (int)mark.Line, (int)mark.Column);

    private TemplateNode Convert(YamlNode node)
    {
        var at = At(node.Start);
        TemplateNode converted = node switch
        {
            YamlScalarNode scalar => new ScalarNode(at, IsNull(scalar) ? string.Empty : scalar.Value ?? string.Empty),
            YamlSequenceNode sequence => new ListNode(at, sequence.Children.Select(Convert).ToList()),
            YamlMappingNode mapping => ConvertMapping(mapping, at),
            _ => new ScalarNode(at, string.Empty),
        };

        return node.Tag.IsEmpty ? converted : ApplyTag(node.Tag.Value, converted, at);
    }

    private MapNode ConvertMapping(YamlMappingNode mapping, SourceLocation at)
    {
        var entries = new List<MapEntry>(mapping.Children.Count);
        foreach (var (key, value) in mapping.Children)
        {
            var keyAt = At(key.Start);
            if (key is not YamlScalarNode { Value: { } name })
            {
                _diagnostics.Error(keyAt, null, "A mapping key must be a plain string.");
                continue;
            }

            entries.Add(new MapEntry(name, keyAt, Convert(value)));
        }

        return new MapNode(at, entries);
    }

    private TemplateNode ApplyTag(string tag, TemplateNode value, SourceLocation at)
    {
        if (!tag.StartsWith('!') || tag == "!")
        {
            // Standard tags (tag:yaml.org,2002:str, …) and the non-specific "!" carry no CloudFormation meaning.
            return value;
        }

        if (!ShortFormTags.TryGetLongForm(tag, out var longForm))
        {
            _diagnostics.Error(at, null, $"Unknown tag '{tag}'{Suggestions.DidYouMean(tag, ShortFormTags.Names)}");
            return value;
        }

        if (longForm == "Fn::GetAtt" && value is ScalarNode dotted)
        {
            // "!GetAtt Resource.Attribute" splits at the first dot; the attribute itself may contain dots.
            var dot = dotted.Value.IndexOf('.', StringComparison.Ordinal);
            value = dot < 0
                ? new ListNode(at, [dotted])
                : new ListNode(at, [new ScalarNode(at, dotted.Value[..dot]), new ScalarNode(at, dotted.Value[(dot + 1)..])]);
        }

        return new MapNode(at, [new MapEntry(longForm, at, value)]);
    }
}
