using WebSocketAspire.Infrastructure.Velocity;

namespace WebSocketAspire.Tests.Infrastructure.Velocity;

public sealed class JavaFormatTests
{
    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(0.001, "0.001")]
    [InlineData(0.0001, "1.0E-4")]
    [InlineData(1234567.0, "1234567.0")]
    [InlineData(12345678.0, "1.2345678E7")]
    [InlineData(1e21, "1.0E21")]
    [InlineData(-1.5e-7, "-1.5E-7")]
    [InlineData(0.0, "0.0")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    public void Doubles_render_like_java(double value, string expected) =>
        Assert.Equal(expected, JavaFormat.FormatDouble(value));

    [Theory]
    [InlineData("#set($l = [1, 'a', true, 2.5, [3]])$l", "[1, a, true, 2.5, [3]]")]
    [InlineData("#set($m = {'k': [1], 'n': {'x': false}})$m", "{k=[1], n={x=false}}")]
    [InlineData("#set($m = {'k': 1})#foreach($e in $m.entrySet())$e#end", "k=1")]
    public void Collections_render_like_java_to_string(string template, string expected) =>
        Assert.Equal(expected, TemplateRunner.Render(template));
}
