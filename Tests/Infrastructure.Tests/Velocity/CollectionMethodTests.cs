using WebSocketAspire.Infrastructure.Velocity;

namespace WebSocketAspire.Tests.Infrastructure.Velocity;

public sealed class CollectionMethodTests
{
    [Theory]
    [InlineData("[1, 2, 3]", "$c.size()", "3")]
    [InlineData("[1, 2, 3]", "$c.size", "3")]
    [InlineData("[1, 2, 3]", "$c.count()", "3")]
    [InlineData("[1, 2, 3]", "$c.get(1)", "2")]
    [InlineData("[1, 2, 3]", "$c[2]", "3")]
    [InlineData("[1, 2, 3]", "$c.contains(2)", "true")]
    [InlineData("['a']", "$c.contains('b')", "false")]
    [InlineData("[]", "$c.isEmpty()", "true")]
    [InlineData("[]", "$c.empty", "true")]
    [InlineData("[1]", "$c.add(2)$c", "true[1, 2]")]
    [InlineData("[[1, 2]]", "$c[0][1]", "2")]
    [InlineData("{'a': 1, 'b': 'x'}", "$c.get('b')", "x")]
    [InlineData("{'a': 1}", "$c.a", "1")]
    [InlineData("{'a': 1}", "$c['a']", "1")]
    [InlineData("{'a': 1}", "$c.size()", "1")]
    [InlineData("{'a': 1}", "$c.containsKey('a')", "true")]
    [InlineData("{'a': 1}", "$c.containsKey('z')", "false")]
    [InlineData("{'a': 1}", "$c.containsValue(1)", "true")]
    [InlineData("{'a': 1, 'b': 2}", "$c.keySet()", "[a, b]")]
    [InlineData("{'a': 1, 'b': 2}", "$c.values()", "[1, 2]")]
    [InlineData("{'a': 1, 'b': 2}", "$c.entrySet()", "[a=1, b=2]")]
    [InlineData("{'a': 1}", "$c.put('a', 2)$c", "1{a=2}")]
    [InlineData("{'a': 1}", "$!c.put('b', 2)$c", "{a=1, b=2}")]
    [InlineData("{}", "$c.isEmpty()", "true")]
    [InlineData("{1: 'one'}", "$c.get(1)", "one")]
    [InlineData("{'a': {'b': [10, 20]}}", "$c.a.b[1]", "20")]
    [InlineData("{'a': 1}", "$c.missing", "$c.missing")]
    [InlineData("[1, 2]", "$c.equals([1, 2])", "true")]
    [InlineData("[1, 2]", "$c.toString()", "[1, 2]")]
    public void List_and_map_methods(string collection, string expression, string expected) =>
        Assert.Equal(expected, TemplateRunner.Render($"#set($c = {collection}){expression}"));

    [Theory]
    [InlineData("[1, 2]", "$c.get(2)")]
    [InlineData("[1, 2]", "$c[-1]")]
    [InlineData("[1, 2]", "$c.get('x')")]
    [InlineData("[1, 2]", "$c.keySet()")]
    [InlineData("{'a': 1}", "$c.add(1)")]
    [InlineData("{'a': 1}", "$c.put(null, 1)")]
    [InlineData("{'a': 1}", "$context.put('a', 1)")]
    public void Invalid_collection_calls_throw(string collection, string expression) =>
        Assert.Throws<VelocityException>(() => TemplateRunner.Render($"#set($c = {collection}){expression}"));
}
