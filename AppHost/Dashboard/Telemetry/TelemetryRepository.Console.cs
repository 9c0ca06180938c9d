namespace WebSocketAspire.AppHost.Dashboard.Telemetry;

internal sealed partial class TelemetryRepository
{
    private readonly Lock _consoleGate = new();
    private readonly Dictionary<string, ConsoleBuffer> _consoles = new(StringComparer.Ordinal);

    /// <summary>Records a line a resource wrote; returns its sequence number (1, 2, … per resource).</summary>
    public long AddConsoleLine(string resource, string text)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(text);
        var now = _time.GetUtcNow();
        lock (_consoleGate)
        {
            if (!_consoles.TryGetValue(resource, out var buffer))
            {
                buffer = new ConsoleBuffer(_limits.MaxConsoleLinesPerResource);
                _consoles[resource] = buffer;
            }
            var line = new ConsoleLine(++buffer.LastSequence, now, text);
            buffer.Lines.Add(line, out _);
            return line.Sequence;
        }
    }

    /// <summary>Resources that have written at least one line, sorted.</summary>
    public IReadOnlyList<string> ConsoleResources()
    {
        lock (_consoleGate)
        {
            return [.. _consoles.Keys.Order(StringComparer.Ordinal)];
        }
    }

    /// <summary>
    /// Retained lines with a sequence number greater than <paramref name="afterSequence"/>, oldest
    /// first, at most <paramref name="max"/>; pass the returned LastSequence next time to tail.
    /// </summary>
    public ConsoleSlice ConsoleLines(string resource, long afterSequence = 0, int max = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(resource);
        lock (_consoleGate)
        {
            if (!_consoles.TryGetValue(resource, out var buffer))
            {
                return new ConsoleSlice(resource, [], afterSequence);
            }
            var lines = new List<ConsoleLine>();
            var retained = buffer.Lines.Count;
            // Sequence numbers are contiguous, so the first wanted line's position is arithmetic.
            var firstSequence = buffer.LastSequence - retained + 1;
            var from = (int)Math.Clamp(afterSequence - firstSequence + 1, 0, retained);
            for (var i = from; i < retained && lines.Count < max; i++)
            {
                lines.Add(buffer.Lines[i]);
            }
            var last = lines.Count > 0 ? lines[^1].Sequence : Math.Max(afterSequence, 0);
            return new ConsoleSlice(resource, lines, Math.Min(last, buffer.LastSequence));
        }
    }

    private sealed class ConsoleBuffer(int capacity)
    {
        public RingBuffer<ConsoleLine> Lines { get; } = new(capacity);

        public long LastSequence { get; set; }
    }
}
