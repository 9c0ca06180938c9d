using WebSocketAspire.Infrastructure.Auth;

namespace WebSocketAspire.Functions.Connections;

/// <summary>Adds SigV4 headers (<c>Host</c>, <c>X-Amz-Date</c>, optional <c>X-Amz-Security-Token</c>, <c>Authorization</c>) to a request.</summary>
internal static class AwsRequestSigner
{
    public const string ExecuteApiService = "execute-api";

    public static void Sign(HttpRequestMessage request, ReadOnlySpan<byte> body, AwsCredentials credentials, string region, DateTimeOffset now)
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
            SigV4Scope.For(now, region, ExecuteApiService),
            amzDate);
        request.Headers.TryAddWithoutValidation("Authorization", authorization.Format());
    }
}
