using WebSocketAspire.Infrastructure.Gateway;

namespace WebSocketAspire.Tests.Infrastructure.Gateway;

public sealed class IdGeneratorTests
{
    private const string UrlSafeBase64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    [Fact]
    public void NewId_has_API_Gateway_shape()
    {
        var generator = new RandomIdGenerator();
        for (var i = 0; i < 500; i++)
        {
            var id = generator.NewId();

            Assert.Equal(16, id.Length);
            Assert.EndsWith("=", id, StringComparison.Ordinal);
            Assert.All(id[..^1], c => Assert.Contains(c, UrlSafeBase64));
        }
    }

    [Fact]
    public void NewId_is_distinct_across_many_calls()
    {
        var generator = new RandomIdGenerator();

        var ids = Enumerable.Range(0, 10_000).Select(_ => generator.NewId()).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(10_000, ids.Count);
    }

    [Fact]
    public void NewId_decodes_as_11_bytes()
    {
        var id = new RandomIdGenerator().NewId();

        var bytes = Convert.FromBase64String(id.Replace('-', '+').Replace('_', '/'));

        Assert.Equal(11, bytes.Length);
    }
}
