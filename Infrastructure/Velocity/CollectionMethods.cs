namespace WebSocketAspire.Infrastructure.Velocity;

/// <summary>java.util.List, java.util.Map and Map.Entry methods.</summary>
internal static class CollectionMethods
{
    public static bool TryInvoke(List<object?> list, MethodId method, ReadOnlySpan<object?> args, out object? result)
    {
        result = null;
        switch (method, args.Length)
        {
            case (MethodId.Size, 0):
                result = (long)list.Count;
                return true;
            case (MethodId.IsEmpty, 0):
                result = JavaOperators.Box(list.Count == 0);
                return true;
            case (MethodId.Get, 1):
                result = list[CheckIndex(args[0], list.Count)];
                return true;
            case (MethodId.Contains, 1):
                result = JavaOperators.Box(IndexOf(list, args[0]) >= 0);
                return true;
            case (MethodId.IndexOf, 1):
                result = (long)IndexOf(list, args[0]);
                return true;
            case (MethodId.Add, 1):
                CheckGrowth(list.Count);
                list.Add(args[0]);
                result = JavaOperators.True;
                return true;
            case (MethodId.Add, 2):
                CheckGrowth(list.Count);
                list.Insert(CheckIndex(args[0], list.Count + 1), args[1]);
                result = string.Empty;
                return true;
            case (MethodId.Remove, 1) when args[0] is long or int:
                var index = CheckIndex(args[0], list.Count);
                result = list[index];
                list.RemoveAt(index);
                return true;
            default:
                return false;
        }
    }

    public static bool TryInvoke(IVelocityMap map, MethodId method, ReadOnlySpan<object?> args, out object? result)
    {
        result = null;
        switch (method, args.Length)
        {
            case (MethodId.Get, 1):
                map.TryGet(args[0], out result);
                return true;
            case (MethodId.Size, 0):
                result = (long)map.Count;
                return true;
            case (MethodId.IsEmpty, 0):
                result = JavaOperators.Box(map.Count == 0);
                return true;
            case (MethodId.ContainsKey, 1):
                result = JavaOperators.Box(map.TryGet(args[0], out _));
                return true;
            case (MethodId.ContainsValue, 1):
                result = JavaOperators.Box(IndexOf(Values(map), args[0]) >= 0);
                return true;
            case (MethodId.KeySet, 0):
                result = Keys(map);
                return true;
            case (MethodId.Values, 0):
                result = Values(map);
                return true;
            case (MethodId.EntrySet, 0):
                var entries = new List<object?>(map.Count);
                foreach (var pair in map.Entries)
                {
                    entries.Add(new MapEntry(pair.Key, pair.Value));
                }

                result = entries;
                return true;
            case (MethodId.Put, 2):
                map.TryGet(args[0], out result);
                CheckGrowth(map.Count);
                map.Put(args[0], args[1]);

                // Like Java, put returns the previous value, so "$map.put('k', 1)" renders as its literal text when k was new.
                return true;
            default:
                return false;
        }
    }

    public static bool TryInvoke(MapEntry entry, MethodId method, ReadOnlySpan<object?> args, out object? result)
    {
        result = null;
        switch (method, args.Length)
        {
            case (MethodId.GetKey, 0):
                result = entry.Key;
                return true;
            case (MethodId.GetValue, 0):
                result = entry.Value;
                return true;
            default:
                return false;
        }
    }

    public static List<object?> Keys(IVelocityMap map)
    {
        var keys = new List<object?>(map.Count);
        foreach (var pair in map.Entries)
        {
            keys.Add(pair.Key);
        }

        return keys;
    }

    public static List<object?> Values(IVelocityMap map)
    {
        var values = new List<object?>(map.Count);
        foreach (var pair in map.Entries)
        {
            values.Add(pair.Value);
        }

        return values;
    }

    public static int CheckIndex(object? index, int count)
    {
        var value = index switch
        {
            long l => l,
            int i => i,
            _ => throw new TemplateError($"index must be an integer, got {TypeNames.Of(index)}"),
        };
        if (value < 0 || value >= count)
        {
            throw new TemplateError($"index {value} out of bounds for length {count}");
        }

        return (int)value;
    }

    private static int IndexOf(List<object?> list, object? value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (JavaOperators.JavaEquals(list[i], value))
            {
                return i;
            }
        }

        return -1;
    }

    private static void CheckGrowth(int count)
    {
        if (count >= Limits.MaxRangeLength)
        {
            throw new TemplateError($"collection larger than {Limits.MaxRangeLength} elements");
        }
    }
}
