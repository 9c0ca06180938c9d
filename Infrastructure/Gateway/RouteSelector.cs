using WebSocketAspire.Infrastructure.Template.Model;

namespace WebSocketAspire.Infrastructure.Gateway;

/// <summary>Picks the route for a message: evaluate the API's route selection expression, match a route key exactly, else <c>$default</c>.</summary>
internal sealed class RouteSelector
{
    public const string DefaultRoute = "$default";

    private readonly SelectionExpression _expression;
    private readonly IReadOnlyDictionary<string, RouteModel> _routes;

    public RouteSelector(WebSocketApiModel api)
    {
        ArgumentNullException.ThrowIfNull(api);
        _expression = SelectionExpression.Parse(api.RouteSelectionExpression);
        _routes = api.Routes;
    }

    /// <summary>The selected route, or null when nothing matches and there is no <c>$default</c> route.</summary>
    public RouteModel? Select(string body)
    {
        var key = Evaluate(body);
        if (key is not null && !key.StartsWith('$') && _routes.TryGetValue(key, out var route))
        {
            return route;
        }
        return _routes.GetValueOrDefault(DefaultRoute);
    }

    /// <summary>The evaluated route key, or null when the body is not JSON.</summary>
    public string? Evaluate(string body)
    {
        var key = _expression.EvaluateOnBody(body, out var bodyIsJson);
        return bodyIsJson ? key : null;
    }
}
