using WebSocketAspire.Infrastructure.Template.Building;

namespace WebSocketAspire.Tests.Infrastructure.Template.Building;

public sealed class SelectionExpressionsTests
{
    [Theory]
    [InlineData("$request.body.action", true)]
    [InlineData("$request.body.meta.type", true)]
    [InlineData("${request.body.action}", true)]
    [InlineData("${request.body.kind}:${request.body.action}", true)]
    [InlineData("v1-${request.body.meta.type}", true)]
    [InlineData("$request.header.action", false)]
    [InlineData("$request.body", false)]
    [InlineData("$request.body.", false)]
    [InlineData("action", false)]
    [InlineData("${request.header.x}", false)]
    [InlineData("$default", false)]
    [InlineData("", false)]
    public void Route_selection(string expression, bool valid)
    {
        Assert.Equal(valid, SelectionExpressions.IsValidRouteSelection(expression));
    }

    [Theory]
    [InlineData("\\$default", true)]
    [InlineData("$request.body.type", true)]
    [InlineData("${request.body.type}", true)]
    [InlineData("application/json", true)]
    [InlineData("$default", false)]
    [InlineData("${context.routeKey}", false)]
    public void Template_selection(string expression, bool valid)
    {
        Assert.Equal(valid, SelectionExpressions.IsValidTemplateSelection(expression));
    }

    [Theory]
    [InlineData("$default", true)]
    [InlineData("$request.body.x", false)]
    public void Route_response_selection(string expression, bool valid)
    {
        Assert.Equal(valid, SelectionExpressions.IsValidRouteResponseSelection(expression));
    }
}
