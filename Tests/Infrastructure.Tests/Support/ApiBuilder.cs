using WebSocketAspire.Infrastructure.Template.Model;

namespace WebSocketAspire.Tests.Infrastructure.Support;

/// <summary>Builds a <see cref="WebSocketApiModel"/> by hand, the way the template loader would resolve it.</summary>
internal sealed class ApiBuilder
{
    public const string ApiId = "abc123defg";
    public const string StageName = "prod";

    private readonly Dictionary<string, RouteModel> _routes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IntegrationModel> _integrations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AuthorizerModel> _authorizers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _stageVariables = new(StringComparer.Ordinal);
    private string _routeSelectionExpression = "$request.body.action";

    public ApiBuilder RouteSelection(string expression)
    {
        _routeSelectionExpression = expression;
        return this;
    }

    /// <summary>A route with no integration.</summary>
    public ApiBuilder Route(string routeKey, Func<RouteModel, RouteModel>? configure = null)
    {
        var route = new RouteModel { LogicalId = "Route" + _routes.Count, RouteKey = routeKey };
        _routes[routeKey] = configure is null ? route : configure(route);
        return this;
    }

    /// <summary>A route whose AWS_PROXY integration invokes <paramref name="functionId"/>.</summary>
    public ApiBuilder ProxyRoute(string routeKey, string functionId, Func<RouteModel, RouteModel>? configure = null)
    {
        var integrationId = "Integration" + _integrations.Count;
        _integrations[integrationId] = new IntegrationModel
        {
            LogicalId = integrationId,
            Type = IntegrationType.AwsProxy,
            FunctionId = functionId,
            IntegrationUri = "arn:aws:lambda:us-east-1:123456789012:function:" + functionId,
        };
        return Route(routeKey, r =>
        {
            var withIntegration = r with { IntegrationId = integrationId };
            return configure is null ? withIntegration : configure(withIntegration);
        });
    }

    public ApiBuilder Authorizer(string logicalId, string functionId, params string[] identitySources)
    {
        _authorizers[logicalId] = new AuthorizerModel
        {
            LogicalId = logicalId,
            Name = logicalId,
            FunctionId = functionId,
            IdentitySource = identitySources,
        };
        return this;
    }

    public ApiBuilder StageVariable(string name, string value)
    {
        _stageVariables[name] = value;
        return this;
    }

    public WebSocketApiModel Build() => new()
    {
        LogicalId = "ChatApi",
        Name = "chat",
        ApiId = ApiId,
        RouteSelectionExpression = _routeSelectionExpression,
        Routes = new Dictionary<string, RouteModel>(_routes, StringComparer.Ordinal),
        Integrations = new Dictionary<string, IntegrationModel>(_integrations, StringComparer.Ordinal),
        Authorizers = new Dictionary<string, AuthorizerModel>(_authorizers, StringComparer.Ordinal),
        Stage = new StageModel { Name = StageName, Variables = new Dictionary<string, string>(_stageVariables, StringComparer.Ordinal) },
    };

    /// <summary>Marks a route two-way: <c>RouteResponseSelectionExpression: $default</c> and a <c>$default</c> route response.</summary>
    public static RouteModel TwoWay(RouteModel route) =>
        route with { RouteResponseSelectionExpression = "$default", RouteResponseKeys = ["$default"] };

    /// <summary>Puts a CUSTOM authorizer on a route.</summary>
    public static Func<RouteModel, RouteModel> Authorized(string authorizerId) =>
        route => route with { AuthorizationType = "CUSTOM", AuthorizerId = authorizerId };
}
