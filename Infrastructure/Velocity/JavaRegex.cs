using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace WebSocketAspire.Infrastructure.Velocity;

/// <summary>
/// replaceAll / replaceFirst / split / matches with Java semantics over cached, translated .NET regexes.
/// Templates call these on every message, so compiled patterns are kept in a bounded cache.
/// </summary>
internal static class JavaRegex
{
    private const int MaxCacheEntries = 512;

    /// <summary>Up to this worst-case size a replacement runs in one call and is checked after; beyond it, match by match.</summary>
    private const long MaxDirectReplaceLength = 8L * Limits.MaxOutputLength;

    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Regex> WholeMatchPatterns = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<(Regex, string), JavaRegexTranslator.Replacement> Replacements = new();

    public static string Replace(string input, string pattern, string replacement, bool all)
    {
        var regex = Get(Patterns, pattern, wholeMatch: false);
        var translated = GetReplacement(regex, replacement);
        try
        {
            var bound = input.Length + ((input.Length + 1L) * translated.LiteralLength) + ((long)translated.GroupReferences * input.Length);
            if (bound > MaxDirectReplaceLength)
            {
                return ReplaceChecked(input, regex, translated.Text, all);
            }

            var result = all ? regex.Replace(input, translated.Text) : regex.Replace(input, translated.Text, 1);
            Limits.CheckLength(result.Length);
            return result;
        }
        catch (RegexMatchTimeoutException e)
        {
            throw new TemplateError($"regex '{pattern}' timed out", e);
        }
    }

    public static bool Matches(string input, string pattern)
    {
        var regex = Get(WholeMatchPatterns, pattern, wholeMatch: true);
        try
        {
            return regex.IsMatch(input);
        }
        catch (RegexMatchTimeoutException e)
        {
            throw new TemplateError($"regex '{pattern}' timed out", e);
        }
    }

    /// <summary>String.split(regex, limit): no leading empty string for a zero-width first match; limit 0 drops trailing empties.</summary>
    public static List<object?> Split(string input, string pattern, int limit)
    {
        var regex = Get(Patterns, pattern, wholeMatch: false);
        var parts = new List<object?>();
        var index = 0;
        try
        {
            for (var match = regex.Match(input); match.Success; match = match.NextMatch())
            {
                if (limit > 0 && parts.Count >= limit - 1)
                {
                    break;
                }

                if (index == 0 && match.Index == 0 && match.Length == 0)
                {
                    continue;
                }

                parts.Add(input[index..match.Index]);
                index = match.Index + match.Length;
            }
        }
        catch (RegexMatchTimeoutException e)
        {
            throw new TemplateError($"regex '{pattern}' timed out", e);
        }

        if (index == 0 && parts.Count == 0)
        {
            return [input];
        }

        parts.Add(input[index..]);
        if (limit == 0)
        {
            while (parts.Count > 0 && parts[^1] is string { Length: 0 })
            {
                parts.RemoveAt(parts.Count - 1);
            }
        }

        return parts;
    }

    private static string ReplaceChecked(string input, Regex regex, string replacement, bool all)
    {
        var builder = new StringBuilder();
        var index = 0;
        for (var match = regex.Match(input); match.Success; match = match.NextMatch())
        {
            builder.Append(input, index, match.Index - index).Append(match.Result(replacement));
            Limits.CheckLength(builder.Length);
            index = match.Index + match.Length;
            if (!all)
            {
                break;
            }
        }

        Limits.CheckLength((long)builder.Length + input.Length - index);
        return builder.Append(input, index, input.Length - index).ToString();
    }

    private static Regex Get(ConcurrentDictionary<string, Regex> cache, string pattern, bool wholeMatch)
    {
        if (cache.TryGetValue(pattern, out var regex))
        {
            return regex;
        }

        var translated = JavaRegexTranslator.TranslatePattern(pattern);
        if (wholeMatch)
        {
            translated = "\\A(?:" + translated + ")\\z";
        }

        try
        {
            regex = new Regex(translated, RegexOptions.CultureInvariant, Limits.RegexTimeout);
        }
        catch (ArgumentException e)
        {
            throw new TemplateError($"invalid regex '{pattern}': {e.Message}", e);
        }

        if (cache.Count >= MaxCacheEntries)
        {
            cache.Clear();
        }

        cache[pattern] = regex;
        return regex;
    }

    private static JavaRegexTranslator.Replacement GetReplacement(Regex regex, string replacement)
    {
        if (Replacements.TryGetValue((regex, replacement), out var translated))
        {
            return translated;
        }

        translated = JavaRegexTranslator.TranslateReplacement(regex, replacement);
        if (Replacements.Count >= MaxCacheEntries)
        {
            Replacements.Clear();
        }

        Replacements[(regex, replacement)] = translated;
        return translated;
    }
}
