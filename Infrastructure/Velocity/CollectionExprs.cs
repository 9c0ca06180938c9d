namespace WebSocketAspire.Infrastructure.Velocity;

/// <summary>A list literal [a, b].</summary>
internal sealed class ListExpr : Expr
{
    private readonly Expr[] _items;

    public ListExpr(int position, Expr[] items)
        : base(position)
    {
        _items = items;
    }

    public override object? Evaluate(RenderContext context)
    {
        var list = new List<object?>(_items.Length);
        foreach (var item in _items)
        {
            list.Add(item.Evaluate(context));
        }

        return list;
    }
}

/// <summary>A map literal {"a": 1}.</summary>
internal sealed class MapExpr : Expr
{
    private readonly Expr[] _keys;
    private readonly Expr[] _values;

    public MapExpr(int position, Expr[] keys, Expr[] values)
        : base(position)
    {
        _keys = keys;
        _values = values;
    }

    public override object? Evaluate(RenderContext context)
    {
        var map = new VelocityMap(_keys.Length);
        for (var i = 0; i < _keys.Length; i++)
        {
            var key = _keys[i].Evaluate(context);
            context.Position = _keys[i].Position;
            map.Put(key, _values[i].Evaluate(context));
        }

        return map;
    }
}

/// <summary>A range [from..to], ascending or descending, both ends included.</summary>
internal sealed class RangeExpr : Expr
{
    private readonly Expr _from;
    private readonly Expr _to;

    public RangeExpr(int position, Expr from, Expr to)
        : base(position)
    {
        _from = from;
        _to = to;
    }

    public override object? Evaluate(RenderContext context)
    {
        var from = _from.Evaluate(context);
        var to = _to.Evaluate(context);
        if (!JavaOperators.IsNumber(from) || !JavaOperators.IsNumber(to))
        {
            return null;
        }

        var start = JavaOperators.ToLong(from!);
        var end = JavaOperators.ToLong(to!);
        var length = Math.Abs((decimal)end - start) + 1;
        if (length > Limits.MaxRangeLength)
        {
            context.Position = Position;
            throw new TemplateError($"range longer than {Limits.MaxRangeLength} elements");
        }

        var step = start <= end ? 1 : -1;
        var list = new List<object?>((int)length);
        for (var value = start; ; value += step)
        {
            list.Add(value);
            if (value == end)
            {
                break;
            }
        }

        return list;
    }
}
