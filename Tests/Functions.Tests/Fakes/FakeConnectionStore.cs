using WebSocketAspire.Functions.Storage;

namespace WebSocketAspire.Tests.Functions.Fakes;

internal sealed class FakeConnectionStore : IConnectionStore
{
    public List<string> Puts { get; } = [];

    public List<string> Deletes { get; } = [];

    public Task PutAsync(string connectionId, CancellationToken cancellationToken)
    {
        Puts.Add(connectionId);
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string connectionId, CancellationToken cancellationToken)
    {
        Deletes.Add(connectionId);
        return Task.CompletedTask;
    }
}
