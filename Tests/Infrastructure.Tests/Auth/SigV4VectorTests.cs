using WebSocketAspire.Infrastructure.Auth;

namespace WebSocketAspire.Tests.Infrastructure.Auth;

public sealed class SigV4VectorTests
{
    [Fact]
    public void Get_vanilla()
    {
        var (canonical, signature) = SigV4TestSuite.Sign("GET", "/", "", SigV4TestSuite.Headers());

        Assert.Equal("bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63", SigV4.HexSha256(canonical));
        Assert.Equal("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", signature);
    }

    [Fact]
    public void Get_vanilla_query_order_key_case()
    {
        var (canonical, signature) = SigV4TestSuite.Sign("GET", "/", "Param2=value2&Param1=value1", SigV4TestSuite.Headers());

        Assert.Contains("\nParam1=value1&Param2=value2\n", canonical, StringComparison.Ordinal);
        AssertHash("816cd5b4", "f19e0", canonical);
        Assert.Equal("b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500", signature);
    }

    [Fact]
    public void Get_header_value_trim()
    {
        var headers = SigV4TestSuite.Headers(("My-Header1", " value1"), ("My-Header2", " \"a   b   c\""));

        var (canonical, signature) = SigV4TestSuite.Sign("GET", "/", "", headers);

        Assert.Contains("my-header2:\"a b c\"\n", canonical, StringComparison.Ordinal);
        Assert.Contains("\nhost;my-header1;my-header2;x-amz-date\n", canonical, StringComparison.Ordinal);
        AssertHash("a726db9b", "605c7", canonical);
        Assert.Equal("acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736", signature);
    }

    [Fact]
    public void Post_vanilla()
    {
        var (canonical, signature) = SigV4TestSuite.Sign("POST", "/", "", SigV4TestSuite.Headers());

        AssertHash("553f88c9", "2fc87", canonical);
        Assert.Equal("5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b", signature);
    }

    [Fact]
    public void Get_vanilla_utf8_query()
    {
        var (canonical, signature) = SigV4TestSuite.Sign("GET", "/", "\u1234=bar", SigV4TestSuite.Headers());

        Assert.Contains("\n%E1%88%B4=bar\n", canonical, StringComparison.Ordinal);
        AssertHash("eb30c5be", "a7073", canonical);
        Assert.Equal("2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04", signature);
    }

    [Fact]
    public void Signing_key_matches_the_documented_iam_example()
    {
        var key = SigV4.SigningKey(SigV4TestSuite.Secret, new SigV4Scope("20150830", "us-east-1", "iam"));

        Assert.Equal("c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9", Convert.ToHexStringLower(key));
    }

    [Fact]
    public void Authorize_produces_the_documented_header_for_get_vanilla()
    {
        var authorization = SigV4.Authorize(
            "GET", "/", null, SigV4TestSuite.Headers(), SigV4.EmptyPayloadHash,
            SigV4TestSuite.AccessKeyId, SigV4TestSuite.Secret, SigV4TestSuite.Scope, SigV4TestSuite.AmzDate);

        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
            authorization.Format());
    }

    private static void AssertHash(string prefix, string suffix, string canonicalRequest)
    {
        var hash = SigV4.HexSha256(canonicalRequest);
        Assert.StartsWith(prefix, hash, StringComparison.Ordinal);
        Assert.EndsWith(suffix, hash, StringComparison.Ordinal);
    }
}
