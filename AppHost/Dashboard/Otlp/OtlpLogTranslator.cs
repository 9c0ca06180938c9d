using WebSocketAspire.AppHost.Dashboard.Otlp.Proto.Collector.Logs;
using WebSocketAspire.AppHost.Dashboard.Telemetry;

namespace WebSocketAspire.AppHost.Dashboard.Otlp;

/// <summary>Turns an OTLP logs export into dashboard log records; pure.</summary>
internal static class OtlpLogTranslator
{
    public static List<LogRecordEntry> Translate(ExportLogsServiceRequest request, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(request);
        var records = new List<LogRecordEntry>();
        foreach (var resourceLogs in request.ResourceLogs)
        {
            var service = OtlpValues.ServiceName(resourceLogs.Resource);
            foreach (var scopeLogs in resourceLogs.ScopeLogs)
            {
                var scope = scopeLogs.Scope?.Name ?? "";
                foreach (var log in scopeLogs.LogRecords)
                {
                    // OTLP allows time_unix_nano = 0 ("unknown"); fall back to when the SDK saw it, then to arrival.
                    var timestamp = log.TimeUnixNano != 0 ? OtlpValues.Time(log.TimeUnixNano)
                        : log.ObservedTimeUnixNano != 0 ? OtlpValues.Time(log.ObservedTimeUnixNano)
                        : receivedAt;
                    records.Add(new LogRecordEntry
                    {
                        Timestamp = timestamp,
                        Severity = LogSeverities.FromNumber((int)log.SeverityNumber),
                        SeverityText = log.SeverityText,
                        Body = log.Body is { } body ? OtlpValues.Format(body) : "",
                        ServiceName = service,
                        ScopeName = scope,
                        TraceId = OtlpValues.Id(log.TraceId),
                        SpanId = OtlpValues.Id(log.SpanId),
                        Attributes = OtlpValues.Attributes(log.Attributes),
                    });
                }
            }
        }
        return records;
    }
}
