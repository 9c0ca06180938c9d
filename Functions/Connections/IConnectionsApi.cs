namespace WebSocketAspire.Functions.Connections;

/// <summary>
/// The three calls of the API Gateway management API. The endpoint of each call is the
/// stage URL, e.g. <c>https://{domainName}/{stage}</c>.
/// </summary>
internal interface IConnectionsApi
{
    /// <exception cref="GoneException">The connection no longer exists (410).</exception>
    Task PostToConnectionAsync(Uri endpoint, string connectionId, ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <exception cref="GoneException">The connection no longer exists (410).</exception>
    Task<ConnectionInfo> GetConnectionAsync(Uri endpoint, string connectionId, CancellationToken cancellationToken);

    /// <exception cref="GoneException">The connection no longer exists (410).</exception>
    Task DeleteConnectionAsync(Uri endpoint, string connectionId, CancellationToken cancellationToken);
}
