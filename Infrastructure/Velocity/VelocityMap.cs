namespace WebSocketAspire.Infrastructure.Velocity;

/// <summary>A mutable map that keeps insertion order, like java.util.LinkedHashMap.</summary>
internal sealed class VelocityMap : IVelocityMap
{
    private readonly Dictionary<object, object?> _items;

    public VelocityMap(int capacity = 0)
    {
        _items = new Dictionary<object, object?>(capacity, JavaKeyComparer.Instance);
    }

    public int Count => _items.Count;

    public IEnumerable<KeyValuePair<object, object?>> Entries => _items;

    public bool TryGet(object? key, out object? value)
    {
        if (key is null)
        {
            value = null;
            return false;
        }

        return _items.TryGetValue(key, out value);
    }

    public void Put(object? key, object? value)
    {
        if (key is null)
        {
            throw new TemplateError("a map key cannot be null");
        }

        _items[key] = value;
    }

    /// <summary>Equates int and long keys of the same value, as templates mix both.</summary>
    private sealed class JavaKeyComparer : IEqualityComparer<object>
    {
        public static readonly JavaKeyComparer Instance = new();

        public new bool Equals(object? x, object? y) => object.Equals(Normalize(x), Normalize(y));

        public int GetHashCode(object obj) => Normalize(obj)?.GetHashCode() ?? 0;

        private static object? Normalize(object? value) => value is int i ? (long)i : value;
    }
}
