namespace WebSocketAspire.Infrastructure.Hosting.Processes;

/// <summary>
/// Whether every core of the machine is busy (Linux <c>/proc/stat</c>): then another function
/// process cannot run any sooner than the queue drains, and a quick invocation that takes long is
/// starved of CPU, not waiting on something. Elsewhere it never says so.
/// </summary>
internal sealed class CpuSaturation(TimeProvider time, Func<(long Total, long Idle)?> read)
{
    /// <summary>Busy above this share of all cores counts as saturated.</summary>
    private const double BusyShare = 0.9;

    /// <summary>The shortest and longest spans a reading covers: shorter is noise, longer is history.</summary>
    private static readonly TimeSpan MinimumWindow = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaximumWindow = TimeSpan.FromSeconds(2);

    public static CpuSaturation Machine { get; } = new(TimeProvider.System, ProcStat.Read);

    private readonly Lock _gate = new();
    private (long Total, long Idle)? _baseline;
    private long _baselineAt;
    private bool? _saturated;

    /// <summary>
    /// Whether every core was busy over the last window; null while no window of at least
    /// <see cref="MinimumWindow"/> has been read since a quiet spell (ask again shortly). Where the
    /// machine cannot be read, false.
    /// </summary>
    public bool? IsSaturated
    {
        get
        {
            lock (_gate)
            {
                var now = time.GetTimestamp();
                var age = time.GetElapsedTime(_baselineAt, now);
                if (_baseline is null || age >= MaximumWindow)
                {
                    // Nothing recent to compare with: start a window.
                    _baseline = read();
                    _baselineAt = now;
                    _saturated = _baseline is null ? false : null;
                }
                else if (age >= MinimumWindow && read() is { } current)
                {
                    var total = current.Total - _baseline.Value.Total;
                    var busy = total - (current.Idle - _baseline.Value.Idle);
                    _saturated = total > 0 && busy >= total * BusyShare;
                    _baseline = current;
                    _baselineAt = now;
                }
                return _saturated;
            }
        }
    }
}
