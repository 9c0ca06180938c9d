using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;

namespace WebSocketAspire.Infrastructure.Gateway;

/// <summary>
/// The <c>@connections</c> management API (PostToConnection, GetConnection, DeleteConnection) in
/// transport-neutral terms: status, AWS error type and body. Authentication happens before this.
/// </summary>
internal sealed class ConnectionsService(ConnectionRegistry connections)
{
    /// <summary>PostToConnection's data limit (the blob maximum in the service model).</summary>
    public const int MaxPostBytes = 128 * 1024;

    /// <summary>PostToConnection's answer to data over 128 KB (the size when known).</summary>
    public static ConnectionsResponse TooLarge(long? size) =>
        ConnectionsResponse.Error(413, "PayloadTooLargeException", size is { } known
            ? $"Message size {known} exceeds the limit of {MaxPostBytes} bytes"
            : $"Message size exceeds the limit of {MaxPostBytes} bytes");

    public async Task<ConnectionsResponse> PostAsync(string connectionId, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (connections.Find(connectionId) is not { } connection || connection.State != WebSocketState.Open)
        {
            return Gone(connectionId);
        }
        if (data.Length > MaxPostBytes)
        {
            return TooLarge(data.Length);
        }
        try
        {
            await connection.SendTextAsync(data, cancellationToken);
        }
        catch (SlowClientException e)
        {
            // What API Gateway answers when the client's buffer is full.
            return ConnectionsResponse.Error(429, "LimitExceededException", e.Message);
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException)
        {
            return Gone(connectionId);
        }
        return new ConnectionsResponse(200, null, null);
    }

    public ConnectionsResponse Get(string connectionId)
    {
        if (connections.Find(connectionId) is not { } connection || connection.State != WebSocketState.Open)
        {
            return Gone(connectionId);
        }
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("connectedAt", Iso(connection.ConnectedAt));
            writer.WriteStartObject("identity");
            writer.WriteString("sourceIp", connection.Identity.SourceIp);
            if (connection.Identity.UserAgent is { } userAgent)
            {
                writer.WriteString("userAgent", userAgent);
            }
            writer.WriteEndObject();
            writer.WriteString("lastActiveAt", Iso(connection.LastActiveAt));
            writer.WriteEndObject();
        }
        return new ConnectionsResponse(200, null, buffer.WrittenSpan.ToArray());
    }

    /// <summary>Closes the connection with 1000; its $disconnect reports "Connection Closed Normally".</summary>
    public async Task<ConnectionsResponse> DeleteAsync(string connectionId, CancellationToken cancellationToken)
    {
        if (connections.Find(connectionId) is not { } connection || connection.State != WebSocketState.Open || connection.Disconnect is not null)
        {
            return Gone(connectionId);
        }
        await connection.CloseAsync(WebSocketCloseStatus.NormalClosure, "", "Connection Closed Normally", cancellationToken);
        return new ConnectionsResponse(204, null, null);
    }

    private static ConnectionsResponse Gone(string connectionId) =>
        ConnectionsResponse.Error(410, "GoneException", $"Connection {connectionId} is gone");

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}

/// <summary>An <c>@connections</c> answer: status, the <c>x-amzn-ErrorType</c> for errors, and the JSON body.</summary>
internal sealed record ConnectionsResponse(int StatusCode, string? ErrorType, byte[]? Body)
{
    public static ConnectionsResponse Error(int status, string errorType, string message)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("message", message);
            writer.WriteEndObject();
        }
        return new ConnectionsResponse(status, errorType, buffer.WrittenSpan.ToArray());
    }
}
