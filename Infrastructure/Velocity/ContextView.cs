namespace WebSocketAspire.Infrastructure.Velocity;

/// <summary>
/// Presents dotted $context keys ("authorizer.principalId") as nested maps without copying them,
/// so a render does not allocate a tree per request.
/// </summary>
internal sealed class ContextView : IVelocityMap
{
    private IReadOnlyDictionary<string, object?> _values;
    private readonly string _prefix;

    public ContextView(IReadOnlyDictionary<string, object?> values, string prefix)
    {
        _values = values;
        _prefix = prefix;
    }

    /// <summary>Points a pooled root view at the next request's context.</summary>
    public void Reset(IReadOnlyDictionary<string, object?> values) => _values = values;

    public bool IsRoot => _prefix.Length == 0;

    public int Count
    {
        get
        {
            var count = 0;
            foreach (var _ in Entries)
            {
                count++;
            }

            return count;
        }
    }

    public IEnumerable<KeyValuePair<object, object?>> Entries
    {
        get
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var key in _values.Keys)
            {
                if (!TryChildName(key, out var child) || !seen.Add(child))
                {
                    continue;
                }

                TryGet(child, out var value);
                yield return new KeyValuePair<object, object?>(child, value);
            }
        }
    }

    /// <summary>Looks up an already dotted key relative to the root; used by precompiled $context.a.b chains.</summary>
    public bool TryGetDotted(string dottedKey, out object? value)
    {
        if (_values.TryGetValue(dottedKey, out value) && value is not null)
        {
            value = Normalize(value);
            return true;
        }

        return false;
    }

    public bool TryGet(object? key, out object? value)
    {
        if (key is not string name)
        {
            value = null;
            return false;
        }

        var full = IsRoot ? name : string.Concat(_prefix, ".", name);
        if (_values.TryGetValue(full, out value) && value is not null)
        {
            value = Normalize(value);
            return true;
        }

        foreach (var candidate in _values.Keys)
        {
            if (candidate.Length > full.Length && candidate[full.Length] == '.' && candidate.StartsWith(full, StringComparison.Ordinal))
            {
                value = new ContextView(_values, full);
                return true;
            }
        }

        value = null;
        return false;
    }

    public void Put(object? key, object? value) => throw new TemplateError("$context is read-only");

    /// <summary>$context numbers render without decimals when integral (epoch values may arrive as double).</summary>
    private static object Normalize(object value) =>
        value is double d && Math.Floor(d) == d && Math.Abs(d) < 9e15 ? (long)d : value;

    private bool TryChildName(string key, out string child)
    {
        child = string.Empty;
        if (!IsRoot)
        {
            if (key.Length <= _prefix.Length + 1 || key[_prefix.Length] != '.' || !key.StartsWith(_prefix, StringComparison.Ordinal))
            {
                return false;
            }

            key = key[(_prefix.Length + 1)..];
        }

        var dot = key.IndexOf('.', StringComparison.Ordinal);
        child = dot < 0 ? key : key[..dot];
        return child.Length > 0;
    }
}
