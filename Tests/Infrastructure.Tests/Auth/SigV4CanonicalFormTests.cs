using WebSocketAspire.Infrastructure.Auth;

namespace WebSocketAspire.Tests.Infrastructure.Auth;

public sealed class SigV4CanonicalFormTests
{
    [Theory]
    [InlineData("/prod/@connections/abc%3D", "/prod/%40connections/abc%253D")]
    [InlineData("", "/")]
    [InlineData("/a//b/./c/../d/", "/a/b/d/")]
    [InlineData("/example space/", "/example%20space/")]
    public void Canonical_uri_double_encodes_the_raw_path(string raw, string expected) =>
        Assert.Equal(expected, SigV4.CanonicalUri(raw));

    [Fact]
    public void Canonical_query_sorts_by_name_then_value_and_keeps_empty_values() =>
        Assert.Equal("a=&b=1&b=2&c%2Fd=x%20y", SigV4.CanonicalQueryString("?b=2&c%2Fd=x%20y&b=1&a"));

    [Fact]
    public void Repeated_headers_are_joined_with_commas()
    {
        var normalized = SigV4.NormalizeHeaders(
        [
            new("X-Multi", ["one", "  two  "]),
            new("x-multi", ["three"]),
        ]);

        Assert.Equal("one,two,three", normalized["x-multi"]);
    }

    [Fact]
    public void Authorization_header_round_trips()
    {
        const string header = "AWS4-HMAC-SHA256 Credential=AKID/20240101/eu-west-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc";

        Assert.True(SigV4Authorization.TryParse(header, out var parsed, out _));
        Assert.Equal("AKID", parsed!.AccessKeyId);
        Assert.Equal(new SigV4Scope("20240101", "eu-west-1", "execute-api"), parsed.Scope);
        Assert.Equal(["host", "x-amz-date"], parsed.SignedHeaders);
        Assert.Equal(header, parsed.Format());
    }

    [Fact]
    public void Authorization_header_without_signature_is_rejected_with_the_missing_part()
    {
        Assert.False(SigV4Authorization.TryParse("AWS4-HMAC-SHA256 Credential=AKID/20240101/eu-west-1/execute-api/aws4_request, SignedHeaders=host", out _, out var error));
        Assert.StartsWith("Authorization header requires 'Signature' parameter.", error, StringComparison.Ordinal);
    }
}
