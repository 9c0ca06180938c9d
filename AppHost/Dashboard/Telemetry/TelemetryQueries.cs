namespace WebSocketAspire.AppHost.Dashboard.Telemetry;

/// <summary>Filters for the trace list; null means "any".</summary>
internal sealed record TraceQuery
{
    public string? Service { get; init; }
    public int Limit { get; init; } = 200;
}

/// <summary>Filters for structured logs; null means "any".</summary>
internal sealed record LogQuery
{
    public string? Service { get; init; }
    public LogSeverity MinimumSeverity { get; init; } = LogSeverity.Unspecified;
    /// <summary>Case-insensitive text searched in the body and the attribute values.</summary>
    public string? Contains { get; init; }
    public string? TraceId { get; init; }
    public int Limit { get; init; } = 500;
}

/// <summary>One row of the trace list.</summary>
internal sealed record TraceSummary(
    string TraceId,
    string RootName,
    string RootService,
    IReadOnlyList<string> Services,
    DateTimeOffset Start,
    TimeSpan Duration,
    int SpanCount,
    bool HasError);

/// <summary>A span placed in its trace's tree: depth 0 is a root (or an orphan whose parent was not received).</summary>
internal sealed record TraceSpan(SpanRecord Span, int Depth);

/// <summary>All retained spans of one trace in waterfall order (parents before children, siblings by start).</summary>
internal sealed record TraceDetail(string TraceId, DateTimeOffset Start, TimeSpan Duration, IReadOnlyList<TraceSpan> Spans);

/// <summary>Console lines after a sequence number, plus the number to ask after next time.</summary>
internal sealed record ConsoleSlice(string Resource, IReadOnlyList<ConsoleLine> Lines, long LastSequence);

/// <summary>Buffer sizes; each is a ring, so the oldest item goes first.</summary>
internal sealed record TelemetryLimits
{
    public int MaxSpans { get; init; } = 10_000;
    public int MaxLogRecords { get; init; } = 10_000;
    public int MaxConsoleLinesPerResource { get; init; } = 2_000;

    public void Validate()
    {
        if (MaxSpans < 1)
        {
            throw new ArgumentException($"{nameof(TelemetryLimits)}.{nameof(MaxSpans)} must be at least 1 (was {MaxSpans}).");
        }
        if (MaxLogRecords < 1)
        {
            throw new ArgumentException($"{nameof(TelemetryLimits)}.{nameof(MaxLogRecords)} must be at least 1 (was {MaxLogRecords}).");
        }
        if (MaxConsoleLinesPerResource < 1)
        {
            throw new ArgumentException($"{nameof(TelemetryLimits)}.{nameof(MaxConsoleLinesPerResource)} must be at least 1 (was {MaxConsoleLinesPerResource}).");
        }
    }
}
