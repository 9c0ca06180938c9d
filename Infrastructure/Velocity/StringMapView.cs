namespace WebSocketAspire.Infrastructure.Velocity;

/// <summary>A read-only template map over headers, query string, path parameters or stage variables.</summary>
internal sealed class StringMapView : IVelocityMap
{
    private IReadOnlyDictionary<string, string> _values;
    private readonly bool _ignoreCase;

    public StringMapView(IReadOnlyDictionary<string, string> values, bool ignoreCase)
    {
        _values = values;
        _ignoreCase = ignoreCase;
    }

    /// <summary>Points a pooled view at the next request's values.</summary>
    public void Reset(IReadOnlyDictionary<string, string> values) => _values = values;

    public int Count => _values.Count;

    public IEnumerable<KeyValuePair<object, object?>> Entries
    {
        get
        {
            foreach (var pair in _values)
            {
                yield return new KeyValuePair<object, object?>(pair.Key, pair.Value);
            }
        }
    }

    public bool TryGet(object? key, out object? value)
    {
        value = null;
        if (key is not string name)
        {
            return false;
        }

        if (_values.TryGetValue(name, out var found))
        {
            value = found;
            return true;
        }

        if (_ignoreCase)
        {
            foreach (var pair in _values)
            {
                if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = pair.Value;
                    return true;
                }
            }
        }

        return false;
    }

    public void Put(object? key, object? value) => throw new TemplateError("request parameters are read-only");
}
