using System.Text;
using WebSocketAspire.Functions.Connections;

namespace WebSocketAspire.Tests.Functions.Fakes;

internal sealed class FakeConnectionsApi : IConnectionsApi
{
    public List<(Uri Endpoint, string ConnectionId, string Data)> Posts { get; } = [];

    public HashSet<string> GoneConnections { get; } = [];

    public Exception? PostFailure { get; set; }

    public Task PostToConnectionAsync(Uri endpoint, string connectionId, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        Posts.Add((endpoint, connectionId, Encoding.UTF8.GetString(data.Span)));
        if (PostFailure is not null)
        {
            throw PostFailure;
        }
        return GoneConnections.Contains(connectionId)
            ? throw new GoneException(connectionId, "gone")
            : Task.CompletedTask;
    }

    public Task<ConnectionInfo> GetConnectionAsync(Uri endpoint, string connectionId, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task DeleteConnectionAsync(Uri endpoint, string connectionId, CancellationToken cancellationToken) =>
        throw new NotSupportedException();
}
