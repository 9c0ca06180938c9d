using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace WebSocketAspire.ServiceDefaults;

/// <summary>
/// The same OpenTelemetry wiring as <see cref="Extensions.AddServiceDefaults{TBuilder}"/> for a component
/// that is not a generic host of its own (the AppHost's gateway runs inside it): one tracer provider
/// for its sources and an OpenTelemetry log provider, both exporting over OTLP when an endpoint is given.
/// </summary>
public sealed class ProcessTelemetry : IDisposable
{
    private readonly TracerProvider _tracing;

    private ProcessTelemetry(string serviceName, Uri? otlpEndpoint, TracerProvider tracing)
    {
        ServiceName = serviceName;
        OtlpEndpoint = otlpEndpoint;
        _tracing = tracing;
    }

    public string ServiceName { get; }
    public Uri? OtlpEndpoint { get; }

    /// <summary>Starts listening to <paramref name="activitySources"/>; spans are always created, and exported only with an endpoint.</summary>
    public static ProcessTelemetry Create(string serviceName, Uri? otlpEndpoint, params string[] activitySources)
    {
        var builder = Sdk.CreateTracerProviderBuilder()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .AddSource(activitySources);
        if (otlpEndpoint is not null)
        {
            builder.AddOtlpExporter(options => Configure(options, otlpEndpoint));
        }
        return new ProcessTelemetry(serviceName, otlpEndpoint, builder.Build());
    }

    /// <summary>Adds structured log export under this service's name (nothing without an endpoint).</summary>
    public void AddLogging(ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        if (OtlpEndpoint is not { } endpoint)
        {
            return;
        }
        logging.AddOpenTelemetry(options =>
        {
            options.IncludeFormattedMessage = true;
            options.IncludeScopes = true;
            options.SetResourceBuilder(ResourceBuilder.CreateDefault().AddService(ServiceName));
            options.AddOtlpExporter(exporter => Configure(exporter, endpoint));
        });
    }

    public void Flush(int timeoutMilliseconds = 2000) => _tracing.ForceFlush(timeoutMilliseconds);

    public void Dispose() => _tracing.Dispose();

    private static void Configure(OtlpExporterOptions options, Uri endpoint)
    {
        options.Endpoint = endpoint;
        options.Protocol = OtlpExportProtocol.Grpc;
    }
}
