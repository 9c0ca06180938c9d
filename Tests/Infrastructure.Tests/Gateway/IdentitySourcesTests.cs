using WebSocketAspire.Infrastructure.Gateway;

namespace WebSocketAspire.Tests.Infrastructure.Gateway;

public sealed class IdentitySourcesTests
{
    private static readonly UpgradeRequest Request = new()
    {
        Headers =
        [
            new("Host", ["127.0.0.1:3001"]),
            new("Authorization", ["Bearer abc"]),
            new("X-Empty", [""]),
            new("X-Multi", ["first", "last"]),
        ],
        Query = [new("token", ["t1"]), new("blank", [""])],
        SourceIp = "203.0.113.9",
        DomainName = "127.0.0.1:3001",
    };

    private static readonly Dictionary<string, string> StageVariables = new(StringComparer.Ordinal) { ["env"] = "dev", ["none"] = "" };

    private static readonly Dictionary<string, object?> Context = new(StringComparer.Ordinal)
    {
        ["connectionId"] = "id0000000000001=",
        ["requestTimeEpoch"] = 1705751700000L,
        ["isBase64Encoded"] = false,
        ["messageId"] = null,
    };

    public static TheoryData<string, bool> OneSource => new()
    {
        { "route.request.header.Authorization", true },
        { "route.request.header.authorization", true },
        { "route.request.header.AUTHORIZATION", true },
        { " route.request.header.Authorization ", true },
        { "route.request.header.Missing", false },
        { "route.request.header.X-Empty", false },
        { "route.request.header.X-Multi", true },
        { "route.request.querystring.token", true },
        { "route.request.querystring.Token", false },
        { "route.request.querystring.blank", false },
        { "route.request.querystring.missing", false },
        { "stageVariables.env", true },
        { "stageVariables.none", false },
        { "stageVariables.missing", false },
        { "context.connectionId", true },
        { "context.requestTimeEpoch", true },
        { "context.isBase64Encoded", true },
        { "context.messageId", false },
        { "context.missing", false },
        { "route.request.body.action", false },
        { "nonsense", false },
    };

    [Theory]
    [MemberData(nameof(OneSource))]
    public void AllPresent_checks_each_kind_of_source(string source, bool present)
    {
        Assert.Equal(present, IdentitySources.AllPresent([source], Request, StageVariables, Context));
    }

    [Fact]
    public void AllPresent_needs_every_source()
    {
        Assert.True(IdentitySources.AllPresent(["route.request.header.Authorization", "route.request.querystring.token"], Request, StageVariables, Context));
        Assert.False(IdentitySources.AllPresent(["route.request.header.Authorization", "route.request.querystring.missing"], Request, StageVariables, Context));
    }

    [Fact]
    public void AllPresent_is_true_without_sources()
    {
        Assert.True(IdentitySources.AllPresent([], Request, StageVariables, Context));
    }

    [Theory]
    [InlineData("route.request.header.X-Multi", "last")]
    [InlineData("route.request.querystring.token", "t1")]
    [InlineData("stageVariables.env", "dev")]
    [InlineData("context.requestTimeEpoch", "1705751700000")]
    [InlineData("context.isBase64Encoded", "false")]
    public void Resolve_returns_the_value(string source, string expected)
    {
        Assert.Equal(expected, IdentitySources.Resolve(source, Request, StageVariables, Context));
    }
}
