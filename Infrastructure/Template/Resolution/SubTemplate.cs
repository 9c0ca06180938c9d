using System.Text;

namespace WebSocketAspire.Infrastructure.Template.Resolution;

/// <summary>One piece of an Fn::Sub string: literal text, or a <c>${Name}</c> / <c>${Resource.Attribute}</c> variable.</summary>
internal sealed record SubPart(string Text, bool IsVariable);

/// <summary>Splits an Fn::Sub string into literal text and variables; <c>${!Literal}</c> stays literal as <c>${Literal}</c>.</summary>
internal static class SubTemplate
{
    public static IReadOnlyList<SubPart> Parse(string text)
    {
        var parts = new List<SubPart>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var open = text.IndexOf("${", i, StringComparison.Ordinal);
            var close = open < 0 ? -1 : text.IndexOf('}', open + 2);
            if (open < 0 || close < 0)
            {
                literal.Append(text, i, text.Length - i);
                break;
            }

            literal.Append(text, i, open - i);
            var inner = text[(open + 2)..close];
            if (inner.StartsWith('!'))
            {
                literal.Append("${").Append(inner, 1, inner.Length - 1).Append('}');
            }
            else
            {
                if (literal.Length > 0)
                {
                    parts.Add(new SubPart(literal.ToString(), IsVariable: false));
                    literal.Clear();
                }

                parts.Add(new SubPart(inner.Trim(), IsVariable: true));
            }

            i = close + 1;
        }

        if (literal.Length > 0)
        {
            parts.Add(new SubPart(literal.ToString(), IsVariable: false));
        }

        return parts;
    }

    /// <summary>Splits <c>Resource.Attribute</c> at the first dot; pseudo parameters (<c>AWS::Region</c>) have none.</summary>
    public static (string Target, string? Attribute) SplitVariable(string variable)
    {
        var dot = variable.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? (variable, null) : (variable[..dot], variable[(dot + 1)..]);
    }
}
