using System.Globalization;
using System.Text;

namespace WebSocketAspire.Infrastructure.Velocity;

/// <summary>Serialises template values back to compact JSON text, for $input.json.</summary>
internal static class JsonText
{
    private const int MaxDepth = 64;
    private const string Hex = "0123456789abcdef";

    public static string Write(object? value)
    {
        var builder = new StringBuilder();
        Write(builder, value, 0);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, object? value, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new TemplateError("value nested too deeply to serialise as JSON");
        }

        Limits.CheckLength(builder.Length);
        switch (value)
        {
            case null:
                builder.Append("null");
                break;
            case string s:
                WriteString(builder, s);
                break;
            case long l:
                builder.Append(l);
                break;
            case int i:
                builder.Append(i);
                break;
            case double d:
                builder.Append(double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "null");
                break;
            case bool b:
                builder.Append(b ? "true" : "false");
                break;
            case List<object?> list:
                builder.Append('[');
                for (var index = 0; index < list.Count; index++)
                {
                    if (index > 0)
                    {
                        builder.Append(',');
                    }

                    Write(builder, list[index], depth + 1);
                }

                builder.Append(']');
                break;
            case IVelocityMap map:
                builder.Append('{');
                var first = true;
                foreach (var pair in map.Entries)
                {
                    if (!first)
                    {
                        builder.Append(',');
                    }

                    first = false;
                    WriteString(builder, JavaFormat.ToJavaString(pair.Key));
                    builder.Append(':');
                    Write(builder, pair.Value, depth + 1);
                }

                builder.Append('}');
                break;
            default:
                WriteString(builder, JavaFormat.ToJavaString(value));
                break;
        }
    }

    private static void WriteString(StringBuilder builder, string s)
    {
        Limits.CheckLength((long)builder.Length + s.Length);
        builder.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
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
                case < ' ':
                    builder.Append("\\u00").Append(Hex[c >> 4]).Append(Hex[c & 0xF]);
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        builder.Append('"');
    }
}
