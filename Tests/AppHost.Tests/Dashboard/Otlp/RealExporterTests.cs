using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using WebSocketAspire.AppHost.Dashboard;
using WebSocketAspire.AppHost.Dashboard.Telemetry;
using WebSocketAspire.Tests.AppHost.Dashboard.Support;
using WebSocketAspire.Tests.AppHost.Support;

namespace WebSocketAspire.Tests.AppHost.Dashboard.Otlp;

/// <summary>The receiver against the real OpenTelemetry .NET OTLP exporter, over both protocols.</summary>
public sealed class RealExporterTests
{
    [Theory]
    [InlineData(OtlpExportProtocol.Grpc)]
    [InlineData(OtlpExportProtocol.HttpProtobuf)]
    public async Task Spans_and_logs_from_the_real_exporter_land_in_the_repository(OtlpExportProtocol protocol)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var repository = new TelemetryRepository(TimeProvider.System);
        await using var server = await DashboardHost.StartAsync(new DashboardOptions(), repository, new FakeResourceSource(), timeout.Token);
        var service = "exporter-test-" + protocol;
        var tracesEndpoint = Endpoint(server, protocol, "v1/traces");
        var logsEndpoint = Endpoint(server, protocol, "v1/logs");

        using var source = new ActivitySource("Tests.RealExporter." + protocol);
        using var tracerProvider = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService(service))
            .AddSource(source.Name)
            .AddOtlpExporter(o =>
            {
                o.Protocol = protocol;
                o.Endpoint = tracesEndpoint;
            })
            .Build();
        await using var services = new ServiceCollection()
            .AddLogging(logging => logging.AddOpenTelemetry(o =>
            {
                o.SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService(service));
                o.AddOtlpExporter(e =>
                {
                    e.Protocol = protocol;
                    e.Endpoint = logsEndpoint;
                });
            }))
            .BuildServiceProvider();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Tests.Category");

        string traceId, parentId, childId;
        using (var parent = source.StartActivity("gateway frame", ActivityKind.Server))
        {
            Assert.NotNull(parent);
            parent.SetTag("apigw.route_key", "sendmessage");
            parent.SetTag("attempt", 3);
            using (var child = source.StartActivity("invoke sendmessage", ActivityKind.Client))
            {
                Assert.NotNull(child);
                child.SetTag("faas.invocation_id", "inv-1");
                child.SetStatus(ActivityStatusCode.Error, "handler failed");
                child.AddEvent(new ActivityEvent("retrying", tags: new ActivityTagsCollection { ["retry.attempt"] = 1 }));
                childId = child.SpanId.ToHexString();
#pragma warning disable CA1848 // A plain call keeps the test about the wire, not the logging API.
                logger.LogWarning("Delivered {Count} messages to {ConnectionId}", 2, "c-42");
#pragma warning restore CA1848
            }
            traceId = parent.TraceId.ToHexString();
            parentId = parent.SpanId.ToHexString();
        }

        Assert.True(tracerProvider.ForceFlush(15_000), "trace exporter flush");
        Assert.True(services.GetRequiredService<LoggerProvider>().ForceFlush(15_000), "log exporter flush");
        await Eventually.TrueAsync(() => Task.FromResult(repository.SpanCount == 2 && repository.LogCount == 1), "2 spans and 1 log record arrived");

        var trace = repository.Trace(traceId);
        Assert.NotNull(trace);
        Assert.Equal(["gateway frame", "invoke sendmessage"], trace.Spans.Select(s => s.Span.Name));
        var root = trace.Spans[0].Span;
        var child2 = trace.Spans[1].Span;
        Assert.Equal(parentId, root.SpanId);
        Assert.Null(root.ParentSpanId);
        Assert.Equal(childId, child2.SpanId);
        Assert.Equal(parentId, child2.ParentSpanId);
        Assert.All(trace.Spans, s => Assert.Equal(service, s.Span.ServiceName));
        Assert.Equal("Server", root.Kind);
        Assert.Equal("Client", child2.Kind);
        Assert.Contains(new TelemetryAttribute("apigw.route_key", "sendmessage"), root.Attributes);
        Assert.Contains(new TelemetryAttribute("attempt", "3"), root.Attributes);
        Assert.Contains(new TelemetryAttribute("faas.invocation_id", "inv-1"), child2.Attributes);
        Assert.Equal(SpanStatus.Error, child2.Status);
        Assert.Equal("handler failed", child2.StatusMessage);
        Assert.Equal(source.Name, root.ScopeName);
        var retry = Assert.Single(child2.Events);
        Assert.Equal("retrying", retry.Name);
        Assert.Equal([new TelemetryAttribute("retry.attempt", "1")], retry.Attributes);
        Assert.InRange(retry.Time, child2.StartTime, child2.EndTime);

        var summary = Assert.Single(repository.Traces(new TraceQuery { Service = service }));
        Assert.Equal("gateway frame", summary.RootName);
        Assert.True(summary.HasError);

        var log = Assert.Single(repository.Logs(new LogQuery { TraceId = traceId }));
        Assert.Equal(LogSeverity.Warning, log.Severity);
        Assert.Equal(service, log.ServiceName);
        Assert.Equal(childId, log.SpanId);
        Assert.Equal("Tests.Category", log.ScopeName);
        // The exporter sends the template as the body unless formatted messages are requested; accept either.
        Assert.True(log.Body is "Delivered {Count} messages to {ConnectionId}" or "Delivered 2 messages to c-42", log.Body);
        Assert.Contains(new TelemetryAttribute("ConnectionId", "c-42"), log.Attributes);
        Assert.Contains(new TelemetryAttribute("Count", "2"), log.Attributes);
    }

    [Fact]
    public async Task Metrics_are_accepted_over_grpc_and_discarded()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var repository = new TelemetryRepository(TimeProvider.System);
        await using var server = await DashboardHost.StartAsync(new DashboardOptions(), repository, new FakeResourceSource(), timeout.Token);
        using var meter = new System.Diagnostics.Metrics.Meter("Tests.Metrics");
        var counter = meter.CreateCounter<long>("frames");
        using var meterProvider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(meter.Name)
            .AddOtlpExporter(o =>
            {
                o.Protocol = OtlpExportProtocol.Grpc;
                o.Endpoint = server.OtlpGrpcEndpoint;
            })
            .Build();
        counter.Add(5);

        Assert.True(meterProvider.ForceFlush(15_000), "metric export succeeds");
        Assert.Equal(0, repository.SpanCount);
    }

    /// <summary>Set in code, the .NET exporter uses an HTTP endpoint verbatim, so the signal path is added here.</summary>
    private static Uri Endpoint(DashboardServer server, OtlpExportProtocol protocol, string signalPath)
        => protocol == OtlpExportProtocol.Grpc ? server.OtlpGrpcEndpoint : new Uri(server.OtlpHttpEndpoint, signalPath);
}
