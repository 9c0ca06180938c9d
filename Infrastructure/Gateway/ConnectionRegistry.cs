using System.Collections.Concurrent;

namespace WebSocketAspire.Infrastructure.Gateway;

/// <summary>The one owner of the set of open connections, by connection id.</summary>
internal sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<string, GatewayConnection> _connections = new(StringComparer.Ordinal);

    public int Count => _connections.Count;

    public void Add(GatewayConnection connection) => _connections[connection.Id] = connection;

    public bool Remove(string connectionId) => _connections.TryRemove(connectionId, out _);

    public GatewayConnection? Find(string connectionId) => _connections.GetValueOrDefault(connectionId);

    public IReadOnlyList<GatewayConnection> Snapshot() => [.. _connections.Values];
}
