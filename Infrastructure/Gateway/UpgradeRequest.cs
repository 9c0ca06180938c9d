namespace WebSocketAspire.Infrastructure.Gateway;

/// <summary>The WebSocket upgrade request as the gateway's logic sees it, independent of the web server.</summary>
internal sealed record UpgradeRequest
{
    /// <summary>Request headers in arrival order, with their original names and every value.</summary>
    public required IReadOnlyList<KeyValuePair<string, string[]>> Headers { get; init; }
    /// <summary>Query-string parameters in order; empty when the URL has no query string.</summary>
    public IReadOnlyList<KeyValuePair<string, string[]>> Query { get; init; } = [];
    public required string SourceIp { get; init; }
    /// <summary>The Host the client asked for (e.g. <c>127.0.0.1:3001</c>); events report it as <c>domainName</c>.</summary>
    public required string DomainName { get; init; }
    public int Port { get; init; }
    public string Scheme { get; init; } = "http";

    public string? Header(string name)
    {
        foreach (var (key, values) in Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return values.Length > 0 ? values[^1] : null;
            }
        }
        return null;
    }

    public string? QueryValue(string name)
    {
        foreach (var (key, values) in Query)
        {
            if (string.Equals(key, name, StringComparison.Ordinal))
            {
                return values.Length > 0 ? values[^1] : null;
            }
        }
        return null;
    }
}
