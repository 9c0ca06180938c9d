using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry.Trace;
using WebSocketAspire.Infrastructure.Hosting.Local;

namespace WebSocketAspire.Tests.AppHost.Hosting;

public sealed class TraceRateSamplerTests
{
    private static SamplingParameters Root() =>
        new(default, ActivityTraceId.CreateRandom(), "sendmessage", ActivityKind.Server);

    private static SamplingParameters ChildOf(bool recorded) =>
        new(new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), recorded ? ActivityTraceFlags.Recorded : ActivityTraceFlags.None),
            ActivityTraceId.CreateRandom(), "invoke", ActivityKind.Client);

    [Fact]
    public void New_traces_are_recorded_up_to_the_rate_and_again_as_time_passes()
    {
        var time = new FakeTimeProvider();
        var sampler = new TraceRateSampler(5, time);

        var first = Enumerable.Range(0, 8).Select(_ => sampler.ShouldSample(Root()).Decision).ToList();
        Assert.Equal(5, first.Count(d => d == SamplingDecision.RecordAndSample));

        time.Advance(TimeSpan.FromMilliseconds(400)); // two more tokens
        var later = Enumerable.Range(0, 5).Select(_ => sampler.ShouldSample(Root()).Decision).ToList();
        Assert.Equal(2, later.Count(d => d == SamplingDecision.RecordAndSample));
    }

    [Fact]
    public void A_span_follows_its_parents_decision_whatever_the_rate()
    {
        var sampler = new TraceRateSampler(0, new FakeTimeProvider());

        Assert.Equal(SamplingDecision.RecordAndSample, sampler.ShouldSample(ChildOf(recorded: true)).Decision);
        Assert.Equal(SamplingDecision.Drop, sampler.ShouldSample(ChildOf(recorded: false)).Decision);
        Assert.Equal(SamplingDecision.Drop, sampler.ShouldSample(Root()).Decision);
    }
}
