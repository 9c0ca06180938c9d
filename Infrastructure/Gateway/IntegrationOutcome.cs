namespace WebSocketAspire.Infrastructure.Gateway;

/// <summary>The result of running one integration, in the terms the gateway acts on.</summary>
internal sealed record IntegrationOutcome
{
    /// <summary>Set when the integration failed (function error, invalid payload, timeout): the client gets an error frame, or 502 on $connect.</summary>
    public string? Failure { get; init; }
    /// <summary>The HTTP-like status: the proxy result's <c>statusCode</c>, or 200 for a successful non-proxy integration.</summary>
    public int StatusCode { get; init; } = 200;
    /// <summary>Headers a proxy <c>$connect</c> result asks to put on the handshake response.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    /// <summary>What a two-way route sends back to the client, if anything.</summary>
    public string? ResponseBody { get; init; }

    public bool Failed => Failure is not null;

    public static IntegrationOutcome Fail(string reason) => new() { Failure = reason, StatusCode = 502 };

    /// <summary>A route without an integration: nothing to call, accepted as is.</summary>
    public static readonly IntegrationOutcome None = new();
}
