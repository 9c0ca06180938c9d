using System.Diagnostics;
using System.Globalization;

namespace WebSocketAspire.LoadTest.Support;

/// <summary>
/// CPU time so far of every process of a stack (Linux <c>/proc/&lt;pid&gt;/stat</c>: user and system
/// time), named by what it is: a function process by its <c>AWS_LAMBDA_FUNCTION_NAME</c>, anything
/// else by its command. The difference of two snapshots around a scenario, divided by its messages
/// or handshakes, says where each one's time went, and which processes started in between (a
/// function's scale-out). A process that exits between them is not counted. Beside the time, the
/// threads' context switches (<c>/proc/&lt;pid&gt;/task/*/status</c>): each wake-up of a thread for a
/// message, far less noisy from run to run than the time, so a change of hand-offs shows in it.
/// </summary>
internal sealed class CpuUse
{
    private static readonly double TicksPerSecond = 100; // USER_HZ, 100 on Linux
    private readonly Dictionary<int, (string Name, long Ticks, long Switches)> _processes;
    private readonly TimeSpan _self;

    private CpuUse(Dictionary<int, (string, long, long)> processes, TimeSpan self)
    {
        _processes = processes;
        _self = self;
    }

    public static CpuUse Snapshot(int rootPid)
    {
        var processes = new Dictionary<int, (string, long, long)>();
        foreach (var pid in ProcessTree.Members(rootPid))
        {
            if (Ticks(pid) is { } ticks)
            {
                processes[pid] = (Name(pid), ticks, Switches(pid));
            }
        }
        using var self = Process.GetCurrentProcess();
        return new CpuUse(processes, self.TotalProcessorTime);
    }

    /// <summary>CPU milliseconds per <paramref name="unit"/> from this snapshot to <paramref name="later"/>, by process name, largest first.</summary>
    public string PerUnit(CpuUse later, int units, string unit)
    {
        var byName = new Dictionary<string, double>(StringComparer.Ordinal);
        var switches = new Dictionary<string, long>(StringComparer.Ordinal);
        var started = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (pid, (name, ticks, switched)) in later._processes)
        {
            var before = _processes.TryGetValue(pid, out var earlier) ? earlier : default;
            byName[name] = byName.GetValueOrDefault(name) + (ticks - before.Ticks) / TicksPerSecond * 1000;
            switches[name] = switches.GetValueOrDefault(name) + switched - before.Switches;
            if (!_processes.ContainsKey(pid))
            {
                started[name] = started.GetValueOrDefault(name) + 1;
            }
        }
        byName["load generator"] = (later._self - _self).TotalMilliseconds;
        var total = byName.Values.Sum();
        var parts = byName.Where(p => p.Value / units >= 0.01).OrderByDescending(p => p.Value)
            .Select(p => string.Create(CultureInfo.InvariantCulture,
                $"{p.Key} {p.Value / units:0.00}{(started.TryGetValue(p.Key, out var count) ? $" ({count} process(es) started during it)" : "")}"));
        var switching = switches.Where(p => (double)p.Value / units >= 0.1).OrderByDescending(p => p.Value)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {(double)p.Value / units:0.0}"));
        return string.Create(CultureInfo.InvariantCulture, $"   CPU ms per {unit}: {total / units:0.00} in all: {string.Join(", ", parts)}\n")
            + string.Create(CultureInfo.InvariantCulture, $"   thread switches per {unit}: {string.Join(", ", switching)}");
    }

    private static long? Ticks(int pid)
    {
        try
        {
            // "pid (comm) state ppid … utime stime …": utime and stime are fields 14 and 15.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>Voluntary and involuntary context switches of the process's threads alive now.</summary>
    private static long Switches(int pid)
    {
        long total = 0;
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                try
                {
                    foreach (var line in File.ReadLines(Path.Combine(task, "status")))
                    {
                        if (line.Contains("ctxt_switches:", StringComparison.Ordinal))
                        {
                            total += long.Parse(line[(line.IndexOf(':') + 1)..].Trim(), CultureInfo.InvariantCulture);
                        }
                    }
                }
                catch (IOException)
                {
                    // The thread ended meanwhile.
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The process ended meanwhile.
        }
        return total;
    }

    private static string Name(int pid)
    {
        try
        {
            var function = File.ReadAllText($"/proc/{pid}/environ").Split('\0')
                .FirstOrDefault(v => v.StartsWith("AWS_LAMBDA_FUNCTION_NAME=", StringComparison.Ordinal));
            if (function is not null)
            {
                return function["AWS_LAMBDA_FUNCTION_NAME=".Length..];
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        var command = ProcessTree.Command(pid).Split(' ');
        return command[0] is "dotnet" or "node" && command.Length > 1 ? command[0] + " " + command[1] : command[0];
    }
}
