namespace WebSocketAspire.Infrastructure.Template.Diagnostics;

/// <summary>"Did you mean …?" hints (or a full stop when nothing is close): the closest candidate by edit distance, if it is close enough to be a typo.</summary>
internal static class Suggestions
{
    public static string DidYouMean(string actual, IEnumerable<string> candidates)
    {
        var best = Closest(actual, candidates);
        return best is null ? "." : $"; did you mean '{best}'?";
    }

    public static string? Closest(string actual, IEnumerable<string> candidates)
    {
        if (actual.Length == 0)
        {
            return null;
        }

        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(actual.ToUpperInvariant(), candidate.ToUpperInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        // Allow roughly one typo in three characters, and always a couple; beyond that a hint misleads.
        var threshold = Math.Max(2, actual.Length / 3);
        return bestDistance <= threshold ? best : null;
    }

    internal static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
