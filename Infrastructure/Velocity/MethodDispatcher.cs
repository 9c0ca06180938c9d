namespace WebSocketAspire.Infrastructure.Velocity;

/// <summary>Routes a method call to the receiver's implementation; false means no such method for that receiver and arity.</summary>
internal static class MethodDispatcher
{
    public static bool TryInvoke(object target, MethodId method, ReadOnlySpan<object?> args, RenderContext context, out object? result)
    {
        var handled = target switch
        {
            string s => StringMethods.TryInvoke(s, method, args, out result),
            List<object?> list => CollectionMethods.TryInvoke(list, method, args, out result),
            IVelocityMap map => CollectionMethods.TryInvoke(map, method, args, out result),
            MapEntry entry => CollectionMethods.TryInvoke(entry, method, args, out result),
            ForeachState state => TryInvoke(state, method, args, out result),
            InputObject input => input.TryInvoke(method, args, out result),
            UtilObject util => UtilObject.TryInvoke(method, args, out result),
            _ => Unhandled(out result),
        };
        return handled || TryInvokeObject(target, method, args, out result);
    }

    /// <summary>java.lang.Object methods every receiver has.</summary>
    private static bool TryInvokeObject(object target, MethodId method, ReadOnlySpan<object?> args, out object? result)
    {
        switch (method)
        {
            case MethodId.ToString when args.Length == 0:
                result = JavaFormat.ToJavaString(target);
                return true;
            case MethodId.Equals when args.Length == 1:
                result = JavaOperators.Box(JavaOperators.JavaEquals(target, args[0]));
                return true;
            case MethodId.HashCode when args.Length == 0:
                result = (long)JavaFormat.ToJavaString(target).GetHashCode(StringComparison.Ordinal);
                return true;
            default:
                result = null;
                return false;
        }
    }

    private static bool TryInvoke(ForeachState state, MethodId method, ReadOnlySpan<object?> args, out object? result)
    {
        result = args.Length != 0 ? null : method switch
        {
            MethodId.GetIndex => (long)state.Index,
            MethodId.GetCount => (long)state.Count,
            MethodId.HasNext => JavaOperators.Box(state.HasNext),
            MethodId.IsFirst => JavaOperators.Box(state.First),
            MethodId.IsLast => JavaOperators.Box(state.Last),
            MethodId.GetParent => state.Parent,
            _ => null,
        };
        return result is not null || (method == MethodId.GetParent && args.Length == 0);
    }

    private static bool Unhandled(out object? result)
    {
        result = null;
        return false;
    }
}
