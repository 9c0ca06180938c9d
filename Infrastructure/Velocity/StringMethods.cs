using System.Text;

namespace WebSocketAspire.Infrastructure.Velocity;

/// <summary>The java.lang.String methods mapping templates use, with Java's edge cases.</summary>
internal static class StringMethods
{
    public static bool TryInvoke(string s, MethodId method, ReadOnlySpan<object?> args, out object? result)
    {
        result = null;
        switch (method, args.Length)
        {
            case (MethodId.Length, 0):
                result = (long)s.Length;
                return true;
            case (MethodId.IsEmpty, 0):
                result = JavaOperators.Box(s.Length == 0);
                return true;
            case (MethodId.ToLowerCase, 0):
                result = s.ToLowerInvariant();
                return true;
            case (MethodId.ToUpperCase, 0):
                result = s.ToUpperInvariant();
                return true;
            case (MethodId.Trim, 0):
                result = JavaTrim(s);
                return true;
            case (MethodId.Substring, 1):
                result = Substring(s, Int(args[0]), s.Length);
                return true;
            case (MethodId.Substring, 2):
                result = Substring(s, Int(args[0]), Int(args[1]));
                return true;
            case (MethodId.CharAt, 1):
                result = s[CollectionMethods.CheckIndex(args[0], s.Length)].ToString();
                return true;
            case (MethodId.IndexOf, 1):
                result = (long)s.IndexOf(Str(args[0]), StringComparison.Ordinal);
                return true;
            case (MethodId.IndexOf, 2):
                result = (long)s.IndexOf(Str(args[0]), Math.Clamp(Int(args[1]), 0, s.Length), StringComparison.Ordinal);
                return true;
            case (MethodId.LastIndexOf, 1):
                result = (long)s.LastIndexOf(Str(args[0]), StringComparison.Ordinal);
                return true;
            case (MethodId.Contains, 1):
                result = JavaOperators.Box(s.Contains(Str(args[0]), StringComparison.Ordinal));
                return true;
            case (MethodId.StartsWith, 1):
                result = JavaOperators.Box(s.StartsWith(Str(args[0]), StringComparison.Ordinal));
                return true;
            case (MethodId.EndsWith, 1):
                result = JavaOperators.Box(s.EndsWith(Str(args[0]), StringComparison.Ordinal));
                return true;
            case (MethodId.EqualsIgnoreCase, 1):
                result = JavaOperators.Box(args[0] is string other && string.Equals(s, other, StringComparison.OrdinalIgnoreCase));
                return true;
            case (MethodId.Concat, 1):
                var suffix = Str(args[0]);
                Limits.CheckLength((long)s.Length + suffix.Length);
                result = string.Concat(s, suffix);
                return true;
            case (MethodId.Replace, 2):
                result = ReplaceLiteral(s, Str(args[0]), Str(args[1]));
                return true;
            case (MethodId.ReplaceAll, 2):
                result = JavaRegex.Replace(s, Str(args[0]), Str(args[1]), all: true);
                return true;
            case (MethodId.ReplaceFirst, 2):
                result = JavaRegex.Replace(s, Str(args[0]), Str(args[1]), all: false);
                return true;
            case (MethodId.Matches, 1):
                result = JavaOperators.Box(JavaRegex.Matches(s, Str(args[0])));
                return true;
            case (MethodId.Split, 1):
                result = JavaRegex.Split(s, Str(args[0]), 0);
                return true;
            case (MethodId.Split, 2):
                result = JavaRegex.Split(s, Str(args[0]), Int(args[1]));
                return true;
            default:
                return false;
        }
    }

    /// <summary>Java's trim() strips every char up to U+0020, not Unicode white space.</summary>
    private static string JavaTrim(string s)
    {
        var start = 0;
        var end = s.Length;
        while (start < end && s[start] <= ' ')
        {
            start++;
        }

        while (end > start && s[end - 1] <= ' ')
        {
            end--;
        }

        return start == 0 && end == s.Length ? s : s[start..end];
    }

    private static string Substring(string s, int begin, int end)
    {
        if (begin < 0 || end > s.Length || begin > end)
        {
            throw new TemplateError($"substring({begin}, {end}) out of range for length {s.Length}");
        }

        return s[begin..end];
    }

    /// <summary>String.replace(CharSequence, CharSequence): literal, all occurrences; an empty target inserts between every char.</summary>
    private static string ReplaceLiteral(string s, string target, string replacement)
    {
        if (target.Length == 0)
        {
            Limits.CheckLength(s.Length + ((long)s.Length + 1) * replacement.Length);
            var builder = new StringBuilder(s.Length + (s.Length + 1) * replacement.Length);
            builder.Append(replacement);
            foreach (var c in s)
            {
                builder.Append(c).Append(replacement);
            }

            return builder.ToString();
        }

        if (replacement.Length > target.Length)
        {
            long count = 0;
            for (var at = s.IndexOf(target, StringComparison.Ordinal); at >= 0; at = s.IndexOf(target, at + target.Length, StringComparison.Ordinal))
            {
                count++;
            }

            Limits.CheckLength(s.Length + count * (replacement.Length - target.Length));
        }

        return s.Replace(target, replacement, StringComparison.Ordinal);
    }

    private static string Str(object? value) => value switch
    {
        string s => s,
        null => throw new TemplateError("null argument where a String is expected"),
        _ => JavaFormat.ToJavaString(value),
    };

    private static int Int(object? value) => value switch
    {
        long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
        int i => i,
        _ => throw new TemplateError($"expected an integer argument, got {TypeNames.Of(value)}"),
    };
}
