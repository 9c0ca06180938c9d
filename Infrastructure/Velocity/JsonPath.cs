namespace WebSocketAspire.Infrastructure.Velocity;

/// <summary>
/// The JSONPath subset mapping templates use: $, .name, ['name'], [n], [*], .*, ..name.
/// A path with a wildcard or deep scan yields a list of matches; otherwise a single value or nothing.
/// </summary>
internal static class JsonPath
{
    public static bool TrySelect(object? root, string path, out object? result)
    {
        var p = path.Trim();
        if (p.Length == 0 || p[0] != '$')
        {
            // Guess: a bare path such as "a.b" means "$.a.b".
            p = "$." + p;
        }

        var current = new List<object?> { root };
        var definite = true;
        var i = 1;
        while (i < p.Length)
        {
            if (p[i] == '.' && i + 1 < p.Length && p[i + 1] == '.')
            {
                definite = false;
                i += 2;
                var name = ReadName(p, ref i);
                var found = new List<object?>();
                foreach (var node in current)
                {
                    Descend(node, name, found, 0);
                }

                current = found;
            }
            else if (p[i] == '.')
            {
                i++;
                var name = ReadName(p, ref i);
                definite &= name != "*";
                current = Step(current, name);
            }
            else if (p[i] == '[')
            {
                var close = FindClose(p, i);
                var inner = p[(i + 1)..close].Trim();
                i = close + 1;
                if (inner == "*")
                {
                    definite = false;
                    current = Step(current, "*");
                }
                else if (inner.Length >= 2 && (inner[0] == '\'' || inner[0] == '"') && inner[^1] == inner[0])
                {
                    current = Step(current, inner[1..^1]);
                }
                else if (int.TryParse(inner, out var index))
                {
                    current = StepIndex(current, index);
                }
                else
                {
                    throw new TemplateError($"unsupported JSONPath segment [{inner}] in '{path}'");
                }
            }
            else
            {
                throw new TemplateError($"invalid JSONPath '{path}' at position {i}");
            }
        }

        if (!definite)
        {
            result = current;
            return true;
        }

        result = current.Count == 1 ? current[0] : null;
        return current.Count == 1;
    }

    private static string ReadName(string p, ref int i)
    {
        var start = i;
        while (i < p.Length && p[i] != '.' && p[i] != '[')
        {
            i++;
        }

        if (i == start)
        {
            throw new TemplateError($"invalid JSONPath '{p}': empty name");
        }

        return p[start..i];
    }

    private static int FindClose(string p, int open)
    {
        var quote = '\0';
        for (var i = open + 1; i < p.Length; i++)
        {
            var c = p[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == ']')
            {
                return i;
            }
        }

        throw new TemplateError($"invalid JSONPath '{p}': unclosed [");
    }

    private static List<object?> Step(List<object?> nodes, string name)
    {
        var next = new List<object?>();
        foreach (var node in nodes)
        {
            if (name == "*")
            {
                switch (node)
                {
                    case IVelocityMap map:
                        next.AddRange(CollectionMethods.Values(map));
                        break;
                    case List<object?> list:
                        next.AddRange(list);
                        break;
                    default:
                        break;
                }
            }
            else if (node is IVelocityMap map && map.TryGet(name, out var value))
            {
                next.Add(value);
            }
        }

        return next;
    }

    private static List<object?> StepIndex(List<object?> nodes, int index)
    {
        var next = new List<object?>();
        foreach (var node in nodes)
        {
            if (node is List<object?> list)
            {
                var at = index < 0 ? list.Count + index : index;
                if (at >= 0 && at < list.Count)
                {
                    next.Add(list[at]);
                }
            }
        }

        return next;
    }

    private static void Descend(object? node, string name, List<object?> found, int depth)
    {
        if (depth > 64)
        {
            return;
        }

        switch (node)
        {
            case IVelocityMap map:
                foreach (var pair in map.Entries)
                {
                    if (name == "*" || JavaFormat.ToJavaString(pair.Key) == name)
                    {
                        found.Add(pair.Value);
                    }

                    Descend(pair.Value, name, found, depth + 1);
                }

                break;
            case List<object?> list:
                foreach (var item in list)
                {
                    if (name == "*")
                    {
                        found.Add(item);
                    }

                    Descend(item, name, found, depth + 1);
                }

                break;
            default:
                break;
        }
    }
}
