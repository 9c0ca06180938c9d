namespace WebSocketAspire.Infrastructure.Gateway;

/// <summary>A client has <see cref="GatewayConnection.MaxQueuedBytes"/> waiting that it has not read; the frame was not queued.</summary>
internal sealed class SlowClientException(string connectionId)
    : Exception($"Connection {connectionId} is not reading fast enough: {GatewayConnection.MaxQueuedBytes} bytes are waiting for it.");
