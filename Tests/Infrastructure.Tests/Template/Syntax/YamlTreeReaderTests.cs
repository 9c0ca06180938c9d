using WebSocketAspire.Infrastructure.Template.Diagnostics;
using WebSocketAspire.Infrastructure.Template.Syntax;

namespace WebSocketAspire.Tests.Infrastructure.Template.Syntax;

public sealed class YamlTreeReaderTests
{
    private static MapNode Read(string text)
    {
        var diagnostics = new DiagnosticBag();
        var root = YamlTreeReader.Read(text, "t.yaml", diagnostics);
        Assert.Empty(diagnostics.Items);
        return Assert.IsType<MapNode>(root);
    }

    private static (string Name, TemplateNode Argument) Call(TemplateNode? node)
    {
        var map = Assert.IsType<MapNode>(node);
        Assert.True(map.IsIntrinsic(out var name, out var argument));
        return (name, argument);
    }

    [Fact]
    public void Every_node_knows_its_file_line_and_column()
    {
        var root = Read("A:\n  B: value\n  C:\n    - x\n    - y\n");

        var a = Assert.IsType<MapNode>(root["A"]);
        Assert.Equal(new SourceLocation("t.yaml", 2, 3), a.Location);
        Assert.Equal(new SourceLocation("t.yaml", 2, 6), a["B"]!.Location);
        Assert.Equal(new SourceLocation("t.yaml", 3, 3), a.Entry("C")!.KeyLocation);
        var c = Assert.IsType<ListNode>(a["C"]);
        Assert.Equal(new SourceLocation("t.yaml", 5, 7), c.Items[1].Location);
    }

    [Fact]
    public void Short_forms_become_long_form_calls_located_at_the_tag()
    {
        var root = Read("A: !Ref Thing\nB: !Join [\",\", [a, !Sub \"${X}\"]]\n");

        var (name, argument) = Call(root["A"]);
        Assert.Equal("Ref", name);
        Assert.Equal("Thing", Assert.IsType<ScalarNode>(argument).Value);
        Assert.Equal(new SourceLocation("t.yaml", 1, 4), root["A"]!.Location);

        var (join, arguments) = Call(root["B"]);
        Assert.Equal("Fn::Join", join);
        var values = Assert.IsType<ListNode>(Assert.IsType<ListNode>(arguments).Items[1]);
        Assert.Equal("Fn::Sub", Call(values.Items[1]).Name);
    }

    [Fact]
    public void GetAtt_string_form_splits_at_the_first_dot_and_list_form_is_kept()
    {
        var root = Read("A: !GetAtt Stack.Outputs.Url\nB: !GetAtt [Fn, Arn]\n");

        var dotted = Assert.IsType<ListNode>(Call(root["A"]).Argument);
        Assert.Equal(["Stack", "Outputs.Url"], dotted.Items.Cast<ScalarNode>().Select(s => s.Value));
        var list = Assert.IsType<ListNode>(Call(root["B"]).Argument);
        Assert.Equal(["Fn", "Arn"], list.Items.Cast<ScalarNode>().Select(s => s.Value));
    }

    [Fact]
    public void Condition_tag_becomes_a_condition_reference()
    {
        var root = Read("A: !Not [!Condition IsProd]\n");

        var operand = Assert.Single(Assert.IsType<ListNode>(Call(root["A"]).Argument).Items);
        var entry = Assert.Single(Assert.IsType<MapNode>(operand).Entries);
        Assert.Equal("Condition", entry.Key);
        Assert.Equal("IsProd", Assert.IsType<ScalarNode>(entry.Value).Value);
    }

    [Fact]
    public void Quoted_and_block_scalars_keep_their_text()
    {
        var root = Read("A: '{\"a\": 1}'\nB: |\n  line one\n  line two\nC: \\$default\n");

        Assert.Equal("{\"a\": 1}", Assert.IsType<ScalarNode>(root["A"]).Value);
        Assert.Equal("line one\nline two\n", Assert.IsType<ScalarNode>(root["B"]).Value);
        Assert.Equal("\\$default", Assert.IsType<ScalarNode>(root["C"]).Value);
    }

    [Fact]
    public void Json_is_read_with_positions()
    {
        var root = Read("{\n  \"A\": {\"Ref\": \"B\"}\n}\n");

        var (name, argument) = Call(root["A"]);
        Assert.Equal("Ref", name);
        Assert.Equal(new SourceLocation("t.yaml", 2, 16), argument.Location);
    }
}
