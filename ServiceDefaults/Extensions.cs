using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace WebSocketAspire.ServiceDefaults;

/// <summary>Wires OpenTelemetry traces, metrics and logs the same way for every process of the stack.</summary>
public static class Extensions
{
    /// <summary>
    /// Adds OpenTelemetry with OTLP export when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
    /// <paramref name="activitySources"/> names the caller's own sources so its spans are exported.
    /// </summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder, params string[] activitySources)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

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
    /// Exports everything buffered so far. A Lambda process is frozen between invocations,
    /// so batched telemetry has to be pushed out before the response is reported.
    /// </summary>
    public static void FlushTelemetry(this IServiceProvider services, int timeoutMilliseconds = 2000)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.GetService<TracerProvider>()?.ForceFlush(timeoutMilliseconds);
        services.GetService<MeterProvider>()?.ForceFlush(timeoutMilliseconds);
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
