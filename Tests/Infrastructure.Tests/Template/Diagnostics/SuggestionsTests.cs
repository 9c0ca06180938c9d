using WebSocketAspire.Infrastructure.Template.Diagnostics;

namespace WebSocketAspire.Tests.Infrastructure.Template.Diagnostics;

public sealed class SuggestionsTests
{
    [Theory]
    [InlineData("WebSockApi", "WebSocketApi")]
    [InlineData("connectintegration", "ConnectIntegration")]
    [InlineData("Fn::Subb", "Fn::Sub")]
    [InlineData("Nope", null)]
    [InlineData("", null)]
    public void Closest_is_a_likely_typo_or_nothing(string actual, string? expected)
    {
        Assert.Equal(expected, Suggestions.Closest(actual, ["WebSocketApi", "ConnectIntegration", "Fn::Sub", "Fn::Join"]));
    }

    [Fact]
    public void Did_you_mean_ends_the_sentence_either_way()
    {
        Assert.Equal("; did you mean 'Api'?", Suggestions.DidYouMean("Apii", ["Api"]));
        Assert.Equal(".", Suggestions.DidYouMean("Zzzzzz", ["Api"]));
    }

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("same", "same", 0)]
    public void Distance_is_levenshtein(string a, string b, int distance)
    {
        Assert.Equal(distance, Suggestions.Distance(a, b));
    }
}
