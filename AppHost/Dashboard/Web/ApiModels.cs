using WebSocketAspire.AppHost.Dashboard.Telemetry;

namespace WebSocketAspire.AppHost.Dashboard.Web;

// The JSON shapes of /api/*: flat, display-ready (times as ISO 8601, durations in milliseconds).

internal sealed record ResourceDto(string Name, string Type, string State, int? ProcessId, int Restarts, IReadOnlyList<string> Endpoints);

internal sealed record ConsoleLineDto(long Sequence, DateTimeOffset Timestamp, string Text);

internal sealed record ConsoleDto(string Resource, IReadOnlyList<ConsoleLineDto> Lines, long LastSequence);

internal sealed record LogDto(
    DateTimeOffset Timestamp,
    string Severity,
    string SeverityText,
    string Body,
    string Service,
    string Category,
    string? TraceId,
    string? SpanId,
    IReadOnlyList<TelemetryAttribute> Attributes);

internal sealed record TraceSummaryDto(
    string TraceId,
    string RootName,
    string RootService,
    IReadOnlyList<string> Services,
    DateTimeOffset Start,
    double DurationMs,
    int SpanCount,
    bool HasError);

internal sealed record SpanEventDto(string Name, double OffsetMs, IReadOnlyList<TelemetryAttribute> Attributes);

internal sealed record SpanDto(
    string SpanId,
    string? ParentSpanId,
    string Name,
    string Service,
    string Kind,
    string Scope,
    int Depth,
    DateTimeOffset Start,
    double OffsetMs,
    double DurationMs,
    string Status,
    string StatusMessage,
    IReadOnlyList<TelemetryAttribute> Attributes,
    IReadOnlyList<SpanEventDto> Events);

internal sealed record TraceDetailDto(string TraceId, DateTimeOffset Start, double DurationMs, IReadOnlyList<SpanDto> Spans);

internal static class ApiMapper
{
    public static ResourceDto ToDto(ResourceSnapshot r) => new(r.Name, r.Type, r.State, r.ProcessId, r.Restarts, r.Endpoints);

    public static ConsoleDto ToDto(ConsoleSlice slice)
        => new(slice.Resource, [.. slice.Lines.Select(l => new ConsoleLineDto(l.Sequence, l.Timestamp, l.Text))], slice.LastSequence);

    public static LogDto ToDto(LogRecordEntry l)
        => new(l.Timestamp, l.Severity.ToString(), l.SeverityText, l.Body, l.ServiceName, l.ScopeName, l.TraceId, l.SpanId, l.Attributes);

    public static TraceSummaryDto ToDto(TraceSummary t)
        => new(t.TraceId, t.RootName, t.RootService, t.Services, t.Start, t.Duration.TotalMilliseconds, t.SpanCount, t.HasError);

    public static TraceDetailDto ToDto(TraceDetail t)
        => new(t.TraceId, t.Start, t.Duration.TotalMilliseconds, [.. t.Spans.Select(s => ToDto(s, t.Start))]);

    private static SpanDto ToDto(TraceSpan placed, DateTimeOffset traceStart)
    {
        var s = placed.Span;
        return new SpanDto(
            s.SpanId,
            s.ParentSpanId,
            s.Name,
            s.ServiceName,
            s.Kind,
            s.ScopeName,
            placed.Depth,
            s.StartTime,
            (s.StartTime - traceStart).TotalMilliseconds,
            s.Duration.TotalMilliseconds,
            s.Status.ToString(),
            s.StatusMessage,
            s.Attributes,
            [.. s.Events.Select(e => new SpanEventDto(e.Name, (e.Time - traceStart).TotalMilliseconds, e.Attributes))]);
    }
}
