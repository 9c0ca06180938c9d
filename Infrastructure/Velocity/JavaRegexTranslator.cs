using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace WebSocketAspire.Infrastructure.Velocity;

/// <summary>
/// Rewrites java.util.regex syntax into .NET syntax where the two differ: \Q..\E quoting, POSIX \p{Alpha} classes,
/// \h, and the ASCII-only meaning of \d \w \s; and Java replacement strings ($1, ${name}, \$) into .NET ones.
/// </summary>
internal static class JavaRegexTranslator
{
    private const string JavaSpace = " \\t\\n\\x0B\\f\\r";
    private const string HorizontalSpace = " \\t\\xA0\\u1680\\u180E\\u2000-\\u200A\\u202F\\u205F\\u3000";

    public static string TranslatePattern(string java)
    {
        var builder = new StringBuilder(java.Length + 8);
        var inClass = false;
        var classStart = -1;
        for (var i = 0; i < java.Length; i++)
        {
            var c = java[i];
            if (c == '\\' && i + 1 < java.Length)
            {
                i = TranslateEscape(java, i, inClass, builder);
                continue;
            }

            if (c == '[' && !inClass)
            {
                inClass = true;
                classStart = builder.Length;
            }
            else if (c == ']' && inClass && builder.Length > classStart + 1 && !(builder.Length == classStart + 2 && builder[classStart + 1] == '^'))
            {
                inClass = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>Java replacement → .NET replacement; also reports how much it can grow the input.</summary>
    public static Replacement TranslateReplacement(Regex regex, string java)
    {
        if (java.AsSpan().IndexOfAny('\\', '$') < 0)
        {
            return new Replacement(java, java.Length, 0);
        }

        var groupCount = regex.GetGroupNumbers().Max();
        var builder = new StringBuilder(java.Length + 8);
        var literal = 0;
        var groups = 0;
        for (var i = 0; i < java.Length; i++)
        {
            var c = java[i];
            if (c == '\\')
            {
                if (++i >= java.Length)
                {
                    throw new TemplateError("character to be escaped is missing in replacement");
                }

                builder.Append(java[i] == '$' ? "$$" : java[i].ToString());
                literal++;
            }
            else if (c == '$')
            {
                if (++i >= java.Length)
                {
                    throw new TemplateError("illegal group reference in replacement: '$' at end");
                }

                groups++;
                if (java[i] == '{')
                {
                    var close = java.IndexOf('}', i);
                    var name = close < 0 ? string.Empty : java[(i + 1)..close];
                    if (name.Length == 0 || regex.GroupNumberFromName(name) < 0)
                    {
                        throw new TemplateError($"no group named '{name}' in replacement");
                    }

                    builder.Append("${").Append(name).Append('}');
                    i = close;
                }
                else if (char.IsAsciiDigit(java[i]))
                {
                    // Java takes as many digits as still name an existing group.
                    var number = java[i] - '0';
                    while (i + 1 < java.Length && char.IsAsciiDigit(java[i + 1]) && (number * 10) + (java[i + 1] - '0') <= groupCount)
                    {
                        number = (number * 10) + (java[++i] - '0');
                    }

                    if (number > groupCount)
                    {
                        throw new TemplateError($"no group {number} in replacement");
                    }

                    builder.Append("${").Append(number.ToString(CultureInfo.InvariantCulture)).Append('}');
                }
                else
                {
                    throw new TemplateError("illegal group reference in replacement");
                }
            }
            else
            {
                builder.Append(c);
                literal++;
            }
        }

        return new Replacement(builder.ToString(), literal, groups);
    }

    private static int TranslateEscape(string java, int i, bool inClass, StringBuilder builder)
    {
        var next = java[i + 1];
        switch (next)
        {
            case 'Q':
                var end = java.IndexOf("\\E", i + 2, StringComparison.Ordinal);
                var quoted = end < 0 ? java[(i + 2)..] : java[(i + 2)..end];
                foreach (var q in quoted)
                {
                    if (!char.IsAsciiLetterOrDigit(q))
                    {
                        builder.Append('\\');
                    }

                    builder.Append(q);
                }

                return end < 0 ? java.Length : end + 1;
            case 'd':
                builder.Append(inClass ? "0-9" : "[0-9]");
                return i + 1;
            case 'D' when !inClass:
                builder.Append("[^0-9]");
                return i + 1;
            case 'w':
                builder.Append(inClass ? "a-zA-Z0-9_" : "[a-zA-Z0-9_]");
                return i + 1;
            case 'W' when !inClass:
                builder.Append("[^a-zA-Z0-9_]");
                return i + 1;
            case 's':
                builder.Append(inClass ? JavaSpace : "[" + JavaSpace + "]");
                return i + 1;
            case 'S' when !inClass:
                builder.Append("[^" + JavaSpace + "]");
                return i + 1;
            case 'h':
                builder.Append(inClass ? HorizontalSpace : "[" + HorizontalSpace + "]");
                return i + 1;
            case 'p' or 'P' when i + 2 < java.Length && java[i + 2] == '{':
                var close = java.IndexOf('}', i + 3);
                if (close > 0 && PosixClass(java[(i + 3)..close]) is { } members)
                {
                    if (next == 'P' && inClass)
                    {
                        throw new TemplateError("negated POSIX class inside a character class is not supported");
                    }

                    builder.Append(inClass ? members : (next == 'P' ? "[^" : "[") + members + "]");
                    return close;
                }

                builder.Append('\\').Append(next);
                return i + 1;
            default:
                builder.Append('\\').Append(next);
                return i + 1;
        }
    }

    private static string? PosixClass(string name) => name switch
    {
        "Lower" => "a-z",
        "Upper" => "A-Z",
        "ASCII" => "\\x00-\\x7F",
        "Alpha" => "a-zA-Z",
        "Digit" => "0-9",
        "Alnum" => "a-zA-Z0-9",
        "Punct" => "!-/:-@\\[-`{-~",
        "Graph" => "!-~",
        "Print" => " -~",
        "Blank" => " \\t",
        "Cntrl" => "\\x00-\\x1F\\x7F",
        "XDigit" => "0-9a-fA-F",
        "Space" => JavaSpace,
        "javaLowerCase" => "\\p{Ll}",
        "javaUpperCase" => "\\p{Lu}",
        "javaWhitespace" => JavaSpace + "\\x1C-\\x1F\\p{Zs}\\p{Zl}\\p{Zp}",
        _ => null,
    };

    /// <summary>A translated replacement: .NET text, its literal length and how many group references it holds.</summary>
    internal sealed record Replacement(string Text, int LiteralLength, int GroupReferences);
}
