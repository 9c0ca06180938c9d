using System.Net.WebSockets;

namespace WebSocketAspire.Infrastructure.Gateway;

/// <summary>
/// API Gateway's hard limits on a connection: closed after 10 minutes without a message in either
/// direction, and after 2 hours whatever happens. One timer per connection, re-armed for whichever
/// limit comes first.
/// </summary>
internal sealed class ConnectionLifetime : IDisposable
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(2);

    // AWS does not document the close code of these closes; 1001 "Going away" is what emulators use
    // and what a client treats as "reconnect". Change it here if real traces show otherwise.
    public const WebSocketCloseStatus CloseStatus = WebSocketCloseStatus.EndpointUnavailable;
    public const string CloseReason = "Going away";

    private readonly GatewayConnection _connection;
    private readonly TimeProvider _time;
    private readonly Func<GatewayConnection, Task> _close;
    private readonly ITimer _timer;

    public ConnectionLifetime(GatewayConnection connection, TimeProvider time, Func<GatewayConnection, Task> close)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(time);
        _connection = connection;
        _time = time;
        _close = close;
        _timer = time.CreateTimer(_ => Check(), null, Next(time.GetUtcNow()), Timeout.InfiniteTimeSpan);
    }

    private TimeSpan Next(DateTimeOffset now)
    {
        var idleLeft = IdleTimeout - (now - _connection.LastActiveAt);
        var durationLeft = MaxDuration - (now - _connection.ConnectedAt);
        var next = idleLeft < durationLeft ? idleLeft : durationLeft;
        return next > TimeSpan.Zero ? next : TimeSpan.Zero;
    }

    private void Check()
    {
        var next = Next(_time.GetUtcNow());
        if (next == TimeSpan.Zero)
        {
            _ = _close(_connection);
            return;
        }
        _timer.Change(next, Timeout.InfiniteTimeSpan);
    }

    public void Dispose() => _timer.Dispose();
}
