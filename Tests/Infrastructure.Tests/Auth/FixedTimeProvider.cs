namespace WebSocketAspire.Tests.Infrastructure.Auth;

internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
