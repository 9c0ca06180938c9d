using System.Text;
using WebSocketAspire.Infrastructure.Template.Model;
using WebSocketAspire.Infrastructure.Velocity;

namespace WebSocketAspire.Infrastructure.Gateway;

/// <summary>A sample event: the payload a function would receive, or why none can be made.</summary>
internal sealed record SampleEvent(string? Payload, string? Failure, string Description);

/// <summary>
/// The events the gateway would send, built without a client: a route's integration payload (its
/// proxy event, or its mapping template rendered) for the <c>render</c> verb, and for a function the
/// event of its first use in the API, for the dashboard's Invoke command. Built by the same code
/// the gateway runs, so what a sample shows is what a client's request would produce.
/// </summary>
internal static class SampleEvents
{
    /// <summary>The README's sample message, for message routes when the caller gives no body.</summary>
    public const string DefaultBody = """{"action":"sendmessage","message":"hey queen"}""";

    /// <summary>The authorizer context a sample uses when none is given: what the sample stack's authorizer allows.</summary>
    private static readonly Dictionary<string, object?> DefaultAuthorizer = new(StringComparer.Ordinal) { ["principalId"] = "me" };

    /// <summary>The payload <paramref name="route"/>'s integration would receive for <paramref name="body"/>.</summary>
    public static SampleEvent ForRoute(GatewayContext gateway, RouteModel route, string? body, IReadOnlyDictionary<string, object?>? authorizer)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(route);
        var context = Context(gateway, route.RouteKey, authorizer);
        var upgrade = context.EventType == "CONNECT" ? Upgrade(gateway, []) : null;
        var request = new IntegrationRequest(context, body, upgrade, gateway.StageVariables, () => context.EventType switch
        {
            "CONNECT" => ProxyEvents.Connect(context, upgrade!),
            "DISCONNECT" => ProxyEvents.Disconnect(context),
            _ => ProxyEvents.Message(context, body ?? ""),
        });
        try
        {
            var payload = gateway.Integrations.PrepareRequest(route, request);
            return new SampleEvent(payload.Failure is null ? payload.Payload : null, payload.Failure, $"the {route.RouteKey} route's integration request");
        }
        catch (VelocityException e)
        {
            return new SampleEvent(null, $"Mapping template error: {e.Message}", route.RouteKey);
        }
    }

    /// <summary>
    /// The event of <paramref name="functionId"/>'s first use in the API: the REQUEST event of the
    /// authorizer it backs (with a value for each identity source), or the integration payload of the
    /// first route it serves ($connect, then $disconnect, then message routes with the sample body).
    /// Null when the API does not use the function.
    /// </summary>
    public static SampleEvent? ForFunction(GatewayContext gateway, string functionId)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        var api = gateway.Api;
        if (api.Authorizers.Values.FirstOrDefault(a => a.FunctionId == functionId) is { } authorizer)
        {
            var connect = api.Routes.GetValueOrDefault("$connect")?.RouteKey ?? "$connect";
            var context = Context(gateway, connect, authorizer: null);
            var upgrade = Upgrade(gateway, authorizer.IdentitySource);
            var payload = ProxyEvents.Authorizer(context, upgrade, gateway.MethodArn(connect), gateway.StageVariables);
            return new SampleEvent(Encoding.UTF8.GetString(payload), null, $"the {authorizer.Name} authorizer's request, with a sample value for each identity source");
        }
        var routes = api.Routes.Values
            .Where(r => r.IntegrationId is { } id && api.Integrations.TryGetValue(id, out var integration) && integration.FunctionId == functionId)
            .OrderBy(r => r.RouteKey switch { "$connect" => 0, "$disconnect" => 1, "$default" => 3, _ => 2 })
            .ThenBy(r => r.RouteKey, StringComparer.Ordinal)
            .ToList();
        if (routes.Count == 0)
        {
            return null;
        }
        var route = routes[0];
        var body = route.RouteKey is "$connect" or "$disconnect" ? null : SampleBody(gateway, route.RouteKey);
        return ForRoute(gateway, route, body, DefaultAuthorizer);
    }

    /// <summary>A message that selects <paramref name="routeKey"/> under <c>$request.body.action</c>-style expressions; the README's message otherwise.</summary>
    private static string SampleBody(GatewayContext gateway, string routeKey)
    {
        const string prefix = "$request.body.";
        var expression = gateway.Api.RouteSelectionExpression;
        if (routeKey != "$default" && expression.StartsWith(prefix, StringComparison.Ordinal) && expression[prefix.Length..] is { Length: > 0 } field && !field.Contains('.', StringComparison.Ordinal))
        {
            return $$"""{"{{field}}":"{{routeKey}}","message":"hey queen"}""";
        }
        return DefaultBody;
    }

    private static RequestContextValues Context(GatewayContext gateway, string routeKey, IReadOnlyDictionary<string, object?>? authorizer)
    {
        var ids = gateway.Ids;
        var now = gateway.Time.GetUtcNow();
        var eventType = routeKey switch { "$connect" => "CONNECT", "$disconnect" => "DISCONNECT", _ => "MESSAGE" };
        return new RequestContextValues
        {
            RouteKey = routeKey,
            EventType = eventType,
            ConnectionId = ids.NewId(),
            RequestId = ids.NewId(),
            MessageId = eventType == "MESSAGE" ? ids.NewId() : null,
            RequestTime = now,
            ConnectedAt = now,
            Stage = gateway.Api.Stage.Name,
            ApiId = gateway.Api.ApiId,
            Identity = new ConnectionIdentity
            {
                SourceIp = "127.0.0.1",
                DomainName = gateway.Stack.Environment.GatewayAuthority,
                Authorizer = authorizer is { Count: > 0 } ? authorizer : null,
            },
            Disconnect = eventType == "DISCONNECT" ? new DisconnectInfo(1000, "") : null,
        };
    }

    /// <summary>A handshake with a value for each header and query-string identity source (<c>hello</c> for <c>token</c>, as the sample stack expects).</summary>
    private static UpgradeRequest Upgrade(GatewayContext gateway, IReadOnlyList<string> identitySources)
    {
        var headers = new List<KeyValuePair<string, string[]>> { new("Host", [gateway.Stack.Environment.GatewayAuthority]) };
        var query = new List<KeyValuePair<string, string[]>>();
        foreach (var source in identitySources)
        {
            if (source.StartsWith("route.request.header.", StringComparison.Ordinal))
            {
                var name = source["route.request.header.".Length..];
                headers.Add(new(name, [name == "token" ? "hello" : "sample"]));
            }
            else if (source.StartsWith("route.request.querystring.", StringComparison.Ordinal))
            {
                var name = source["route.request.querystring.".Length..];
                query.Add(new(name, [name == "token" ? "hello" : "sample"]));
            }
        }
        return new UpgradeRequest { Headers = headers, Query = query, SourceIp = "127.0.0.1", DomainName = gateway.Stack.Environment.GatewayAuthority };
    }
}
