using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WebSocketAspire.Telemetry;

namespace WebSocketAspire.Tests.Infrastructure.Hosting;

/// <summary>Logs follow their trace's sampling decision; warnings and errors, and lines outside a span, always stay.</summary>
public sealed class RecordedTraceLogSamplerTests
{
    private static readonly RecordedTraceLogSampler Sampler = new();

    [Theory]
    [InlineData(LogLevel.Information, true, true)]
    [InlineData(LogLevel.Information, false, false)]
    [InlineData(LogLevel.Debug, false, false)]
    [InlineData(LogLevel.Warning, false, true)]
    [InlineData(LogLevel.Error, false, true)]
    public void A_line_inside_a_span_is_kept_when_the_span_is_recorded_or_the_line_is_a_warning(LogLevel level, bool recorded, bool kept)
    {
        using var activity = new Activity("message");
        activity.ActivityTraceFlags = recorded ? ActivityTraceFlags.Recorded : ActivityTraceFlags.None;
        activity.Start();

        Assert.Equal(kept, ShouldSample(level));
    }

    [Fact]
    public void A_line_outside_any_span_is_kept()
    {
        Activity.Current = null;

        Assert.True(ShouldSample(LogLevel.Information));
    }

    private static bool ShouldSample(LogLevel level) =>
        Sampler.ShouldSample(new LogEntry<string>(level, "category", new EventId(1), "state", null, (s, _) => s));
}
