namespace WebSocketAspire.Infrastructure.Velocity;

/// <summary>Velocity 1.7 operator semantics: numeric promotion, integer division, string concatenation, loose equality.</summary>
internal static class JavaOperators
{
    public static readonly object True = true;
    public static readonly object False = false;

    public static object Box(bool value) => value ? True : False;

    public static bool IsTruthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        _ => true,
    };

    public static bool IsNumber(object? value) => value is long or int or double;

    public static bool IsIntegral(object? value) => value is long or int;

    public static long ToLong(object value) => value switch
    {
        long l => l,
        int i => i,
        double d => (long)d,
        _ => throw new TemplateError("not a number"),
    };

    public static double ToDouble(object value) => value switch
    {
        long l => l,
        int i => i,
        double d => d,
        _ => throw new TemplateError("not a number"),
    };

    public static object? Add(object? left, object? right)
    {
        if (left is string || right is string)
        {
            if (left is null || right is null)
            {
                return null;
            }

            var a = JavaFormat.ToJavaString(left);
            var b = JavaFormat.ToJavaString(right);
            Limits.CheckLength((long)a.Length + b.Length);
            return string.Concat(a, b);
        }

        return Arithmetic('+', left, right);
    }

    public static object? Arithmetic(char op, object? left, object? right)
    {
        if (!IsNumber(left) || !IsNumber(right))
        {
            return null;
        }

        if (IsIntegral(left) && IsIntegral(right))
        {
            var a = ToLong(left!);
            var b = ToLong(right!);
            return op switch
            {
                '+' => unchecked(a + b),
                '-' => unchecked(a - b),
                '*' => unchecked(a * b),
                '/' => b == 0 ? null : (a == long.MinValue && b == -1 ? a : a / b),
                '%' => b == 0 ? null : (b == -1 ? 0L : a % b),
                _ => null,
            };
        }

        var x = ToDouble(left!);
        var y = ToDouble(right!);
        return op switch
        {
            '+' => x + y,
            '-' => x - y,
            '*' => x * y,
            '/' => y == 0 ? null : x / y,
            '%' => y == 0 ? null : x % y,
            _ => null,
        };
    }

    public static object? Negate(object? value) => value switch
    {
        long l => unchecked(-l),
        int i => -(long)i,
        double d => -d,
        _ => null,
    };

    /// <summary>Velocity 1.7 ==: numbers by value, same types by equals(), otherwise by toString().</summary>
    public static bool AreEqual(object? left, object? right)
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        if (IsNumber(left) && IsNumber(right))
        {
            return IsIntegral(left) && IsIntegral(right) ? ToLong(left) == ToLong(right) : ToDouble(left) == ToDouble(right);
        }

        if (left.GetType() == right.GetType() || (left is IVelocityMap && right is IVelocityMap))
        {
            return JavaEquals(left, right);
        }

        return string.Equals(JavaFormat.ToJavaString(left), JavaFormat.ToJavaString(right), StringComparison.Ordinal);
    }

    /// <summary>Java equals(): no cross-type coercion, but lists and maps compare element-wise.</summary>
    public static bool JavaEquals(object? left, object? right) => JavaEquals(left, right, 0);

    private static bool JavaEquals(object? left, object? right, int depth)
    {
        if (depth > 64)
        {
            // Self-containing collections would otherwise recurse until the stack overflows.
            throw new TemplateError("collections nested too deeply to compare");
        }

        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        if (IsIntegral(left) && IsIntegral(right))
        {
            return ToLong(left) == ToLong(right);
        }

        if (left is List<object?> a && right is List<object?> b)
        {
            if (a.Count != b.Count)
            {
                return false;
            }

            for (var i = 0; i < a.Count; i++)
            {
                if (!ReferenceEquals(a[i], b[i]) && !JavaEquals(a[i], b[i], depth + 1))
                {
                    return false;
                }
            }

            return true;
        }

        if (left is IVelocityMap m && right is IVelocityMap n)
        {
            if (m.Count != n.Count)
            {
                return false;
            }

            foreach (var pair in m.Entries)
            {
                if (!n.TryGet(pair.Key, out var other) || !JavaEquals(pair.Value, other, depth + 1))
                {
                    return false;
                }
            }

            return true;
        }

        return left.Equals(right);
    }

    /// <summary>Velocity 1.7 relational operators only compare numbers; anything else is false.</summary>
    public static bool Compare(string op, object? left, object? right)
    {
        if (!IsNumber(left) || !IsNumber(right))
        {
            return false;
        }

        int sign;
        if (IsIntegral(left) && IsIntegral(right))
        {
            sign = ToLong(left!).CompareTo(ToLong(right!));
        }
        else
        {
            var x = ToDouble(left!);
            var y = ToDouble(right!);
            if (double.IsNaN(x) || double.IsNaN(y))
            {
                return false;
            }

            sign = x.CompareTo(y);
        }

        return op switch
        {
            "<" => sign < 0,
            "<=" => sign <= 0,
            ">" => sign > 0,
            ">=" => sign >= 0,
            _ => false,
        };
    }
}
