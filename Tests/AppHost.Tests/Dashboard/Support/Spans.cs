using WebSocketAspire.AppHost.Dashboard.Telemetry;

namespace WebSocketAspire.Tests.AppHost.Dashboard.Support;

/// <summary>Builders for repository records with readable defaults.</summary>
internal static class Spans
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static SpanRecord Span(string traceId, string spanId, string? parent, string name, string service = "svc", int startMs = 0, int durationMs = 10, SpanStatus status = SpanStatus.Unset)
        => new()
        {
            TraceId = traceId,
            SpanId = spanId,
            ParentSpanId = parent,
            Name = name,
            Kind = "Internal",
            ServiceName = service,
            StartTime = T0.AddMilliseconds(startMs),
            EndTime = T0.AddMilliseconds(startMs + durationMs),
            Status = status,
        };

    public static LogRecordEntry Log(string body, LogSeverity severity = LogSeverity.Information, string service = "svc", string? traceId = null, int atMs = 0, params TelemetryAttribute[] attributes)
        => new()
        {
            Timestamp = T0.AddMilliseconds(atMs),
            Severity = severity,
            Body = body,
            ServiceName = service,
            TraceId = traceId,
            Attributes = attributes,
        };
}
