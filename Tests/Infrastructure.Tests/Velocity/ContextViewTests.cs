using WebSocketAspire.Infrastructure.Velocity;

namespace WebSocketAspire.Tests.Infrastructure.Velocity;

public sealed class ContextViewTests
{
    private static string Render(string template, Dictionary<string, object?> context) =>
        MappingTemplate.Parse(template, "t").Render(new MappingInput { Body = string.Empty, Context = context });

    [Theory]
    [InlineData("$context.n", "5")]
    [InlineData("$context.d", "1764000000000")]
    [InlineData("$context.f", "0.5")]
    [InlineData("$context.i", "7")]
    [InlineData("$context.b", "true")]
    [InlineData("$context.a.b.c", "deep")]
    [InlineData("$context.a.b", "{c=deep}")]
    [InlineData("$context.a.keySet()", "[b]")]
    [InlineData("$context.a.size()", "1")]
    [InlineData("$context.none", "$context.none")]
    [InlineData("$context.a.none", "$context.a.none")]
    [InlineData("#set($x = $context.a)$x.b.c", "deep")]
    [InlineData("$context.keySet().size()", "7")]
    public void Dotted_keys_read_as_nested_maps(string template, string expected)
    {
        var context = new Dictionary<string, object?>
        {
            ["n"] = 5L,
            ["d"] = 1764000000000.0,
            ["f"] = 0.5,
            ["i"] = 7,
            ["b"] = true,
            ["a.b.c"] = "deep",
            ["nothing"] = null,
        };

        Assert.Equal(expected, Render(template, context));
    }

    [Fact]
    public void Context_can_be_shadowed_by_set() =>
        Assert.Equal("mine", Render("#set($context = {'stage': 'mine'})$context.stage", new Dictionary<string, object?> { ["stage"] = "real" }));

    [Fact]
    public void Variables_do_not_leak_between_renders()
    {
        var template = MappingTemplate.Parse("$!x#set($x = 'set')", "t");
        var input = new MappingInput { Body = string.Empty, Context = new Dictionary<string, object?>() };

        Assert.Equal(string.Empty, template.Render(input));
        Assert.Equal(string.Empty, template.Render(input));
    }

    [Fact]
    public void Self_containing_collections_fail_cleanly()
    {
        var error = Assert.Throws<VelocityException>(() => TemplateRunner.Render(
            "#set($a = [1])#set($b = [1])#set($d = $a.add($a))#set($d = $b.add($b))#if($a == $b)x#end"));
        Assert.Contains("nested too deeply", error.Message, StringComparison.Ordinal);
    }
}
