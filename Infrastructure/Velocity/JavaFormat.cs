using System.Globalization;
using System.Text;

namespace WebSocketAspire.Infrastructure.Velocity;

/// <summary>Renders values the way Java's toString() would, since AWS runs Velocity on the JVM.</summary>
internal static class JavaFormat
{
    private const int MaxDepth = 64;

    public static string ToJavaString(object value) => value switch
    {
        string s => s,
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        double d => FormatDouble(d),
        _ => Build(value),
    };

    /// <summary>Java Double.toString: "1.0", "0.5", "1.0E7", "1.234E-5".</summary>
    public static string FormatDouble(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0.0" : "0.0";
        }

        var magnitude = Math.Abs(value);
        if (magnitude >= 1e-3 && magnitude < 1e7)
        {
            var plain = value.ToString("R", CultureInfo.InvariantCulture);
            return plain.Contains('.', StringComparison.Ordinal) ? plain : plain + ".0";
        }

        // Scientific: shortest round-trip digits, one digit before the point, at least one after.
        var text = value.ToString("E16", CultureInfo.InvariantCulture);
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var exponent = int.Parse(text.AsSpan(text.IndexOf('E', StringComparison.Ordinal) + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var digits = new StringBuilder();
        foreach (var c in shortest)
        {
            if (c == 'E')
            {
                break;
            }

            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
        }

        var trimmed = digits.ToString().TrimStart('0').TrimEnd('0');
        if (trimmed.Length == 0)
        {
            trimmed = "0";
        }

        var mantissa = trimmed.Length == 1 ? trimmed + ".0" : trimmed[0] + "." + trimmed[1..];
        return (value < 0 ? "-" : string.Empty) + mantissa + "E" + exponent.ToString(CultureInfo.InvariantCulture);
    }

    private static string Build(object value)
    {
        var builder = new StringBuilder();
        Append(builder, value, 0);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, object? value, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new TemplateError("value nested too deeply to render");
        }

        Limits.CheckLength(builder.Length);
        switch (value)
        {
            case null:
                builder.Append("null");
                break;
            case string s:
                Limits.CheckLength((long)builder.Length + s.Length);
                builder.Append(s);
                break;
            case long l:
                builder.Append(l);
                break;
            case int i:
                builder.Append(i);
                break;
            case bool b:
                builder.Append(b ? "true" : "false");
                break;
            case double d:
                builder.Append(FormatDouble(d));
                break;
            case List<object?> list:
                builder.Append('[');
                for (var index = 0; index < list.Count; index++)
                {
                    if (index > 0)
                    {
                        builder.Append(", ");
                    }

                    Append(builder, list[index], depth + 1);
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
                        builder.Append(", ");
                    }

                    first = false;
                    Append(builder, pair.Key, depth + 1);
                    builder.Append('=');
                    Append(builder, pair.Value, depth + 1);
                }

                builder.Append('}');
                break;
            case MapEntry entry:
                Append(builder, entry.Key, depth + 1);
                builder.Append('=');
                Append(builder, entry.Value, depth + 1);
                break;
            default:
                builder.Append(value.ToString());
                break;
        }
    }
}
