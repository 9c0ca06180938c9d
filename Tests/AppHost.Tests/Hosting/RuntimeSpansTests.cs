using System.Diagnostics;
using WebSocketAspire.Infrastructure.Hosting.Local;
using WebSocketAspire.Infrastructure.Lambda;
using WebSocketAspire.Tests.AppHost.Support;

namespace WebSocketAspire.Tests.AppHost.Hosting;

/// <summary>For Node.js and Python functions the Lambda service records the function's span: it continues the invoke span, from start to answer, on the instance.</summary>
[Collection(IsolatedCollection.Name)]
public sealed class RuntimeSpansTests
{
    [Fact]
    public void An_answered_invocation_becomes_a_span_of_the_instance_continuing_the_invoke_span()
    {
        var recorded = new List<Activity>();
        using var listener = Listen("Fn", recorded);
        // An OTLP endpoint nobody listens on: the exporter's failures are its own, the span is still made.
        using var spans = new RuntimeSpans("Fn", "stack-Fn", new Uri("http://127.0.0.1:9"), null);
        var parent = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        var started = new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.Zero);
        var invocation = new Invocation("req-1", [], DateTimeOffset.MaxValue, null, parent);
        invocation.MarkStarted("3", started, TimeSpan.FromSeconds(3));

        spans.Record(invocation, "Error", started.AddMilliseconds(42));

        var span = Assert.Single(recorded);
        Assert.Equal(parent.TraceId, span.TraceId);
        Assert.Equal(parent.SpanId, span.ParentSpanId);
        Assert.Equal("stack-Fn", span.DisplayName);
        Assert.Equal(LambdaObservability.SourceName + ".Runtime.Fn.3", span.Source.Name);
        Assert.Equal(TimeSpan.FromMilliseconds(42), span.Duration);
        Assert.Equal("req-1", span.GetTagItem("faas.invocation_id"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
    }

    [Fact]
    public void An_invocation_without_a_recorded_parent_makes_no_span()
    {
        var recorded = new List<Activity>();
        using var listener = Listen("Gn", recorded);
        using var spans = new RuntimeSpans("Gn", "stack-Gn", new Uri("http://127.0.0.1:9"), null);
        var invocation = new Invocation("req-2", [], DateTimeOffset.MaxValue, null);
        invocation.MarkStarted("0", DateTimeOffset.UtcNow, TimeSpan.FromSeconds(3));

        spans.Record(invocation, null, DateTimeOffset.UtcNow);

        Assert.Empty(recorded);
    }

    /// <summary>Records every span of <paramref name="functionId"/>'s runtime sources.</summary>
    private static ActivityListener Listen(string functionId, List<Activity> recorded)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name.StartsWith($"{LambdaObservability.SourceName}.Runtime.{functionId}.", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = recorded.Add,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
