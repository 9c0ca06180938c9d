using WebSocketAspire.Infrastructure.Velocity;

namespace WebSocketAspire.Tests.Infrastructure.Velocity;

public sealed class InputTests
{
    private const string Body = """{"action":"send","data":{"text":"hi \"you\"","n":3,"f":1.5,"ok":true,"none":null,"tags":["a","b"],"items":[{"id":1},{"id":2}]}}""";

    [Theory]
    [InlineData("$input.body", Body)]
    [InlineData("$input.json('$')", Body)]
    [InlineData("$input.json('$.action')", "\"send\"")]
    [InlineData("$input.json('$.data.text')", "\"hi \\\"you\\\"\"")]
    [InlineData("$input.json('$.data.n')", "3")]
    [InlineData("$input.json('$.data.f')", "1.5")]
    [InlineData("$input.json('$.data.ok')", "true")]
    [InlineData("$input.json('$.data.none')", "null")]
    [InlineData("$input.json('$.data.tags')", "[\"a\",\"b\"]")]
    [InlineData("$input.json('$.data.items[1]')", "{\"id\":2}")]
    [InlineData("$input.json('$.data.items[*].id')", "[1,2]")]
    [InlineData("$input.json('$..id')", "[1,2]")]
    [InlineData("$input.json(\"$['data']['n']\")", "3")]
    [InlineData("$input.json('$.missing')", "")]
    [InlineData("$input.path('$.action')", "send")]
    [InlineData("$input.path('$.data.text')", "hi \"you\"")]
    [InlineData("$input.path('$.data.n')", "3")]
    [InlineData("$input.path('$.data.f')", "1.5")]
    [InlineData("$input.path('$.data.tags').size()", "2")]
    [InlineData("$input.path('$.data.tags')", "[a, b]")]
    [InlineData("$input.path('$.data.items')[0].id", "1")]
    [InlineData("$input.path('$.data').keySet()", "[text, n, f, ok, none, tags, items]")]
    [InlineData("$input.path('$.data.n') + 1", "3 + 1")]
    [InlineData("#set($n = $input.path('$.data.n') + 1)$n", "4")]
    [InlineData("$input.path('$.missing')", "$input.path('$.missing')")]
    [InlineData("#foreach($t in $input.path('$.data.tags'))$t#end", "ab")]
    public void Body_access(string template, string expected) =>
        Assert.Equal(expected, MappingTemplate.Parse(template, "t").Render(TemplateRunner.Input(Body)));

    [Theory]
    [InlineData("$input.params('id')", "42")]
    [InlineData("$input.params('q')", "query")]
    [InlineData("$input.params('shared')", "fromPath")]
    [InlineData("$input.params('x-custom')", "hdr")]
    [InlineData("$input.params('absent')", "")]
    [InlineData("$input.params().header.get('x-CUSTOM')", "hdr")]
    [InlineData("$input.params().get('querystring').q", "query")]
    [InlineData("$input.params().path.id", "42")]
    [InlineData("$input.params().keySet()", "[path, querystring, header]")]
    public void Params(string template, string expected) =>
        Assert.Equal(expected, MappingTemplate.Parse(template, "t").Render(TemplateRunner.Input(Body)));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_body_reads_as_an_empty_object(string body) =>
        Assert.Equal("{}", MappingTemplate.Parse("$input.json('$')", "t").Render(TemplateRunner.Input(body)));

    [Theory]
    [InlineData("$input.json('$')")]
    [InlineData("$input.path('$.a')")]
    public void A_non_json_body_fails_json_navigation(string template)
    {
        var error = Assert.Throws<VelocityException>(() => MappingTemplate.Parse(template, "t").Render(TemplateRunner.Input("not json")));
        Assert.Equal(1, error.Line);
        Assert.Equal(7, error.Column);
    }

    [Fact]
    public void A_non_json_body_still_renders_input_body() =>
        Assert.Equal("not json", MappingTemplate.Parse("$input.body", "t").Render(TemplateRunner.Input("not json")));

    [Theory]
    [InlineData("$input.json('$.a[')")]
    [InlineData("$input.json('$.a[x]')")]
    [InlineData("$input.json(1)")]
    public void Bad_json_paths_throw(string template) =>
        Assert.Throws<VelocityException>(() => MappingTemplate.Parse(template, "t").Render(TemplateRunner.Input(Body)));

    [Fact]
    public void The_canonical_default_template_renders_json()
    {
        var output = MappingTemplate.Parse("""{"connectionId":"$context.connectionId","body":$input.json('$')}""", "t").Render(TemplateRunner.Input(Body));

        using var document = System.Text.Json.JsonDocument.Parse(output);
        Assert.Equal("send", document.RootElement.GetProperty("body").GetProperty("action").GetString());
    }
}
