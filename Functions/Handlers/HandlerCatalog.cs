using Microsoft.Extensions.DependencyInjection;
using WebSocketAspire.Functions.Events;
using WebSocketAspire.Functions.Runtime;

namespace WebSocketAspire.Functions.Handlers;

/// <summary>The handlers this executable offers, by the <c>Handler</c> value used in template.yaml.</summary>
internal static class HandlerCatalog
{
    public const string Authorizer = "authorizer";
    public const string Connect = "connect";
    public const string Disconnect = "disconnect";
    public const string SendMessage = "sendmessage";

    public static IReadOnlyList<string> Names { get; } = [Authorizer, Connect, Disconnect, SendMessage];

    /// <summary>Builds the named handler with its dependencies; null for an unknown name.</summary>
    public static IFunctionHandler? Create(string? name, IServiceProvider services)
    {
        var json = FunctionsJsonContext.Default;
        return name switch
        {
            Authorizer => new EventHandlerAdapter<AuthorizerRequest, AuthorizerResponse>(
                name, services.GetRequiredService<AuthorizerHandler>(), json.AuthorizerRequest, json.AuthorizerResponse,
                e => (e.RequestContext?.ConnectionId, e.RequestContext?.RouteKey)),
            Connect => new EventHandlerAdapter<WebSocketProxyEvent, ProxyResponse>(
                name, services.GetRequiredService<ConnectHandler>(), json.WebSocketProxyEvent, json.ProxyResponse, DescribeProxy),
            Disconnect => new EventHandlerAdapter<WebSocketProxyEvent, ProxyResponse>(
                name, services.GetRequiredService<DisconnectHandler>(), json.WebSocketProxyEvent, json.ProxyResponse, DescribeProxy),
            SendMessage => new EventHandlerAdapter<SendMessageEvent, ProxyResponse>(
                name, services.GetRequiredService<SendMessageHandler>(), json.SendMessageEvent, json.ProxyResponse,
                e => (e.RequestContext?.ConnectionId, e.RequestContext?.RouteKey)),
            _ => null,
        };
    }

    private static (string?, string?) DescribeProxy(WebSocketProxyEvent e) => (e.RequestContext?.ConnectionId, e.RequestContext?.RouteKey);
}
