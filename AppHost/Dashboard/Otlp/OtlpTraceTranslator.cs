using WebSocketAspire.AppHost.Dashboard.Otlp.Proto.Collector.Trace;
using WebSocketAspire.AppHost.Dashboard.Otlp.Proto.Trace;
using WebSocketAspire.AppHost.Dashboard.Telemetry;

namespace WebSocketAspire.AppHost.Dashboard.Otlp;

/// <summary>Turns an OTLP trace export into dashboard spans; pure, so it is tested without sockets.</summary>
internal static class OtlpTraceTranslator
{
    /// <summary>Translated spans, and how many were rejected for lacking a trace or span id.</summary>
    public static (List<SpanRecord> Spans, int Rejected) Translate(ExportTraceServiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var spans = new List<SpanRecord>();
        var rejected = 0;
        foreach (var resourceSpans in request.ResourceSpans)
        {
            var service = OtlpValues.ServiceName(resourceSpans.Resource);
            foreach (var scopeSpans in resourceSpans.ScopeSpans)
            {
                var scope = scopeSpans.Scope?.Name ?? "";
                foreach (var span in scopeSpans.Spans)
                {
                    var traceId = OtlpValues.Id(span.TraceId);
                    var spanId = OtlpValues.Id(span.SpanId);
                    if (traceId is null || spanId is null)
                    {
                        rejected++;
                        continue;
                    }
                    spans.Add(new SpanRecord
                    {
                        TraceId = traceId,
                        SpanId = spanId,
                        ParentSpanId = OtlpValues.Id(span.ParentSpanId),
                        Name = span.Name,
                        Kind = Kind(span.Kind),
                        ServiceName = service,
                        ScopeName = scope,
                        StartTime = OtlpValues.Time(span.StartTimeUnixNano),
                        EndTime = OtlpValues.Time(span.EndTimeUnixNano),
                        Status = span.Status?.Code switch
                        {
                            Status.Types.StatusCode.Error => SpanStatus.Error,
                            Status.Types.StatusCode.Ok => SpanStatus.Ok,
                            _ => SpanStatus.Unset,
                        },
                        StatusMessage = span.Status?.Message ?? "",
                        Attributes = OtlpValues.Attributes(span.Attributes),
                        Events = [.. span.Events.Select(e => new SpanEventRecord(e.Name, OtlpValues.Time(e.TimeUnixNano), OtlpValues.Attributes(e.Attributes)))],
                    });
                }
            }
        }
        return (spans, rejected);
    }

    private static string Kind(Span.Types.SpanKind kind) => kind switch
    {
        Span.Types.SpanKind.Internal => "Internal",
        Span.Types.SpanKind.Server => "Server",
        Span.Types.SpanKind.Client => "Client",
        Span.Types.SpanKind.Producer => "Producer",
        Span.Types.SpanKind.Consumer => "Consumer",
        _ => "Unspecified",
    };
}
