namespace WebSocketAspire.Infrastructure.Velocity;

/// <summary>$input: body, json(path), path(path), params() and params(name). Pooled per thread and reset per render.</summary>
internal sealed class InputObject
{
    private MappingInput? _input;
    private bool _parsed;
    private object? _root;

    public void Reset(MappingInput? input)
    {
        _input = input;
        _parsed = false;
        _root = null;
    }

    public bool TryInvoke(MethodId method, ReadOnlySpan<object?> args, out object? result)
    {
        var input = _input ?? throw new TemplateError("$input used outside a render");
        result = null;
        switch (method, args.Length)
        {
            case (MethodId.GetBody, 0):
                result = input.Body;
                return true;
            case (MethodId.Json, 1):
                result = JsonPath.TrySelect(Root(), PathArgument(args[0]), out var selected) ? JsonText.Write(selected) : string.Empty;
                return true;
            case (MethodId.Path, 1):
                JsonPath.TrySelect(Root(), PathArgument(args[0]), out result);
                return true;
            case (MethodId.Params, 0):
                var all = new VelocityMap(3);
                all.Put("path", new StringMapView(input.PathParameters, ignoreCase: false));
                all.Put("querystring", new StringMapView(input.QueryString, ignoreCase: false));
                all.Put("header", new StringMapView(input.Headers, ignoreCase: true));
                result = all;
                return true;
            case (MethodId.Params, 1):
                result = Param(input, args[0] as string ?? string.Empty);
                return true;
            default:
                return false;
        }
    }

    /// <summary>API Gateway searches path, then query string, then headers; absent gives "".</summary>
    private static string Param(MappingInput input, string name)
    {
        if (input.PathParameters.TryGetValue(name, out var value) || input.QueryString.TryGetValue(name, out value))
        {
            return value;
        }

        return new StringMapView(input.Headers, ignoreCase: true).TryGet(name, out var header) ? (string)header! : string.Empty;
    }

    private static string PathArgument(object? value) =>
        value as string ?? throw new TemplateError("a JSONPath argument must be a string");

    /// <summary>
    /// The body parsed once per render. An empty body reads as {} (what API Gateway REST APIs do);
    /// a non-JSON body fails the render, since a template that navigates it cannot produce what its author meant.
    /// </summary>
    private object? Root()
    {
        if (!_parsed)
        {
            var body = _input!.Body;
            _root = string.IsNullOrWhiteSpace(body) ? new VelocityMap() : JsonValues.Parse(body);
            _parsed = true;
        }

        return _root;
    }
}
