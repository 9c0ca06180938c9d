namespace WebSocketAspire.Functions.Storage;

/// <summary>Where connected ids are kept (one item per connection).</summary>
internal interface IConnectionStore
{
    Task PutAsync(string connectionId, CancellationToken cancellationToken);

    Task DeleteAsync(string connectionId, CancellationToken cancellationToken);
}
