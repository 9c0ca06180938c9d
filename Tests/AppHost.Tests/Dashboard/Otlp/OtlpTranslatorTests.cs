using Google.Protobuf;
using WebSocketAspire.AppHost.Dashboard.Otlp;
using WebSocketAspire.AppHost.Dashboard.Otlp.Proto.Collector.Logs;
using WebSocketAspire.AppHost.Dashboard.Otlp.Proto.Collector.Trace;
using WebSocketAspire.AppHost.Dashboard.Otlp.Proto.Common;
using WebSocketAspire.AppHost.Dashboard.Otlp.Proto.Logs;
using WebSocketAspire.AppHost.Dashboard.Otlp.Proto.Resource;
using WebSocketAspire.AppHost.Dashboard.Otlp.Proto.Trace;
using WebSocketAspire.AppHost.Dashboard.Telemetry;

namespace WebSocketAspire.Tests.AppHost.Dashboard.Otlp;

public sealed class OtlpTranslatorTests
{
    private static readonly byte[] TraceId = Convert.FromHexString("0af7651916cd43dd8448eb211c80319c");
    private static readonly byte[] SpanId = Convert.FromHexString("b7ad6b7169203331");

    [Fact]
    public void Spans_get_hex_ids_service_name_times_status_and_rendered_attributes()
    {
        var span = new Span
        {
            TraceId = ByteString.CopyFrom(TraceId),
            SpanId = ByteString.CopyFrom(SpanId),
            ParentSpanId = ByteString.CopyFrom(new byte[8]),
            Name = "sendmessage",
            Kind = Span.Types.SpanKind.Server,
            StartTimeUnixNano = 1_700_000_000_000_000_000,
            EndTimeUnixNano = 1_700_000_000_250_000_000,
            Status = new Status { Code = Status.Types.StatusCode.Error, Message = "boom" },
        };
        span.Attributes.Add(Kv("s", new AnyValue { StringValue = "text" }));
        span.Attributes.Add(Kv("i", new AnyValue { IntValue = -3 }));
        span.Attributes.Add(Kv("d", new AnyValue { DoubleValue = 1.5 }));
        span.Attributes.Add(Kv("b", new AnyValue { BoolValue = true }));
        var array = new AnyValue { ArrayValue = new ArrayValue() };
        array.ArrayValue.Values.Add(new AnyValue { IntValue = 1 });
        array.ArrayValue.Values.Add(new AnyValue { StringValue = "two" });
        span.Attributes.Add(Kv("a", array));
        span.Events.Add(new Span.Types.Event { Name = "exception", TimeUnixNano = 1_700_000_000_100_000_000 });
        var request = new ExportTraceServiceRequest();
        request.ResourceSpans.Add(new ResourceSpans
        {
            Resource = Resource("gateway"),
            ScopeSpans = { new ScopeSpans { Scope = new InstrumentationScope { Name = "WebSocketAspire.Gateway" }, Spans = { span } } },
        });

        var (spans, rejected) = OtlpTraceTranslator.Translate(request);

        Assert.Equal(0, rejected);
        var record = Assert.Single(spans);
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", record.TraceId);
        Assert.Equal("b7ad6b7169203331", record.SpanId);
        Assert.Null(record.ParentSpanId);
        Assert.Equal("gateway", record.ServiceName);
        Assert.Equal("WebSocketAspire.Gateway", record.ScopeName);
        Assert.Equal("Server", record.Kind);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), record.StartTime);
        Assert.Equal(TimeSpan.FromMilliseconds(250), record.Duration);
        Assert.Equal(SpanStatus.Error, record.Status);
        Assert.Equal("boom", record.StatusMessage);
        Assert.Equal(
            [new("s", "text"), new("i", "-3"), new("d", "1.5"), new("b", "true"), new TelemetryAttribute("a", "[1, two]")],
            record.Attributes);
        Assert.Equal("exception", Assert.Single(record.Events).Name);
    }

    [Fact]
    public void Spans_without_ids_are_rejected_and_a_missing_service_name_is_unknown_service()
    {
        var request = new ExportTraceServiceRequest();
        request.ResourceSpans.Add(new ResourceSpans
        {
            ScopeSpans =
            {
                new ScopeSpans
                {
                    Spans =
                    {
                        new Span { Name = "no ids" },
                        new Span { Name = "ok", TraceId = ByteString.CopyFrom(TraceId), SpanId = ByteString.CopyFrom(SpanId) },
                    },
                },
            },
        });

        var (spans, rejected) = OtlpTraceTranslator.Translate(request);

        Assert.Equal(1, rejected);
        Assert.Equal(OtlpValues.UnknownService, Assert.Single(spans).ServiceName);
    }

    [Fact]
    public void Log_records_map_severity_body_trace_context_and_fall_back_to_observed_time()
    {
        var received = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var request = new ExportLogsServiceRequest();
        request.ResourceLogs.Add(new ResourceLogs
        {
            Resource = Resource("connect"),
            ScopeLogs =
            {
                new ScopeLogs
                {
                    Scope = new InstrumentationScope { Name = "Functions.Connect" },
                    LogRecords =
                    {
                        new LogRecord
                        {
                            ObservedTimeUnixNano = 1_700_000_000_000_000_000,
                            SeverityNumber = SeverityNumber.Warn2,
                            SeverityText = "Warning",
                            Body = new AnyValue { StringValue = "slow" },
                            TraceId = ByteString.CopyFrom(TraceId),
                            SpanId = ByteString.CopyFrom(SpanId),
                            Attributes = { Kv("ms", new AnyValue { IntValue = 900 }) },
                        },
                        new LogRecord(),
                    },
                },
            },
        });

        var records = OtlpLogTranslator.Translate(request, received);

        Assert.Equal(2, records.Count);
        var log = records[0];
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), log.Timestamp);
        Assert.Equal(LogSeverity.Warning, log.Severity);
        Assert.Equal("Warning", log.SeverityText);
        Assert.Equal("slow", log.Body);
        Assert.Equal("connect", log.ServiceName);
        Assert.Equal("Functions.Connect", log.ScopeName);
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", log.TraceId);
        Assert.Equal("b7ad6b7169203331", log.SpanId);
        Assert.Equal([new TelemetryAttribute("ms", "900")], log.Attributes);
        Assert.Equal(received, records[1].Timestamp);
        Assert.Null(records[1].TraceId);
        Assert.Equal(LogSeverity.Unspecified, records[1].Severity);
    }

    private static KeyValue Kv(string key, AnyValue value) => new() { Key = key, Value = value };

    private static Resource Resource(string service)
        => new() { Attributes = { Kv("service.name", new AnyValue { StringValue = service }), Kv("host.name", new AnyValue { StringValue = "h" }) } };
}
