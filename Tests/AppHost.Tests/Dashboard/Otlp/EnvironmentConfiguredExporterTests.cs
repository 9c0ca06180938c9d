using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using WebSocketAspire.AppHost.Dashboard;
using WebSocketAspire.AppHost.Dashboard.Telemetry;
using WebSocketAspire.Tests.AppHost.Dashboard.Support;
using WebSocketAspire.Tests.AppHost.Support;

namespace WebSocketAspire.Tests.AppHost.Dashboard.Otlp;

/// <summary>
/// Functions get the receiver's address the standard way, through OTEL_EXPORTER_OTLP_ENDPOINT and
/// OTEL_EXPORTER_OTLP_PROTOCOL; the bound URLs the server reports must work verbatim as those values.
/// </summary>
public sealed class EnvironmentConfiguredExporterTests
{
    [Theory]
    [InlineData("grpc")]
    [InlineData("http/protobuf")]
    public async Task The_reported_endpoint_works_as_OTEL_EXPORTER_OTLP_ENDPOINT(string protocol)
    {
        var repository = new TelemetryRepository(TimeProvider.System);
        await using var server = await DashboardHost.StartAsync(new DashboardOptions(), repository, new FakeResourceSource(), CancellationToken.None);
        var endpoint = protocol == "grpc" ? server.OtlpGrpcEndpoint : server.OtlpHttpEndpoint;
        // Read from configuration rather than the process environment, so parallel tests cannot interfere.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint.ToString(),
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = protocol,
            })
            .Build();
        using var source = new ActivitySource("Tests.EnvConfigured." + protocol);
        using var tracerProvider = Sdk.CreateTracerProviderBuilder()
            .ConfigureServices(services => services.AddSingleton<IConfiguration>(configuration))
            .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService("env-" + protocol))
            .AddSource(source.Name)
            .AddOtlpExporter()
            .Build();

        string traceId;
        using (var activity = source.StartActivity("configured-by-environment"))
        {
            Assert.NotNull(activity);
            traceId = activity.TraceId.ToHexString();
        }

        Assert.True(tracerProvider.ForceFlush(15_000), "flush");
        await Eventually.TrueAsync(() => Task.FromResult(repository.Trace(traceId) is not null), "the span arrived");
        Assert.Equal("env-" + protocol, repository.Trace(traceId)!.Spans.Single().Span.ServiceName);
    }
}
