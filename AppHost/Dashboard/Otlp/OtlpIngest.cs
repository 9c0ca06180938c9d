using WebSocketAspire.AppHost.Dashboard.Otlp.Proto.Collector.Logs;
using WebSocketAspire.AppHost.Dashboard.Otlp.Proto.Collector.Metrics;
using WebSocketAspire.AppHost.Dashboard.Otlp.Proto.Collector.Trace;
using WebSocketAspire.AppHost.Dashboard.Telemetry;

namespace WebSocketAspire.AppHost.Dashboard.Otlp;

/// <summary>
/// The transport-neutral OTLP service: both the gRPC services and the HTTP/protobuf endpoints
/// hand it decoded requests, and it writes to the repository and builds the OTLP response.
/// </summary>
internal sealed class OtlpIngest
{
    private readonly TelemetryRepository _repository;
    private readonly TimeProvider _time;

    public OtlpIngest(TelemetryRepository repository, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(time);
        _repository = repository;
        _time = time;
    }

    public ExportTraceServiceResponse Export(ExportTraceServiceRequest request)
    {
        var (spans, rejected) = OtlpTraceTranslator.Translate(request);
        _repository.AddSpans(spans);
        var response = new ExportTraceServiceResponse();
        if (rejected > 0)
        {
            response.PartialSuccess = new ExportTracePartialSuccess
            {
                RejectedSpans = rejected,
                ErrorMessage = "Spans without a trace id or span id were rejected.",
            };
        }
        return response;
    }

    public ExportLogsServiceResponse Export(ExportLogsServiceRequest request)
    {
        _repository.AddLogs(OtlpLogTranslator.Translate(request, _time.GetUtcNow()));
        return new ExportLogsServiceResponse();
    }

#pragma warning disable CA1822 // Kept an instance member so all three signals share one entry point.
    public ExportMetricsServiceResponse Export(ExportMetricsServiceRequest request)
#pragma warning restore CA1822
    {
        ArgumentNullException.ThrowIfNull(request);
        // Metrics are not shown; accepting them keeps exporters from retrying and logging errors.
        return new ExportMetricsServiceResponse();
    }
}
