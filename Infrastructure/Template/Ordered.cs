namespace WebSocketAspire.Infrastructure.Template;

/// <summary>Keyed collections that keep template order, which the model promises (routes, functions, tables).</summary>
internal static class Ordered
{
    public static OrderedDictionary<string, T> ByKey<T>(IEnumerable<T> items, Func<T, string> key)
    {
        var dictionary = new OrderedDictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            dictionary[key(item)] = item;
        }

        return dictionary;
    }
}
