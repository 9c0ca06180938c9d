using WebSocketAspire.Infrastructure.Template;
using WebSocketAspire.Infrastructure.Template.Model;

namespace WebSocketAspire.Tests.Infrastructure.Template;

/// <summary>Template problems must come back as diagnostics, never as exceptions.</summary>
public sealed class RobustnessTests
{
    public static TheoryData<string> FixtureNames => ["stack.yaml", "routes.yaml", "querystring-auth.yaml", "parameters.yaml", "stack.json"];

    [Theory]
    [MemberData(nameof(FixtureNames))]
    public void Deleting_any_single_line_never_throws(string fixture)
    {
        var lines = File.ReadAllLines(Fixtures.PathOf(fixture));
        for (var i = 0; i < lines.Length; i++)
        {
            var text = string.Join('\n', lines.Take(i).Concat(lines.Skip(i + 1)));

            var result = TemplateLoader.LoadText(text, fixture, new StackEnvironment());

            Assert.True(result.Stack is not null || result.HasErrors, $"line {i + 1}: no stack and no error");
            Assert.All(result.Diagnostics, d => Assert.True(d.Line >= 1 && d.Column >= 1, $"line {i + 1}: {d}"));
        }
    }

    [Theory]
    [MemberData(nameof(FixtureNames))]
    public void Replacing_values_with_wrong_shapes_never_throws(string fixture)
    {
        var lines = File.ReadAllLines(Fixtures.PathOf(fixture));
        string[] replacements = ["[]", "{}", "!Ref Nope", "''", "[a, b]"];
        for (var i = 0; i < lines.Length; i++)
        {
            var colon = lines[i].IndexOf(": ", StringComparison.Ordinal);
            if (colon < 0 || fixture.EndsWith(".json", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var replacement in replacements)
            {
                var changed = lines.ToArray();
                changed[i] = lines[i][..(colon + 2)] + replacement;

                var result = TemplateLoader.LoadText(string.Join('\n', changed), fixture, new StackEnvironment());

                Assert.True(result.Stack is not null || result.HasErrors, $"line {i + 1} = {replacement}: no stack and no error");
            }
        }
    }
}
