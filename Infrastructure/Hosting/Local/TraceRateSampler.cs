using OpenTelemetry.Trace;

namespace WebSocketAspire.Infrastructure.Hosting.Local;

/// <summary>
/// Records at most <c>perSecond</c> new traces a second (a token bucket refilled by the clock) and
/// every span of a trace already recorded. Under load the dashboard then receives a steady sample of
/// whole traces (gateway, function, @connections) instead of every one, whose ingestion on a
/// developer machine's cores would slow the stack it observes. Unrecorded traces still propagate
/// their ids, with Sampled=0, so the functions skip them too.
/// </summary>
internal sealed class TraceRateSampler : Sampler
{
    private readonly Lock _gate = new();
    private readonly double _perSecond;
    private readonly TimeProvider _time;
    private double _tokens;
    private long _last;

    public TraceRateSampler(double perSecond, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _perSecond = perSecond;
        _time = time;
        _tokens = perSecond;
        _last = time.GetTimestamp();
    }

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters)
    {
        if (samplingParameters.ParentContext.TraceId != default)
        {
            return new SamplingResult(samplingParameters.ParentContext.TraceFlags.HasFlag(System.Diagnostics.ActivityTraceFlags.Recorded)
                ? SamplingDecision.RecordAndSample
                : SamplingDecision.Drop);
        }
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            _tokens = Math.Min(_perSecond, _tokens + (_time.GetElapsedTime(_last, now).TotalSeconds * _perSecond));
            _last = now;
            if (_tokens >= 1)
            {
                _tokens -= 1;
                return new SamplingResult(SamplingDecision.RecordAndSample);
            }
        }
        return new SamplingResult(SamplingDecision.Drop);
    }
}
