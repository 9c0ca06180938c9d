using System.Text;
using WebSocketAspire.Infrastructure.Auth;

namespace WebSocketAspire.Tests.Infrastructure.Auth;

public sealed class SigV4VerifierTests
{
    private const string AccessKeyId = "AKIDLOCAL";
    private const string Secret = "local-secret";
    private const string Host = "127.0.0.1:3001";
    private const string ConnectionsPath = "/stage/@connections/BFaT_fALIAMCKug%3D";
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_request_signed_with_the_shared_primitives_verifies()
    {
        var request = Signed("POST", ConnectionsPath, "hello"u8.ToArray());

        var result = Verifier().Verify(request);

        Assert.True(result.IsValid, result.Message);
        Assert.Equal(AccessKeyId, result.AccessKeyId);
    }

    [Theory]
    [InlineData("/stage/@connections/abc%3D")]
    [InlineData("/stage/%40connections/abc%3D")]
    public void Encoded_paths_verify_against_the_raw_path(string path)
    {
        var result = Verifier().Verify(Signed("GET", path, []));

        Assert.True(result.IsValid, result.Message);
    }

    [Fact]
    public void Decoding_the_path_before_verifying_breaks_the_signature()
    {
        var request = Signed("GET", "/stage/@connections/abc%3D", []) with { RawPath = "/stage/@connections/abc=" };

        Assert.Equal(SigV4Verifier.SignatureMismatchMessage, Verifier().Verify(request).Message);
    }

    [Fact]
    public void A_tampered_body_fails() =>
        AssertMismatch(Signed("POST", ConnectionsPath, "hello"u8.ToArray()) with { Body = "HELLO"u8.ToArray() });

    [Fact]
    public void A_tampered_path_fails() =>
        AssertMismatch(Signed("POST", ConnectionsPath, []) with { RawPath = "/stage/@connections/other%3D" });

    [Fact]
    public void A_tampered_signed_header_fails()
    {
        var request = Signed("POST", ConnectionsPath, [], ("X-Custom", "a"));
        var headers = request.Headers.Select(h => h.Key == "X-Custom" ? new KeyValuePair<string, IEnumerable<string>>(h.Key, ["b"]) : h).ToList();

        AssertMismatch(request with { Headers = headers });
    }

    [Fact]
    public void A_wrong_secret_fails() =>
        AssertMismatch(Signed("POST", ConnectionsPath, [], secret: "not-the-secret"));

    [Fact]
    public void An_unknown_access_key_fails_as_an_invalid_token()
    {
        var result = Verifier().Verify(Signed("POST", ConnectionsPath, [], accessKeyId: "AKIDUNKNOWN"));

        Assert.False(result.IsValid);
        Assert.Equal("UnrecognizedClientException", result.ErrorType);
        Assert.Equal(SigV4Verifier.InvalidTokenMessage, result.Message);
    }

    [Fact]
    public void An_old_signature_is_expired()
    {
        var result = Verifier().Verify(Signed("POST", ConnectionsPath, [], signedAt: Now.AddMinutes(-6)));

        Assert.False(result.IsValid);
        Assert.Equal("Signature expired: 20261124T005400Z is now earlier than 20261124T005500Z (20261124T010000Z - 5 min.)", result.Message);
    }

    [Fact]
    public void A_signature_within_the_skew_verifies() =>
        Assert.True(Verifier().Verify(Signed("POST", ConnectionsPath, [], signedAt: Now.AddMinutes(4))).IsValid);

    [Fact]
    public void A_signature_from_the_future_is_not_yet_current() =>
        Assert.StartsWith("Signature not yet current", Verifier().Verify(Signed("POST", ConnectionsPath, [], signedAt: Now.AddMinutes(6))).Message, StringComparison.Ordinal);

    [Fact]
    public void A_request_without_authorization_is_missing_the_token()
    {
        var request = new SigV4Request("POST", ConnectionsPath, null, [new("Host", [Host])], Array.Empty<byte>());

        var result = Verifier().Verify(request);

        Assert.Equal("MissingAuthenticationTokenException", result.ErrorType);
        Assert.Equal(SigV4Verifier.MissingTokenMessage, result.Message);
    }

    [Fact]
    public void Another_service_in_the_scope_is_rejected()
    {
        var result = Verifier().Verify(Signed("POST", ConnectionsPath, [], service: "s3"));

        Assert.Equal("IncompleteSignatureException", result.ErrorType);
        Assert.Equal("Credential should be scoped to correct service: 'execute-api'.", result.Message);
    }

    [Fact]
    public void A_configured_region_must_match_the_scope()
    {
        var verifier = new SigV4Verifier(
            key => key == AccessKeyId ? new SigV4Credential(Secret) : null, new FixedTimeProvider(Now), region: "eu-west-1");

        var result = verifier.Verify(Signed("POST", ConnectionsPath, []));

        Assert.Equal("Credential should be scoped to a valid region, not 'us-east-1'.", result.Message);
    }

