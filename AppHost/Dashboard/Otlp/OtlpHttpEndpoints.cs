using System.IO.Compression;
using Google.Protobuf;
using WebSocketAspire.AppHost.Dashboard.Otlp.Proto.Collector.Logs;
using WebSocketAspire.AppHost.Dashboard.Otlp.Proto.Collector.Metrics;
using WebSocketAspire.AppHost.Dashboard.Otlp.Proto.Collector.Trace;

namespace WebSocketAspire.AppHost.Dashboard.Otlp;

/// <summary>OTLP/HTTP with binary protobuf bodies: POST /v1/traces, /v1/logs, /v1/metrics.</summary>
internal static class OtlpHttpEndpoints
{
    public const string ProtobufContentType = "application/x-protobuf";

    public static IEndpointRouteBuilder MapOtlpHttp(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var ingest = endpoints.ServiceProvider.GetRequiredService<OtlpIngest>();
        endpoints.MapPost("/v1/traces", (HttpContext context) => Handle(context, ExportTraceServiceRequest.Parser, ingest.Export));
        endpoints.MapPost("/v1/logs", (HttpContext context) => Handle(context, ExportLogsServiceRequest.Parser, ingest.Export));
        endpoints.MapPost("/v1/metrics", (HttpContext context) => Handle(context, ExportMetricsServiceRequest.Parser, ingest.Export));
        return endpoints;
    }

    private static async Task Handle<TRequest, TResponse>(HttpContext context, MessageParser<TRequest> parser, Func<TRequest, TResponse> export)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage
    {
        // OTLP/JSON uses hex ids and would need its own decoder; only the binary encoding is offered.
        if (!IsProtobuf(context.Request.ContentType))
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }
        TRequest request;
        try
        {
            using var body = await ReadBodyAsync(context.Request, context.RequestAborted);
            request = parser.ParseFrom(body);
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidDataException)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        var response = export(request);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = ProtobufContentType;
        await context.Response.Body.WriteAsync(response.ToByteArray(), context.RequestAborted);
    }

    private static bool IsProtobuf(string? contentType)
        => contentType is not null && contentType.Split(';')[0].Trim().Equals(ProtobufContentType, StringComparison.OrdinalIgnoreCase);

    /// <summary>Buffers the body (Kestrel forbids synchronous reads), undoing gzip if the sender used it.</summary>
    private static async Task<MemoryStream> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        if (string.Equals(request.Headers.ContentEncoding, "gzip", StringComparison.OrdinalIgnoreCase))
        {
            await using var gzip = new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true);
            await gzip.CopyToAsync(buffer, ct);
        }
        else
        {
            await request.Body.CopyToAsync(buffer, ct);
        }
        buffer.Position = 0;
        return buffer;
    }
}
