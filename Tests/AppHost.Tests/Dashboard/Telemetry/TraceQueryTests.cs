using WebSocketAspire.AppHost.Dashboard.Telemetry;
using static WebSocketAspire.Tests.AppHost.Dashboard.Support.Spans;

namespace WebSocketAspire.Tests.AppHost.Dashboard.Telemetry;

public sealed class TraceQueryTests
{
    private readonly TelemetryRepository _repository = new(TimeProvider.System);

    [Fact]
    public void Spans_are_grouped_by_trace_with_root_services_duration_and_error_flag()
    {
        _repository.AddSpans([
            Span("t1", "b", "a", "child", service: "connect", startMs: 5, durationMs: 20, status: SpanStatus.Error),
            Span("t1", "a", null, "root", service: "gateway", startMs: 0, durationMs: 30),
            Span("t2", "c", null, "other", service: "gateway", startMs: 100, durationMs: 1),
        ]);

        var traces = _repository.Traces(new TraceQuery());

        Assert.Equal(["t2", "t1"], traces.Select(t => t.TraceId));
        var t1 = traces[1];
        Assert.Equal("root", t1.RootName);
        Assert.Equal("gateway", t1.RootService);
        Assert.Equal(["connect", "gateway"], t1.Services);
        Assert.Equal(2, t1.SpanCount);
        Assert.Equal(TimeSpan.FromMilliseconds(30), t1.Duration);
        Assert.Equal(T0, t1.Start);
        Assert.True(t1.HasError);
        Assert.False(traces[0].HasError);
    }

    [Fact]
    public void Service_filter_keeps_traces_the_service_took_part_in()
    {
        _repository.AddSpans([
            Span("t1", "a", null, "root", service: "gateway"),
            Span("t1", "b", "a", "child", service: "connect"),
            Span("t2", "c", null, "solo", service: "gateway"),
        ]);

        Assert.Equal(["t1"], _repository.Traces(new TraceQuery { Service = "connect" }).Select(t => t.TraceId));
        Assert.Equal(2, _repository.Traces(new TraceQuery { Service = "gateway" }).Count);
        Assert.Single(_repository.Traces(new TraceQuery { Limit = 1 }));
    }

    [Fact]
    public void A_trace_whose_root_is_missing_is_named_after_its_earliest_orphan()
    {
        _repository.AddSpans([Span("t1", "b", "missing", "late", startMs: 10), Span("t1", "c", "missing", "early", startMs: 2)]);

        Assert.Equal("early", _repository.Traces(new TraceQuery()).Single().RootName);
    }

    [Fact]
    public void One_trace_is_ordered_parents_first_with_depths_and_siblings_by_start()
    {
        _repository.AddSpans([
            Span("t1", "d", "b", "grandchild", startMs: 3),
            Span("t1", "c", "a", "second", startMs: 20),
            Span("t1", "b", "a", "first", startMs: 2),
            Span("t1", "a", null, "root", startMs: 0, durationMs: 50),
        ]);

        var trace = _repository.Trace("t1");

        Assert.NotNull(trace);
        Assert.Equal(["root", "first", "grandchild", "second"], trace.Spans.Select(s => s.Span.Name));
        Assert.Equal([0, 1, 2, 1], trace.Spans.Select(s => s.Depth));
        Assert.Equal(TimeSpan.FromMilliseconds(50), trace.Duration);
        Assert.Null(_repository.Trace("nope"));
    }

    [Fact]
    public void A_parent_cycle_does_not_loop()
    {
        _repository.AddSpans([Span("t1", "a", "b", "x"), Span("t1", "b", "a", "y")]);

        Assert.Equal(2, _repository.Trace("t1")!.Spans.Count);
        Assert.Single(_repository.Traces(new TraceQuery()));
    }

    [Fact]
    public void The_span_ring_evicts_the_oldest_spans_and_drops_emptied_traces()
    {
        var repository = new TelemetryRepository(TimeProvider.System, new TelemetryLimits { MaxSpans = 3 });
        repository.AddSpans([Span("old", "a", null, "old-root"), Span("t2", "b", null, "r2"), Span("t2", "c", "b", "c2")]);
        repository.AddSpans([Span("t3", "d", null, "r3", startMs: 5)]);

        Assert.Equal(3, repository.SpanCount);
        Assert.Null(repository.Trace("old"));
        Assert.Equal(["t3", "t2"], repository.Traces(new TraceQuery()).Select(t => t.TraceId));

        repository.AddSpans([Span("t4", "e", null, "r4", startMs: 6)]);
        Assert.Equal("c2", repository.Trace("t2")!.Spans.Single().Span.Name);
    }

    [Fact]
    public void Services_lists_every_sender_once()
    {
        _repository.AddSpans([Span("t1", "a", null, "x", service: "b-svc"), Span("t1", "b", "a", "y", service: "a-svc")]);
        _repository.AddLogs([Log("hi", service: "c-svc"), Log("again", service: "a-svc")]);

        Assert.Equal(["a-svc", "b-svc", "c-svc"], _repository.Services());
    }

    [Fact]
    public void Bad_limits_fail_with_the_setting_name()
    {
        var error = Assert.Throws<ArgumentException>(() => new TelemetryRepository(TimeProvider.System, new TelemetryLimits { MaxLogRecords = 0 }));
        Assert.Contains("MaxLogRecords", error.Message, StringComparison.Ordinal);
    }
}
