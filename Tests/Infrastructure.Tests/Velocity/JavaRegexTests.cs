using WebSocketAspire.Infrastructure.Velocity;

namespace WebSocketAspire.Tests.Infrastructure.Velocity;

public sealed class JavaRegexTests
{
    [Theory]
    [InlineData("a1\u0661", "\\d", "#", "a#\u0661")]
    [InlineData("a_\u00e9", "\\w", "#", "##\u00e9")]
    [InlineData("a\u00a0b c", "\\s", "#", "a\u00a0b#c")]
    [InlineData("a\u00a0b c", "\\h", "#", "a#b#c")]
    [InlineData("a1-B", "[\\d\\p{Upper}]", "#", "a#-#")]
    [InlineData("aB!", "\\p{Alpha}", "#", "##!")]
    [InlineData("aB!", "\\P{Alpha}", "#", "aB#")]
    [InlineData("a.b*c", "\\Q.b*\\E", "#", "a#c")]
    [InlineData("a.b*c", "[\\Q.*\\E]", "#", "a#b#c")]
    [InlineData("abc", "(b)", "$10", "ab0c")]
    [InlineData("abc", "(b)", "\\\\$1", "a\\bc")]
    [InlineData("abc", "b", "$$", null)]
    [InlineData("abc", "(?<n>b)", "${n}-", "ab-c")]
    [InlineData("Hello World", "(\\w+) (\\w+)", "$2 $1", "World Hello")]
    [InlineData("a\nb", "^b", "#", "a\nb")]
    [InlineData("a\nb", "(?m)^b", "#", "a\n#")]
    public void ReplaceAll_translates_java_syntax(string input, string pattern, string replacement, string? expected)
    {
        if (expected is null)
        {
            Assert.Throws<TemplateError>(() => JavaRegex.Replace(input, pattern, replacement, all: true));
            return;
        }

        Assert.Equal(expected, JavaRegex.Replace(input, pattern, replacement, all: true));
    }

    [Theory]
    [InlineData("a,b,,", ",", 0, "a|b")]
    [InlineData("a,b,,", ",", -1, "a|b||")]
    [InlineData("a,b,c", ",", 2, "a|b,c")]
    [InlineData(",a", ",", 0, "|a")]
    [InlineData("abc", "", 0, "a|b|c")]
    [InlineData("", ",", 0, "")]
    [InlineData(",,", ",", 0, "")]
    [InlineData("a1b2", "(\\d)", 0, "a|b")]
    public void Split_follows_java(string input, string pattern, int limit, string expected) =>
        Assert.Equal(expected, string.Join('|', JavaRegex.Split(input, pattern, limit)));

    [Theory]
    [InlineData("abc", "abc", true)]
    [InlineData("abc", "ab", false)]
    [InlineData("abc", "a|abc", true)]
    [InlineData("ab\n", "ab", false)]
    public void Matches_requires_the_whole_string(string input, string pattern, bool expected) =>
        Assert.Equal(expected, JavaRegex.Matches(input, pattern));
}
