using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace WebSocketAspire.Infrastructure.Gateway;

/// <summary>
/// Puts a <see cref="CloseFrameSniffer"/> between the WebSocket and the upgraded connection. Installed
/// before the WebSockets middleware, which takes the upgrade feature it finds on the request.
/// </summary>
internal sealed class SniffingUpgradeFeature(IHttpUpgradeFeature inner, HttpContext context) : IHttpUpgradeFeature
{
    private const string ItemKey = "WebSocketAspire.CloseFrameSniffer";

    public bool IsUpgradableRequest => inner.IsUpgradableRequest;

    public async Task<Stream> UpgradeAsync()
    {
        var sniffer = new CloseFrameSniffer(await inner.UpgradeAsync());
        context.Items[ItemKey] = sniffer;
        return sniffer;
    }

    /// <summary>The sniffer of this request's upgraded stream, once upgraded.</summary>
    public static CloseFrameSniffer? Of(HttpContext context) => context.Items.TryGetValue(ItemKey, out var value) ? value as CloseFrameSniffer : null;

    /// <summary>Middleware: wraps the upgrade feature of every upgradable request.</summary>
    public static RequestDelegate Install(RequestDelegate next) => context =>
    {
        if (context.Features.Get<IHttpUpgradeFeature>() is { IsUpgradableRequest: true } upgrade)
        {
            context.Features.Set<IHttpUpgradeFeature>(new SniffingUpgradeFeature(upgrade, context));
        }
        return next(context);
    };
}
