using System.Text;
using WebSocketAspire.Infrastructure.Velocity;

namespace WebSocketAspire.Tests.Infrastructure.Velocity;

/// <summary>Random and mutated templates and payloads: the only acceptable outcomes are output or a VelocityException.</summary>
public sealed class FuzzTests
{
    private static readonly string[] Fragments =
    [
        "$", "$!", "${", "}", "$a", "$!{b}", "$context.connectionId", "$context.authorizer", "$input.body", "$input.json('$')",
        "$input.path('$.a')", "$input.path('$..x')", "$input.params()", "$input.params('id')", "$util.escapeJavaScript($input.body)",
        "$util.parseJson($input.body)", "$util.urlDecode($input.body)", "$util.base64Decode($input.body)", ".replaceAll(\"\\\\'\",\"'\")",
        ".split(',')", ".substring(1)", ".size()", ".keySet()", "[0]", "['k']", "#set($a = ", "#set($b = [1..5])", "#if(", "#elseif(",
        "#else", "#end", "#foreach($i in ", "#foreach($x in [1..1000])", "#break", "#stop", "## c\n", "#* c *#", "#*", "#[[", "]]#",
        "\\$", "\\#", "(", ")", "[", "]", "{", "}", ",", ":", "..", "==", "!=", "&&", "||", "!", "+", "-", "*", "/", "%", "<", ">=",
        " and ", " or ", " not ", "'s'", "\"d $a\"", "\"", "'", "1", "-1", "2.5", "true", "false", "null", " ", "\n", "\t", "x", "é",
        "$a.add($a)", "$a.put('k', $a)", "\"$a$a$a\"", "$foreach.index", "$foreach.hasNext", ".matches('(a+)+b')", "#{if}", "#{end}",
    ];

    private const string MutationChars = "$#{}()[]'\"\\!.,";

    private static readonly string[] Bodies =
    [
        "", "{}", "[]", "null", "1", "\"s\"", "{\"a\":{\"x\":[1,2,{\"x\":3}]},\"k\":\"v\"}", "not json", "{\"a\":", "'\"\\\n\u0000\u2028é😀",
        "%zz%41+", "aGVsbG8=", "a,b,,c", new string('[', 200) + new string(']', 200),
    ];

    [Fact]
    public async Task Random_and_mutated_templates_never_throw_anything_but_velocity_exceptions()
    {
        var run = Task.Run(() =>
        {
            var random = new Random(20261124);
            var outcomes = new int[2];
            for (var i = 0; i < 20000; i++)
            {
                var source = i % 2 == 0 ? RandomTemplate(random) : Mutate(random, SendMessageTemplateTests.Template);
                outcomes[TryRender(source, Bodies[random.Next(Bodies.Length)])]++;
            }

            return outcomes;
        });

        // WaitAsync turns a hang into a TimeoutException instead of a stuck test run.
        var outcomes = await run.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(outcomes[0] > 0 && outcomes[1] > 0, "expected both successes and failures");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_sendmessage_template_survives_random_bodies(int seed)
    {
        var random = new Random(seed);
        var template = MappingTemplate.Parse(SendMessageTemplateTests.Template, "sendmessage");
        for (var i = 0; i < 300; i++)
        {
            var body = new StringBuilder();
            var length = random.Next(0, 64);
            for (var c = 0; c < length; c++)
            {
                // Any scalar value: ASCII mostly, then the BMP outside surrogates, then astral pairs.
                var codePoint = random.Next(8) switch
                {
                    0 => random.Next(0x80, 0xD800),
                    1 => random.Next(0xE000, 0x10000),
                    2 => random.Next(0x10000, 0x110000),
                    _ => random.Next(0, 0x80),
                };
                body.Append(char.ConvertFromUtf32(codePoint));
            }

            var output = template.Render(TemplateRunner.Input(body.ToString()));
            using var document = System.Text.Json.JsonDocument.Parse(output);
            Assert.Equal(body.ToString(), document.RootElement.GetProperty("body").GetString());
        }
    }

    /// <summary>0 = rendered, 1 = VelocityException; anything else fails the test.</summary>
    private static int TryRender(string source, string body)
    {
        try
        {
            MappingTemplate.Parse(source, "fuzz").Render(TemplateRunner.Input(body));
            return 0;
        }
        catch (VelocityException e)
        {
            Assert.StartsWith("fuzz:", e.Message, StringComparison.Ordinal);
            Assert.True(e.Line >= 1 && e.Column >= 1, e.Message);
            Assert.DoesNotContain("internal error", e.Message, StringComparison.Ordinal);
            return 1;
        }
    }

    private static string RandomTemplate(Random random)
    {
        var builder = new StringBuilder();
        var count = random.Next(1, 24);
        for (var i = 0; i < count; i++)
        {
            builder.Append(Fragments[random.Next(Fragments.Length)]);
        }

        return builder.ToString();
    }

    private static string Mutate(Random random, string source)
    {
        var builder = new StringBuilder(source);
        var edits = random.Next(1, 6);
        for (var i = 0; i < edits; i++)
        {
            var at = random.Next(builder.Length + 1);
            switch (random.Next(3))
            {
                case 0 when at < builder.Length:
                    builder.Remove(at, Math.Min(random.Next(1, 8), builder.Length - at));
                    break;
                case 1:
                    builder.Insert(at, Fragments[random.Next(Fragments.Length)]);
                    break;
                default:
                    if (at < builder.Length)
                    {
                        builder[at] = MutationChars[random.Next(MutationChars.Length)];
                    }

                    break;
            }
        }

        return builder.ToString();
    }
}
