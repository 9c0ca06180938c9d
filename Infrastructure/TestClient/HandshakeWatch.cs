using System.Collections.Concurrent;
using WebSocketAspire.Infrastructure.Gateway;

namespace WebSocketAspire.Infrastructure.TestClient;

/// <summary>Hands each relay the gateway's own account of its handshake, found by the relay's source port.</summary>
internal sealed class HandshakeWatch : IDisposable
{
    private readonly WebSocketGateway _gateway;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<HandshakeOutcome>> _waiting = new();

    public HandshakeWatch(WebSocketGateway gateway)
    {
        _gateway = gateway;
        _gateway.Handshake += OnHandshake;
    }

    /// <summary>Starts waiting for the handshake from <paramref name="sourcePort"/> (before it is sent).</summary>
    public Task<HandshakeOutcome> Expect(int sourcePort) =>
        _waiting.GetOrAdd(sourcePort, _ => new TaskCompletionSource<HandshakeOutcome>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Forget(int sourcePort) => _waiting.TryRemove(sourcePort, out _);

    public void Dispose() => _gateway.Handshake -= OnHandshake;

    private void OnHandshake(HandshakeOutcome outcome)
    {
        if (_waiting.TryRemove(outcome.SourcePort, out var waiting))
        {
            waiting.TrySetResult(outcome);
        }
    }
}
