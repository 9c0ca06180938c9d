namespace WebSocketAspire.Infrastructure.Velocity;

/// <summary>A Java-style Map as templates see it: get, size, keySet, values, entrySet and put.</summary>
internal interface IVelocityMap
{
    int Count { get; }

    bool TryGet(object? key, out object? value);

    /// <summary>Key and value pairs in insertion (or source) order.</summary>
    IEnumerable<KeyValuePair<object, object?>> Entries { get; }

    void Put(object? key, object? value);
}
