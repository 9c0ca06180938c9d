namespace WebSocketAspire.Infrastructure.Velocity;

/// <summary>One step of a reference chain: .property, .method(args) or [index].</summary>
internal abstract class Segment
{
    protected Segment(int position)
    {
        Position = position;
    }

    public int Position { get; }

    public abstract object? Apply(object target, RenderContext context);

    public virtual void Assign(object target, object value, RenderContext context) =>
        throw new TemplateError("#set can only assign a variable, a map key or a list index");
}

/// <summary>.name: map get('name'), else the getName() / isName() / name() method as Velocity tries them.</summary>
internal sealed class PropertySegment : Segment
{
    private readonly MethodId _getter;
    private readonly MethodId _isGetter;
    private readonly MethodId _plain;

    public PropertySegment(int position, string name)
        : base(position)
    {
        Name = name;
        var capitalized = char.ToUpperInvariant(name[0]) + name[1..];
        _getter = MethodNames.Lookup("get" + capitalized);
        _isGetter = MethodNames.Lookup("is" + capitalized);
        _plain = MethodNames.Lookup(name);
    }

    public string Name { get; }

    public override object? Apply(object target, RenderContext context)
    {
        if (target is IVelocityMap map)
        {
            return map.TryGet(Name, out var value) ? value : null;
        }

        context.Position = Position;
        var none = ReadOnlySpan<object?>.Empty;
        if ((_getter != MethodId.Unknown && MethodDispatcher.TryInvoke(target, _getter, none, context, out var result))
            || (_isGetter != MethodId.Unknown && MethodDispatcher.TryInvoke(target, _isGetter, none, context, out result))
            || (_plain != MethodId.Unknown && MethodDispatcher.TryInvoke(target, _plain, none, context, out result)))
        {
            return result;
        }

        return null;
    }

    public override void Assign(object target, object value, RenderContext context)
    {
        if (target is not IVelocityMap map)
        {
            throw new TemplateError($"cannot set property '{Name}' on a {TypeNames.Of(target)}");
        }

        map.Put(Name, value);
    }
}

/// <summary>.name(args): a Java method call; unknown methods fail the render.</summary>
internal sealed class MethodSegment : Segment
{
    private readonly string _name;
    private readonly MethodId _method;
    private readonly Expr[] _arguments;

    public MethodSegment(int position, string name, Expr[] arguments)
        : base(position)
    {
        _name = name;
        _method = MethodNames.Lookup(name);
        _arguments = arguments;
    }

    public override object? Apply(object target, RenderContext context)
    {
        var count = _arguments.Length;
        var buffer = context.ReserveArguments(count, out var offset);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var value = _arguments[i].Evaluate(context);
                buffer = context.ArgumentBuffer;
                buffer[offset + i] = value;
            }

            context.Position = Position;
            context.Tick();
            if (MethodDispatcher.TryInvoke(target, _method, new ReadOnlySpan<object?>(buffer, offset, count), context, out var result))
            {
                return result;
            }

            throw new TemplateError($"unknown method {_name}() with {count} argument(s) on {TypeNames.Of(target)}");
        }
        finally
        {
            Array.Clear(buffer, offset, count);
            context.ArgumentTop = offset;
        }
    }
}

/// <summary>[index]: list get(n) or map get(key).</summary>
internal sealed class IndexSegment : Segment
{
    private readonly Expr _index;

    public IndexSegment(int position, Expr index)
        : base(position)
    {
        _index = index;
    }

    public override object? Apply(object target, RenderContext context)
    {
        var key = _index.Evaluate(context);
        context.Position = Position;
        return target switch
        {
            IVelocityMap map => map.TryGet(key, out var value) ? value : null,
            List<object?> list => list[CollectionMethods.CheckIndex(key, list.Count)],
            string s => s[CollectionMethods.CheckIndex(key, s.Length)].ToString(),
            _ => throw new TemplateError($"cannot index a {TypeNames.Of(target)}"),
        };
    }

    public override void Assign(object target, object value, RenderContext context)
    {
        var key = _index.Evaluate(context);
        context.Position = Position;
        switch (target)
        {
            case IVelocityMap map:
                map.Put(key, value);
                break;
            case List<object?> list:
                list[CollectionMethods.CheckIndex(key, list.Count)] = value;
                break;
            default:
                throw new TemplateError($"cannot index a {TypeNames.Of(target)}");
        }
    }
}
