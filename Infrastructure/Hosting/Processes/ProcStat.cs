using System.Globalization;

namespace WebSocketAspire.Infrastructure.Hosting.Processes;

/// <summary>The machine's CPU time so far, from Linux <c>/proc/stat</c>; also linked into the load test.</summary>
internal static class ProcStat
{
    /// <summary>
    /// All cores' time and their idle time (idle and iowait), in ticks, from the first line
    /// ("cpu user nice system idle iowait irq softirq steal guest guest_nice"; guest time is already in
    /// user and nice); null where there is no /proc/stat.
    /// </summary>
    public static (long Total, long Idle)? Read()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            long total = 0;
            for (var i = 1; i <= 8 && i < fields.Length; i++)
            {
                total += long.Parse(fields[i], CultureInfo.InvariantCulture);
            }
            return (total, long.Parse(fields[4], CultureInfo.InvariantCulture) + long.Parse(fields[5], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
