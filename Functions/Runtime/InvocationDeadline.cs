namespace WebSocketAspire.Functions.Runtime;

/// <summary>A token cancelled at <c>Lambda-Runtime-Deadline-Ms</c> (on the given clock) or when the runtime stops.</summary>
internal sealed class InvocationDeadline : IDisposable
{
    private static readonly long MaxUnixMs = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();
    private static readonly TimeSpan MaxDelay = TimeSpan.FromDays(1);

    private readonly CancellationTokenSource? _deadline;
    private readonly CancellationTokenSource _linked;

    public InvocationDeadline(long? deadlineMs, TimeProvider time, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(time);
        // Lambda's longest timeout is 15 minutes; anything past a day is a bogus header, so no deadline
        // (CancellationTokenSource also rejects delays beyond ~49 days).
        if (deadlineMs is { } ms && ms <= MaxUnixMs)
        {
            var remaining = DateTimeOffset.FromUnixTimeMilliseconds(ms) - time.GetUtcNow();
            if (remaining <= MaxDelay)
            {
                _deadline = new CancellationTokenSource(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, time);
            }
        }
        _linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, _deadline?.Token ?? CancellationToken.None);
    }

    public CancellationToken Token => _linked.Token;

    public void Dispose()
    {
        _linked.Dispose();
        _deadline?.Dispose();
    }
}
