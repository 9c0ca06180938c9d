using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace WebSocketAspire.ServiceDefaults;

/// <summary>
/// Aspire's service defaults for the stack's processes: OpenTelemetry, health checks, service
/// discovery and resilient HttpClients. Native-AOT-safe, so the functions' <c>bootstrap</c> uses them
/// on Lambda as well as locally.
/// </summary>
public static class Extensions
{
    /// <summary>
    /// Adds OpenTelemetry (OTLP export when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set), a liveness
    /// health check, service discovery, and the standard resilience handler on every HttpClient made
    /// by the factory. <paramref name="activitySources"/> names the caller's own sources.
    /// </summary>
    /// <remarks>
    /// Clients that must not be retried or time out (the Lambda Runtime API's long-polling <c>next</c>)
    /// are built without the factory, so these defaults do not reach them.
    /// </remarks>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder, params string[] activitySources)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureOpenTelemetry(activitySources);
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        return builder;
    }

    /// <summary>A "self" check tagged <c>live</c>: the process answers, so it is alive.</summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <summary>Traces, metrics and logs over OTLP, with the Lambda resource attributes when running as a function.</summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder, params string[] activitySources)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });
        // Logs inside a span the sampler dropped go too (warnings and errors stay): see RecordedTraceLogSampler.
        builder.Logging.AddSampler(new WebSocketAspire.Telemetry.RecordedTraceLogSampler());

        // No generated service.instance.id: Aspire's dashboard matches telemetry to a resource by name,
        // and to one of its replicas by the instance id its launcher sets in OTEL_RESOURCE_ATTRIBUTES.
        var serviceName = builder.Configuration["OTEL_SERVICE_NAME"]
            ?? builder.Configuration["AWS_LAMBDA_FUNCTION_NAME"]
            ?? builder.Environment.ApplicationName;

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService(serviceName, autoGenerateServiceInstanceId: false)
                .AddAttributes(LambdaResourceAttributes(builder.Configuration)))
            .WithMetrics(metrics => metrics
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation())
            .WithTracing(tracing => tracing
                .AddSource(activitySources)
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>
    /// Exports everything buffered so far (metrics only when <paramref name="includeMetrics"/>). A
    /// Lambda process is frozen while it waits for its next invocation, so batched telemetry has to
    /// be pushed out before it asks.
    /// </summary>
    public static void FlushTelemetry(this IServiceProvider services, int timeoutMilliseconds = 2000, bool includeMetrics = true)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.GetService<TracerProvider>()?.ForceFlush(timeoutMilliseconds);
        if (includeMetrics)
        {
            services.GetService<MeterProvider>()?.ForceFlush(timeoutMilliseconds);
        }
        services.GetService<LoggerProvider>()?.ForceFlush(timeoutMilliseconds);
    }

    private static IEnumerable<KeyValuePair<string, object>> LambdaResourceAttributes(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        if (configuration["AWS_LAMBDA_FUNCTION_NAME"] is { } function)
        {
            yield return new("faas.name", function);
            yield return new("cloud.provider", "aws");
            yield return new("cloud.platform", "aws_lambda");
        }
        if (configuration["AWS_REGION"] is { } region)
        {
            yield return new("cloud.region", region);
        }
        if (configuration["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] is { } memory)
        {
            yield return new("faas.max_memory", memory);
        }
    }
}
