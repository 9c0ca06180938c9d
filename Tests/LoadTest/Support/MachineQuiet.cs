using WebSocketAspire.Infrastructure.Hosting.Processes;

namespace WebSocketAspire.LoadTest.Support;

/// <summary>
/// Waits until the machine has settled after a target starts (Aspire's dashboard and DCP, function
/// processes, serverless-offline's plugins all keep starting after the first reply is possible), so
/// each scenario measures the stack under load, not the stack still starting. Linux <c>/proc/stat</c>.
/// </summary>
internal static class MachineQuiet
{
    /// <summary>Busy below this share of all cores over one window counts as settled.</summary>
    private const double QuietShare = 0.15;
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(500);

    /// <summary>Returns how long it took; after <paramref name="deadline"/> it gives up waiting and says so.</summary>
    public static async Task<TimeSpan> WaitAsync(TimeSpan deadline)
    {
        var started = TimeProvider.System.GetTimestamp();
        using var timer = new PeriodicTimer(Window);
        var previous = ProcStat.Read() ?? throw new PlatformNotSupportedException("The load test reads /proc/stat (Linux).");
        while (await timer.WaitForNextTickAsync())
        {
            var current = ProcStat.Read()!.Value;
            var total = current.Total - previous.Total;
            var busy = total - (current.Idle - previous.Idle);
            previous = current;
            var waited = TimeProvider.System.GetElapsedTime(started);
            if (total > 0 && (double)busy / total < QuietShare)
            {
                return waited;
            }
            if (waited > deadline)
            {
                Console.WriteLine($"   the machine stayed busy for {deadline.TotalSeconds:0} s; measuring anyway");
                return waited;
            }
        }
        return TimeProvider.System.GetElapsedTime(started);
    }
}
