using WebSocketAspire.Infrastructure.Velocity;

namespace WebSocketAspire.Tests.Infrastructure.Velocity;

public sealed class ErrorTests
{
    [Theory]
    [InlineData("#if(true)\nx", 1, 1, "unclosed #if")]
    [InlineData("a\n  #foreach($i in [1])", 2, 3, "unclosed #foreach")]
    [InlineData("x\n#end", 2, 1, "#end without")]
    [InlineData("#else", 1, 1, "#else without")]
    [InlineData("#set($a = )", 1, 11, "unexpected ')'")]
    [InlineData("#set(a = 1)", 1, 6, "$reference")]
    [InlineData("#if($a == 'x)#end", 1, 11, "unclosed string literal")]
    [InlineData("#* open", 1, 1, "unclosed #* comment")]
    [InlineData("#if(true)#else#elseif(true)#end", 1, 15, "#else must be followed by #end")]
    [InlineData("#macro(m)#end", 1, 1, "#macro is not supported")]
    [InlineData("$a.b(1,", 1, 7, "unexpected end")]
    [InlineData("#foreach($i [1])#end", 1, 13, "expected 'in'")]
    [InlineData("#set($a = 99999999999999999999)", 1, 11, "out of range")]
    [InlineData("#if true)#end", 1, 5, "expected '('")]
    public void Parse_errors_name_the_template_line_and_column(string source, int line, int column, string what)
    {
        var error = Assert.Throws<VelocityException>(() => MappingTemplate.Parse(source, "sendmessage"));

        Assert.Equal("sendmessage", error.TemplateName);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.StartsWith($"sendmessage:{line}:{column}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(what, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ok\n  $context.stage.nope()", 2, 17, "unknown method nope()")]
    [InlineData("#set($s = 'abc')\n$s.substring(5)", 2, 3, "substring")]
    [InlineData("#foreach($i in [1..1001])#end", 1, 1, "1000 iterations")]
    [InlineData("#set($l = [1])$l.get(3)", 1, 17, "out of bounds")]
    [InlineData("x $input.path('$.a')", 1, 9, "invalid JSON")]
    public void Render_errors_name_the_template_line_and_column(string source, int line, int column, string what)
    {
        var template = MappingTemplate.Parse(source, "t");

        var error = Assert.Throws<VelocityException>(() => template.Render(TemplateRunner.Input("{bad")));

        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains(what, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_foreach_of_exactly_1000_iterations_is_allowed() =>
        Assert.Equal("1000", TemplateRunner.Render("#foreach($i in [1..1000])#set($n = $foreach.count)#end$n"));

    [Fact]
    public void Templates_over_300_KB_are_rejected()
    {
        var error = Assert.Throws<VelocityException>(() => MappingTemplate.Parse(new string('a', (300 * 1024) + 1), "big"));
        Assert.Contains("limit", error.Message, StringComparison.Ordinal);
        Assert.NotNull(MappingTemplate.Parse(new string('a', 300 * 1024), "max"));
        Assert.Throws<VelocityException>(() => MappingTemplate.Parse(new string('\u00e9', (150 * 1024) + 1), "bytes"));
    }

    [Theory]
    [InlineData("#set($s = 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx')#foreach($i in [1..40])#set($s = \"$s$s\")#end")]
    [InlineData("#set($s = 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx')#foreach($i in [1..40])#set($s = $s + $s)#end")]
    [InlineData("#set($s = 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx')#foreach($i in [1..40])#set($s = $s.replace('x', 'xx'))#end")]
    [InlineData("#set($s = 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx')#foreach($i in [1..40])#set($s = $s.replaceAll('x', 'xx'))#end")]
    [InlineData("#set($s = 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx')#foreach($i in [1..40])#set($s = $s.replaceAll('(x)', '$1$1'))#end")]
    [InlineData("#set($l = [1])#foreach($i in [1..30])#set($d = $l.add($l))#end$l")]
    [InlineData("#foreach($a in [1..1000])#foreach($b in [1..1000])#end#end")]
    [InlineData("#set($r = [1..2000000000])")]
    public void Runaway_growth_fails_instead_of_exhausting_memory(string source) =>
        Assert.Throws<VelocityException>(() => TemplateRunner.Render(source));

    [Theory]
    [InlineData("", "#if(true)", "#end", "")]
    [InlineData("", "#foreach($i in [1])", "#end", "")]
    [InlineData("#set($a = ", "(", ")", ")")]
    [InlineData("#set($a = ", "[", "]", ")")]
    [InlineData("#set($a = ", "{1:", "}", ")")]
    [InlineData("#set($a = ", "!", "", "true)")]
    [InlineData("#set($a = ", "-", "", "1)")]
    [InlineData("", "$a.b(", ")", "")]
    [InlineData("#set($a = \"", "#if(true)", "#end", "\")")]
    public void Deep_nesting_is_rejected_without_overflowing_the_stack(string prefix, string open, string close, string suffix)
    {
        const int Depth = 5000;
        var source = prefix + string.Concat(Enumerable.Repeat(open, Depth)) + "1" + string.Concat(Enumerable.Repeat(close, Depth)) + suffix;
        var error = Assert.Throws<VelocityException>(() => MappingTemplate.Parse(source, "deep"));
        Assert.Contains("nested deeper", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Catastrophic_regexes_time_out_as_a_velocity_exception()
    {
        var template = MappingTemplate.Parse("$input.body.matches('(a+)+b')", "t");
        var error = Assert.Throws<VelocityException>(() => template.Render(TemplateRunner.Input(new string('a', 5000) + "c")));
        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
    }
}
