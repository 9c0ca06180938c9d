using System.Text;

namespace WebSocketAspire.Infrastructure.Velocity;

/// <summary>Apache Commons Lang 2.x StringEscapeUtils.escapeJavaScript, which is what $util.escapeJavaScript behaves like.</summary>
internal static class JavaScriptEscaper
{
    private const string Hex = "0123456789ABCDEF";

    public static string Escape(string value)
    {
        var first = FirstToEscape(value);
        if (first < 0)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 16);
        builder.Append(value, 0, first);
        for (var i = first; i < value.Length; i++)
        {
            if ((i & 1023) == 0)
            {
                // Escaping can grow text six-fold; stop early rather than build a huge string first.
                Limits.CheckLength(builder.Length);
            }

            var c = value[i];
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\'':
                    builder.Append("\\'");
                    break;
                case '/':
                    builder.Append("\\/");
                    break;
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                default:
                    if (c < 0x20 || c > 0x7F)
                    {
                        builder.Append("\\u")
                            .Append(Hex[(c >> 12) & 0xF])
                            .Append(Hex[(c >> 8) & 0xF])
                            .Append(Hex[(c >> 4) & 0xF])
                            .Append(Hex[c & 0xF]);
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        Limits.CheckLength(builder.Length);
        return builder.ToString();
    }

    private static int FirstToEscape(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c < 0x20 || c > 0x7F || c is '"' or '\\' or '\'' or '/')
            {
                return i;
            }
        }

        return -1;
    }
}
