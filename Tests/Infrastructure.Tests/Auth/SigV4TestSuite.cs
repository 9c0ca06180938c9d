using WebSocketAspire.Infrastructure.Auth;

namespace WebSocketAspire.Tests.Infrastructure.Auth;

/// <summary>Common inputs of the AWS SigV4 test suite.</summary>
internal static class SigV4TestSuite
{
    public const string AccessKeyId = "AKIDEXAMPLE";
    public const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    public const string AmzDate = "20150830T123600Z";
    public static readonly SigV4Scope Scope = new("20150830", "us-east-1", "service");

    public static List<KeyValuePair<string, IEnumerable<string>>> Headers(params (string Name, string Value)[] extra)
    {
        var headers = new List<KeyValuePair<string, IEnumerable<string>>>
        {
            new("Host", ["example.amazonaws.com"]),
            new("X-Amz-Date", [AmzDate]),
        };
        headers.AddRange(extra.Select(h => new KeyValuePair<string, IEnumerable<string>>(h.Name, [h.Value])));
        return headers;
    }

    public static (string CanonicalRequest, string Signature) Sign(string method, string path, string query, List<KeyValuePair<string, IEnumerable<string>>> headers)
    {
        var normalized = SigV4.NormalizeHeaders(headers);
        var canonical = SigV4.CanonicalRequest(
            method,
            SigV4.CanonicalUri(path),
            SigV4.CanonicalQueryString(query),
            SigV4.CanonicalHeaders(normalized, normalized.Keys),
            SigV4.SignedHeaders(normalized.Keys),
            SigV4.EmptyPayloadHash);
        return (canonical, SigV4.ComputeSignature(Secret, AmzDate, Scope, canonical));
    }
}
