using Grpc.Core;
using WebSocketAspire.AppHost.Dashboard.Otlp.Proto.Collector.Logs;
using WebSocketAspire.AppHost.Dashboard.Otlp.Proto.Collector.Metrics;
using WebSocketAspire.AppHost.Dashboard.Otlp.Proto.Collector.Trace;

namespace WebSocketAspire.AppHost.Dashboard.Otlp;

/// <summary>gRPC adapter for opentelemetry.proto.collector.trace.v1.TraceService.</summary>
internal sealed class OtlpGrpcTraceService(OtlpIngest ingest) : TraceService.TraceServiceBase
{
    public override Task<ExportTraceServiceResponse> Export(ExportTraceServiceRequest request, ServerCallContext context)
        => Task.FromResult(ingest.Export(request));
}

/// <summary>gRPC adapter for opentelemetry.proto.collector.logs.v1.LogsService.</summary>
internal sealed class OtlpGrpcLogsService(OtlpIngest ingest) : LogsService.LogsServiceBase
{
    public override Task<ExportLogsServiceResponse> Export(ExportLogsServiceRequest request, ServerCallContext context)
        => Task.FromResult(ingest.Export(request));
}

/// <summary>gRPC adapter for opentelemetry.proto.collector.metrics.v1.MetricsService.</summary>
internal sealed class OtlpGrpcMetricsService(OtlpIngest ingest) : MetricsService.MetricsServiceBase
{
    public override Task<ExportMetricsServiceResponse> Export(ExportMetricsServiceRequest request, ServerCallContext context)
        => Task.FromResult(ingest.Export(request));
}
