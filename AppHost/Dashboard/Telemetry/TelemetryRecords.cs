namespace WebSocketAspire.AppHost.Dashboard.Telemetry;

/// <summary>One attribute, its value already rendered as text for display.</summary>
internal sealed record TelemetryAttribute(string Key, string Value);

internal enum SpanStatus
{
    Unset = 0,
    Ok = 1,
    Error = 2,
}

/// <summary>A finished span as the dashboard keeps it, independent of how it arrived.</summary>
internal sealed record SpanRecord
{
    public required string TraceId { get; init; }
    public required string SpanId { get; init; }
    /// <summary>Null for a root span.</summary>
    public string? ParentSpanId { get; init; }
    public required string Name { get; init; }
    public required string Kind { get; init; }
    public required string ServiceName { get; init; }
    public string ScopeName { get; init; } = "";
    public required DateTimeOffset StartTime { get; init; }
    public required DateTimeOffset EndTime { get; init; }
    public SpanStatus Status { get; init; }
    public string StatusMessage { get; init; } = "";
    public IReadOnlyList<TelemetryAttribute> Attributes { get; init; } = [];
    public IReadOnlyList<SpanEventRecord> Events { get; init; } = [];

    public TimeSpan Duration => EndTime >= StartTime ? EndTime - StartTime : TimeSpan.Zero;
}

internal sealed record SpanEventRecord(string Name, DateTimeOffset Time, IReadOnlyList<TelemetryAttribute> Attributes);

/// <summary>A structured log record as the dashboard keeps it.</summary>
internal sealed record LogRecordEntry
{
    public required DateTimeOffset Timestamp { get; init; }
    public required LogSeverity Severity { get; init; }
    /// <summary>The sender's own severity name (e.g. "Information"); may be empty.</summary>
    public string SeverityText { get; init; } = "";
    public required string Body { get; init; }
    public required string ServiceName { get; init; }
    /// <summary>Instrumentation scope; for .NET ILogger this is the logger category.</summary>
    public string ScopeName { get; init; } = "";
    public string? TraceId { get; init; }
    public string? SpanId { get; init; }
    public IReadOnlyList<TelemetryAttribute> Attributes { get; init; } = [];
}

/// <summary>One line a resource wrote to stdout/stderr, numbered per resource for tailing.</summary>
internal sealed record ConsoleLine(long Sequence, DateTimeOffset Timestamp, string Text);
