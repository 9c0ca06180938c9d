using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace WebSocketAspire.Infrastructure.Lambda;

/// <summary>
/// What <c>X-Amz-Log-Type: Tail</c> returns: the invocation's log as Lambda writes it (START, the
/// function's own lines, END, REPORT), its last 4 KB. An instance runs one invocation at a time, so
/// a line an instance prints between taking an invocation and asking for the next belongs to it.
/// Only invocations that asked for their tail are collected.
/// </summary>
internal sealed class InvocationLogTail(LambdaService lambda)
{
    /// <summary>Lambda returns the last 4 KB of the log.</summary>
    public const int TailBytes = 4 * 1024;

    private readonly ConcurrentDictionary<string, StringBuilder> _captures = new(StringComparer.Ordinal);

    /// <summary>Starts collecting lines for <paramref name="requestId"/>; dispose to stop.</summary>
    public IDisposable Capture(string requestId)
    {
        _captures[requestId] = new StringBuilder();
        return new Release(() => _captures.TryRemove(requestId, out _));
    }

    /// <summary>True while some invocation wants its log: only then are console lines looked at.</summary>
    public bool IsCollecting => !_captures.IsEmpty;

    /// <summary>A line an instance of <paramref name="functionId"/> printed (console label <c>{function}#{instance}</c>).</summary>
    public void Append(string functionId, string instance, string line)
    {
        if (lambda.Find(functionId)?.LastTakenOn(instance) is not { } requestId
            || !_captures.TryGetValue(requestId, out var log))
        {
            return;
        }
        lock (log)
        {
            log.Append(line).Append('\n');
        }
    }

    /// <summary>The base64 tail for <c>X-Amz-Log-Result</c>.</summary>
    public string Tail(string requestId, TimeSpan duration, int memorySize)
    {
        var log = new StringBuilder();
        log.Append(CultureInfo.InvariantCulture, $"START RequestId: {requestId} Version: $LATEST\n");
        if (_captures.TryGetValue(requestId, out var lines))
        {
            lock (lines)
            {
                log.Append(lines);
            }
        }
        var milliseconds = duration.TotalMilliseconds;
        log.Append(CultureInfo.InvariantCulture, $"END RequestId: {requestId}\n");
        log.Append(CultureInfo.InvariantCulture,
            $"REPORT RequestId: {requestId}\tDuration: {milliseconds:0.00} ms\tBilled Duration: {Math.Max(1, (int)Math.Ceiling(milliseconds))} ms\tMemory Size: {memorySize} MB\t\n");
        var bytes = Encoding.UTF8.GetBytes(log.ToString());
        return Convert.ToBase64String(bytes.Length <= TailBytes ? bytes : bytes.AsSpan(bytes.Length - TailBytes));
    }

    private sealed class Release(Action release) : IDisposable
    {
        public void Dispose() => release();
    }
}
