using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace WebSocketAspire.Infrastructure.Hosting.Local;

/// <summary>
/// OpenTelemetry for the parts of the stack that run inside the AppHost (the gateway and the Lambda
/// service): their spans, logs and metrics go over OTLP under one service name, so the dashboard shows
/// them as the API resource's. Spans are always created (the trace continues into the functions);
/// nothing is exported without an endpoint.
/// </summary>
internal sealed class EngineTelemetry : IDisposable
{
    /// <summary>Metrics are read this often: the dashboard's charts move while a developer watches.</summary>
    public static readonly TimeSpan MetricInterval = TimeSpan.FromSeconds(2);

    /// <summary>New traces recorded per second, at most: every one at a developer's pace, a steady sample under load.</summary>
    public const double TracesPerSecond = 20;

    /// <summary>The OpenTelemetry SDK's switch for retrying a failed export in memory (what Aspire sets for its projects).</summary>
    public const string RetryVariable = "OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY";
    public const string RetryInMemory = "in_memory";

    /// <summary>
    /// What the SDK reads its settings from here: the process environment, plus in-memory retry, because
    /// the stack starts before the dashboard listens and its first spans and logs would otherwise be dropped.
    /// </summary>
    private static readonly IConfiguration ExporterSettings = new ConfigurationBuilder()
        .AddEnvironmentVariables()
        .AddInMemoryCollection([new KeyValuePair<string, string?>(RetryVariable, RetryInMemory)])
        .Build();

    /// <summary>Gives an SDK provider <see cref="ExporterSettings"/>.</summary>
    internal static void UseExporterSettings(IServiceCollection services) => services.AddSingleton(ExporterSettings);

    private readonly TracerProvider _tracing;
    private readonly MeterProvider? _metrics;

    private EngineTelemetry(string serviceName, Uri? endpoint, string? headers, TracerProvider tracing, MeterProvider? metrics)
    {
        ServiceName = serviceName;
        Endpoint = endpoint;
        Headers = headers;
        _tracing = tracing;
        _metrics = metrics;
    }

    public string ServiceName { get; }
    public Uri? Endpoint { get; }
    public string? Headers { get; }

    public static EngineTelemetry Create(string serviceName, Uri? endpoint, string? headers, string[] activitySources, string[] meters)
    {
        var tracing = Sdk.CreateTracerProviderBuilder()
            .ConfigureServices(UseExporterSettings)
            .ConfigureResource(r => Describe(r, serviceName))
            .SetSampler(new TraceRateSampler(TracesPerSecond, TimeProvider.System))
            .AddSource(activitySources);
        MeterProvider? metrics = null;
        if (endpoint is not null)
        {
            tracing.AddOtlpExporter(o => Configure(o, endpoint, headers));
            metrics = Metrics(serviceName, endpoint, headers, meters);
        }
        return new EngineTelemetry(serviceName, endpoint, headers, tracing.Build(), metrics);
    }

    /// <summary>A meter provider exporting <paramref name="meters"/> as the resource <paramref name="serviceName"/> (a function's metrics are its own, not the gateway's).</summary>
    public static MeterProvider Metrics(string serviceName, Uri endpoint, string? headers, params string[] meters) =>
        Sdk.CreateMeterProviderBuilder()
            .ConfigureServices(UseExporterSettings)
            .ConfigureResource(r => Describe(r, serviceName))
            .AddMeter(meters)
            .AddOtlpExporter((exporter, reader) =>
            {
                Configure(exporter, endpoint, headers);
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)MetricInterval.TotalMilliseconds;
            })
            .Build();

    /// <summary>Adds structured log export under this service's name (nothing without an endpoint).</summary>
    public void AddLogging(ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        if (Endpoint is not { } endpoint)
        {
            return;
        }
        UseExporterSettings(logging.Services);
        logging.AddOpenTelemetry(options =>
        {
            options.IncludeFormattedMessage = true;
            options.IncludeScopes = true;
            options.SetResourceBuilder(Describe(ResourceBuilder.CreateEmpty(), ServiceName));
            options.AddOtlpExporter(exporter => Configure(exporter, endpoint, Headers));
        });
    }

    public void Flush(int timeoutMilliseconds = 2000)
    {
        _tracing.ForceFlush(timeoutMilliseconds);
        _metrics?.ForceFlush(timeoutMilliseconds);
    }

    public void Dispose()
    {
        _tracing.Dispose();
        _metrics?.Dispose();
    }

    /// <summary>
    /// The service name alone: Aspire's dashboard attributes telemetry to the resource whose name is
    /// <c>service.name</c>, and to one of its replicas only when <c>service.instance.id</c> names it.
    /// </summary>
    internal static ResourceBuilder Describe(ResourceBuilder resource, string serviceName) =>
        resource.AddService(serviceName, autoGenerateServiceInstanceId: false);

    /// <summary>How long one export to the (local) collector may take.</summary>
    internal static readonly TimeSpan ExportTimeout = TimeSpan.FromSeconds(2);

    internal static void Configure(OtlpExporterOptions options, Uri endpoint, string? headers)
    {
        options.Endpoint = endpoint;
        options.Protocol = OtlpExportProtocol.Grpc;
        // The collector is on this machine: an export it has not taken in 2 s will not be taken. The
        // default 10 s (per provider, on stop) held Ctrl+C half a minute when the dashboard had gone first.
        options.TimeoutMilliseconds = (int)ExportTimeout.TotalMilliseconds;
        if (!string.IsNullOrEmpty(headers))
        {
            options.Headers = headers;
        }
    }
}
