using WebSocketAspire.Infrastructure.Gateway;

namespace WebSocketAspire.Tests.Infrastructure.Support;

/// <summary>Hands out predictable ids in API Gateway's 16-character shape: <c>id0000000000001=</c>, <c>id0000000000002=</c>, …</summary>
internal sealed class SequentialIdGenerator : IIdGenerator
{
    private int _next;

    public string NewId() => Format(Interlocked.Increment(ref _next));

    public static string Format(int n) => "id" + n.ToString("D13", System.Globalization.CultureInfo.InvariantCulture) + "=";
}