    [Fact]
    public void Scope_date_must_match_the_request_date()
    {
        var request = Signed("POST", ConnectionsPath, []);
        var headers = request.Headers.Select(h => h.Key == "X-Amz-Date" ? new KeyValuePair<string, IEnumerable<string>>(h.Key, ["20261125T010000Z"]) : h).ToList();

        var result = new SigV4Verifier(key => new SigV4Credential(Secret), new FixedTimeProvider(Now.AddDays(1))).Verify(request with { Headers = headers });

        Assert.StartsWith("Date in Credential scope does not match YYYYMMDD", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_query_string_is_part_of_the_signature()
    {
        var request = Signed("GET", ConnectionsPath, [], query: "b=2&a=1");

        Assert.True(Verifier().Verify(request).IsValid);
        AssertMismatch(request with { RawQuery = "a=1&b=3" });
    }

    [Fact]
    public void Session_tokens_must_match_the_temporary_credential()
    {
        var verifier = new SigV4Verifier(
            key => key == AccessKeyId ? new SigV4Credential(Secret, "session-token") : null,
            new FixedTimeProvider(Now));

        Assert.True(verifier.Verify(Signed("POST", ConnectionsPath, [], ("X-Amz-Security-Token", "session-token"))).IsValid);
        Assert.Equal(SigV4Verifier.InvalidTokenMessage, verifier.Verify(Signed("POST", ConnectionsPath, [], ("X-Amz-Security-Token", "other"))).Message);
        Assert.Equal(SigV4Verifier.InvalidTokenMessage, verifier.Verify(Signed("POST", ConnectionsPath, [])).Message);
    }

    [Fact]
    public void A_content_sha256_header_must_match_the_body()
    {
        var body = "hello"u8.ToArray();
        var hash = SigV4.HexSha256(body);

        Assert.True(Verifier().Verify(Signed("POST", ConnectionsPath, body, ("X-Amz-Content-Sha256", hash))).IsValid);

        var tampered = Signed("POST", ConnectionsPath, body, ("X-Amz-Content-Sha256", hash)) with { Body = "bye"u8.ToArray() };
        var result = Verifier().Verify(tampered);
        Assert.False(result.IsValid);
        Assert.Equal("The provided 'x-amz-content-sha256' header does not match what was computed.", result.Message);
    }

    [Fact]
    public void Unsigned_payload_skips_the_body_hash()
    {
        var request = Signed("POST", ConnectionsPath, "a"u8.ToArray(), ("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD"));

        Assert.True(Verifier().Verify(request with { Body = "b"u8.ToArray() }).IsValid);
    }

    private static SigV4Verifier Verifier() =>
        new(key => key == AccessKeyId ? new SigV4Credential(Secret) : null, new FixedTimeProvider(Now));

    private static void AssertMismatch(SigV4Request request)
    {
        var result = Verifier().Verify(request);
        Assert.False(result.IsValid);
        Assert.Equal("InvalidSignatureException", result.ErrorType);
        Assert.Equal(SigV4Verifier.SignatureMismatchMessage, result.Message);
    }

    private static SigV4Request Signed(
        string method,
        string rawPath,
        byte[] body,
        params (string Name, string Value)[] extraHeaders) =>
        Signed(method, rawPath, body, null, AccessKeyId, Secret, Now, "execute-api", extraHeaders);

    private static SigV4Request Signed(
        string method,
        string rawPath,
        byte[] body,
        string? query = null,
        string accessKeyId = AccessKeyId,
        string secret = Secret,
        DateTimeOffset? signedAt = null,
        string service = "execute-api",
        params (string Name, string Value)[] extraHeaders)
    {
        var time = signedAt ?? Now;
        var amzDate = SigV4.FormatAmzDate(time);
        var headers = new List<KeyValuePair<string, IEnumerable<string>>>
        {
            new("Host", [Host]),
            new("X-Amz-Date", [amzDate]),
        };
        headers.AddRange(extraHeaders.Select(h => new KeyValuePair<string, IEnumerable<string>>(h.Name, [h.Value])));

        var payloadHash = extraHeaders.FirstOrDefault(h => h.Name == "X-Amz-Content-Sha256").Value ?? SigV4.HexSha256(body);
        var authorization = SigV4.Authorize(
            method, rawPath, query, headers, payloadHash, accessKeyId, secret,
            SigV4Scope.For(time, "us-east-1", service), amzDate);
        headers.Add(new("Authorization", [authorization.Format()]));
        headers.Add(new("Content-Type", [Encoding.UTF8.WebName]));
        return new SigV4Request(method, rawPath, query, headers, body);
    }
}
