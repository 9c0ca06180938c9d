using WebSocketAspire.Infrastructure.Gateway;
using WebSocketAspire.Tests.Infrastructure.Support;

namespace WebSocketAspire.Tests.Infrastructure.Gateway;

public sealed class RouteSelectorTests
{
    private static RouteSelector Selector(bool withDefault = true, string expression = "$request.body.action")
    {
        var api = new ApiBuilder()
            .RouteSelection(expression)
            .Route("$connect")
            .Route("$disconnect")
            .Route("join")
            .Route("Join-Room")
            .Route("chat/join");
        if (withDefault)
        {
            api.Route("$default");
        }
        return new RouteSelector(api.Build());
    }

    public static TheoryData<string, string> WithDefault => new()
    {
        { """{"action":"join"}""", "join" },
        { """{"action":"Join-Room"}""", "Join-Room" },
        { """{"action":"JOIN"}""", "$default" },
        { """{"action":"join "}""", "$default" },
        { """{"action":"leave"}""", "$default" },
        { """{"other":"join"}""", "$default" },
        { """{"action":"$connect"}""", "$default" },
        { """{"action":"$disconnect"}""", "$default" },
        { """{"action":"$default"}""", "$default" },
        { "join", "$default" },
        { "not json {", "$default" },
        { "", "$default" },
        { "[\"join\"]", "$default" },
    };

    [Theory]
    [MemberData(nameof(WithDefault))]
    public void Select_matches_exactly_or_falls_back_to_default(string body, string expectedRoute)
    {
        Assert.Equal(expectedRoute, Selector().Select(body)?.RouteKey);
    }

    [Theory]
    [InlineData("""{"action":"leave"}""")]
    [InlineData("not json")]
    [InlineData("""{"action":"$connect"}""")]
    public void Select_is_null_without_a_match_and_without_default(string body)
    {
        Assert.Null(Selector(withDefault: false).Select(body));
    }

    [Fact]
    public void Select_still_matches_custom_routes_without_default()
    {
        Assert.Equal("join", Selector(withDefault: false).Select("""{"action":"join"}""")?.RouteKey);
    }

    [Fact]
    public void Select_uses_a_composite_expression()
    {
        var selector = Selector(expression: "${request.body.service}/${request.body.action}");

        Assert.Equal("chat/join", selector.Select("""{"service":"chat","action":"join"}""")?.RouteKey);
    }

    [Theory]
    [InlineData("""{"action":"join"}""", "join")]
    [InlineData("""{"action":["a","b"]}""", "[a, b]")]
    [InlineData("""{"action":7}""", "7")]
    [InlineData("""{}""", "")]
    [InlineData("nope", null)]
    public void Evaluate_returns_the_key_or_null_for_non_JSON(string body, string? expected)
    {
        Assert.Equal(expected, Selector().Evaluate(body));
    }

    [Fact]
    public void A_literal_expression_selects_that_route_even_for_non_JSON()
    {
        var selector = Selector(expression: "join");

        Assert.Equal("join", selector.Select("not json")?.RouteKey);
    }
}
