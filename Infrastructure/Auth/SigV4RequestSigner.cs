namespace WebSocketAspire.Infrastructure.Auth;

// Compiled into Functions as well (it signs @connections calls there): BCL-only and internal, like SigV4.cs.

/// <summary>Signs an outgoing request with SigV4: adds <c>Host</c>, <c>X-Amz-Date</c>, an optional <c>X-Amz-Security-Token</c> and <c>Authorization</c>.</summary>
internal static class SigV4RequestSigner
{
    public static void Sign(HttpRequestMessage request, ReadOnlySpan<byte> body, SigV4SigningCredentials credentials, string region, string service, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        var uri = request.RequestUri ?? throw new ArgumentException("The request has no URI.", nameof(request));

        var amzDate = SigV4.FormatAmzDate(now);
        var host = uri.Authority;
        request.Headers.Host = host;
        request.Headers.Add("X-Amz-Date", amzDate);
        var signed = new List<KeyValuePair<string, IEnumerable<string>>>
        {
            new("host", [host]),
            new("x-amz-date", [amzDate]),
        };
        if (credentials.SessionToken is { } token)
        {
            request.Headers.Add("X-Amz-Security-Token", token);
            signed.Add(new("x-amz-security-token", [token]));
        }

        // AbsolutePath is the path exactly as it goes on the wire (still percent-encoded);
        // SigV4 encodes it once more for the canonical URI.
        var authorization = SigV4.Authorize(
            request.Method.Method,
            uri.AbsolutePath,
            uri.Query,
            signed,
            SigV4.HexSha256(body),
            credentials.AccessKeyId,
            credentials.SecretAccessKey,
            SigV4Scope.For(now, region, service),
            amzDate);
        request.Headers.TryAddWithoutValidation("Authorization", authorization.Format());
    }
}

/// <summary>The key pair (and, for temporary credentials, the session token) a request is signed with.</summary>
internal sealed record SigV4SigningCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken = null);
