using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using WebSocketAspire.Infrastructure.Auth;

namespace WebSocketAspire.Infrastructure.Http;

/// <summary>An HTTP request as SigV4 sees it: the headers as sent, and the path and query exactly as on the wire (not decoded).</summary>
internal static class SignedRequests
{
    public static List<KeyValuePair<string, IEnumerable<string>>> Headers(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return [.. context.Request.Headers.Select(h => new KeyValuePair<string, IEnumerable<string>>(h.Key, h.Value.Select(v => v ?? "")))];
    }

    public static SigV4Request Read(HttpContext context, IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers, ReadOnlyMemory<byte> body)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.ToString();
        var queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        return new SigV4Request(
            context.Request.Method,
            queryStart < 0 ? rawTarget : rawTarget[..queryStart],
            queryStart < 0 ? null : rawTarget[(queryStart + 1)..],
            headers,
            body);
    }
}
