using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using WebSocketAspire.Hosting;
using WebSocketAspire.Infrastructure.Hosting.Local;

namespace WebSocketAspire.Infrastructure.Hosting;

/// <summary>The options a stack starts with: the user's, and where the dashboard receives telemetry.</summary>
internal sealed partial class StackRunner
{
    private async Task<LocalStackOptions> LocalOptionsAsync(WebSocketStackResource stack, CancellationToken cancellationToken)
    {
        var options = stack.Options;
        // Into the Aspire dashboard when it runs, with the API key Aspire gave it; without it, to the
        // collector the user named in OTEL_EXPORTER_OTLP_ENDPOINT, if any.
        var dashboardOtlp = await DashboardOtlpEndpointAsync(cancellationToken);
        var otlp = dashboardOtlp ?? configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var headers = dashboardOtlp is not null && configuration["AppHost:OtlpApiKey"] is { Length: > 0 } key
            ? "x-otlp-api-key=" + key
            : configuration["OTEL_EXPORTER_OTLP_HEADERS"];
        return new LocalStackOptions
        {
            TemplatePath = stack.TemplatePath,
            Parameters = options.Parameters.ToDictionary(StringComparer.Ordinal),
            Host = options.Host,
            GatewayPort = options.GatewayPort,
            LambdaPort = options.LambdaPort,
            DynamoDbPort = options.DynamoDbPort,
            TestClientPort = options.TestClientPort,
            DataDirectory = options.DataDirectory ?? Path.Combine(Path.GetDirectoryName(stack.TemplatePath)!, ".data"),
            DynamoDbEndpoint = options.DynamoDbEndpoint,
            Region = options.Region,
            OtlpEndpoint = string.IsNullOrEmpty(otlp) ? null : new Uri(otlp),
            OtlpHeaders = headers,
            TelemetryServiceName = stack.Api?.Name ?? stack.Name,
            WatchTemplate = options.WatchTemplate,
            NativeAot = options.NativeAot,
            ConfigureLogging = logging => logging
                .SetMinimumLevel(LogLevel.Information)
                .AddFilter("Microsoft", LogLevel.Warning)
                .AddFilter("Microsoft.Extensions.Hosting", LogLevel.None),
        };
    }

    /// <summary>
    /// The dashboard's OTLP/gRPC endpoint; null without a dashboard. A fixed port (the launch profile's)
    /// is where DCP will listen, so the stack need not wait for the dashboard to start (measured: 2 s of
    /// a 9 s start); the exporters retry until it listens. Only when DCP chooses the port (the testing
    /// builder randomises ports) does the stack wait for the allocation, or take the configured URL if
    /// it does not come in time.
    /// </summary>
    private async Task<string?> DashboardOtlpEndpointAsync(CancellationToken cancellationToken)
    {
        if (model.Resources.FirstOrDefault(r => r.Name == DashboardResourceName) is not IResourceWithEndpoints dashboard)
        {
            return null;
        }
        var configured = configuration["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] ?? configuration["DOTNET_DASHBOARD_OTLP_ENDPOINT_URL"];
        var endpoint = dashboard.GetEndpoint(DashboardOtlpEndpointName);
        if (!endpoint.Exists)
        {
            return configured;
        }
        if (KnownInAdvance(endpoint.EndpointAnnotation, configured) is { } fixedUrl)
        {
            return fixedUrl;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            return await endpoint.GetValueAsync(timeout.Token) ?? configured;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return configured;
        }
    }

    /// <summary>
    /// The configured URL when DCP will serve the endpoint exactly there: a fixed port it does not
    /// randomise (<c>DcpPublisher:RandomizePorts</c>, which the testing builder sets). Null otherwise.
    /// </summary>
    private string? KnownInAdvance(EndpointAnnotation annotation, string? configured) =>
        annotation.Port is int port && !configuration.GetValue<bool>("DcpPublisher:RandomizePorts")
            && Uri.TryCreate(configured, UriKind.Absolute, out var url) && url.Port == port
            ? configured
            : null;
}
