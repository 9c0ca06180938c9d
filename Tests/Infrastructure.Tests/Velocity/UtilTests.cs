using WebSocketAspire.Infrastructure.Velocity;

namespace WebSocketAspire.Tests.Infrastructure.Velocity;

public sealed class UtilTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("\"", "\\\"")]
    [InlineData("\\", "\\\\")]
    [InlineData("'", "\\'")]
    [InlineData("/", "\\/")]
    [InlineData("\b\f\n\r\t", "\\b\\f\\n\\r\\t")]
    [InlineData("\u0001\u001f", "\\u0001\\u001F")]
    [InlineData("\u007f", "\u007f")]
    [InlineData("\u0080\u00e9", "\\u0080\\u00E9")]
    [InlineData("\u65e5", "\\u65E5")]
    [InlineData("\ud83d\ude00", "\\uD83D\\uDE00")]
    [InlineData("\u0abc", "\\u0ABC")]
    public void EscapeJavaScript_matches_commons_lang_2(string input, string expected)
    {
        var template = MappingTemplate.Parse("$util.escapeJavaScript($input.body)", "t");
        Assert.Equal(expected, template.Render(TemplateRunner.Input(input)));
    }

    [Theory]
    [InlineData("a b", "a+b")]
    [InlineData("a+b&c=d", "a%2Bb%26c%3Dd")]
    [InlineData("*-_.~!", "*-_.%7E%21")]
    [InlineData("\u00e9", "%C3%A9")]
    [InlineData("\ud83d\ude00", "%F0%9F%98%80")]
    [InlineData("", "")]
    public void UrlEncode_matches_java_url_encoder(string input, string expected)
    {
        var template = MappingTemplate.Parse("$util.urlEncode($input.body)", "t");
        Assert.Equal(expected, template.Render(TemplateRunner.Input(input)));
    }

    [Fact]
    public void UrlEncode_writes_an_unpaired_surrogate_as_a_question_mark()
    {
        var template = MappingTemplate.Parse("$util.urlEncode($input.body)", "t");
        Assert.Equal("x%3Fy", template.Render(TemplateRunner.Input("x\ud83dy")));
    }

    [Theory]
    [InlineData("a+b", "a b")]
    [InlineData("a%2Bb%26", "a+b&")]
    [InlineData("%C3%A9%c3%a9", "\u00e9\u00e9")]
    [InlineData("%F0%9F%98%80", "\ud83d\ude00")]
    [InlineData("plain", "plain")]
    public void UrlDecode_matches_java_url_decoder(string input, string expected)
    {
        var template = MappingTemplate.Parse("$util.urlDecode($input.body)", "t");
        Assert.Equal(expected, template.Render(TemplateRunner.Input(input)));
    }

    [Theory]
    [InlineData("%")]
    [InlineData("%2")]
    [InlineData("%zz")]
    public void UrlDecode_rejects_broken_escapes(string input) =>
        Assert.Throws<VelocityException>(() => MappingTemplate.Parse("$util.urlDecode($input.body)", "t").Render(TemplateRunner.Input(input)));

    [Theory]
    [InlineData("hello", "aGVsbG8=")]
    [InlineData("\u00e9", "w6k=")]
    [InlineData("", "")]
    public void Base64_round_trips_utf8(string plain, string encoded)
    {
        Assert.Equal(encoded, MappingTemplate.Parse("$util.base64Encode($input.body)", "t").Render(TemplateRunner.Input(plain)));
        Assert.Equal(plain, MappingTemplate.Parse("$util.base64Decode($input.body)", "t").Render(TemplateRunner.Input(encoded)));
    }

    [Fact]
    public void Base64Decode_rejects_invalid_input() =>
        Assert.Throws<VelocityException>(() => MappingTemplate.Parse("$util.base64Decode('***')", "t").Render(TemplateRunner.Input()));

    [Theory]
    [InlineData("#set($o = $util.parseJson('{\"a\":{\"b\":[1,2.5,\"x\",true,null]}}'))$o.a.b[1] $o.a.b[2] $o.a.b[3] $o.a.b.size()", "2.5 x true 5")]
    [InlineData("#set($o = $util.parseJson('[1,2]'))$o.get(0)", "1")]
    [InlineData("#set($o = $util.parseJson('\"s\"'))$o", "s")]
    [InlineData("$util.parseJson($input.body).errorMessage", "boom")]
    public void ParseJson_returns_navigable_values(string template, string expected) =>
        Assert.Equal(expected, MappingTemplate.Parse(template, "t").Render(TemplateRunner.Input("""{"errorMessage":"boom"}""")));

    [Fact]
    public void ParseJson_rejects_invalid_json() =>
        Assert.Throws<VelocityException>(() => TemplateRunner.Render("$util.parseJson('{nope')"));

    [Fact]
    public void Util_functions_of_null_are_undefined() =>
        Assert.Equal("$util.escapeJavaScript($missing)", TemplateRunner.Render("$util.escapeJavaScript($missing)"));
}
