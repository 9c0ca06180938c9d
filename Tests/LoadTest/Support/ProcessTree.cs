using System.Globalization;

namespace WebSocketAspire.LoadTest.Support;

/// <summary>Resident memory of a process and everything it started (Linux /proc), so "the whole stack" counts every function instance, dynalite and the dashboard.</summary>
internal static class ProcessTree
{
    /// <summary>The summed RSS in bytes of <paramref name="rootPid"/> and its descendants.</summary>
    public static long ResidentBytes(int rootPid) => ResidentByProcess(rootPid).Sum(p => p.Bytes);

    /// <summary>
    /// The RSS of <paramref name="rootPid"/> and each descendant, largest first, named by their command
    /// line, with each one's PSS: RSS counts a shared library in every process that maps it (the .NET
    /// runtime and framework in each function), PSS splits it among them, so PSS sums to what the stack
    /// takes from the machine.
    /// </summary>
    public static IReadOnlyList<(int Pid, string Command, long Bytes, long Proportional)> ResidentByProcess(int rootPid) =>
        [.. Members(rootPid).Select(pid => (pid, Command(pid), Resident(pid), Proportional(pid))).OrderByDescending(p => p.Item3)];

    /// <summary><paramref name="rootPid"/> and every process it started, and Aspire's orchestrator with what it started.</summary>
    public static IReadOnlyList<int> Members(int rootPid)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || ParentOf(pid) is not { } parent)
            {
                continue;
            }
            if (!children.TryGetValue(parent, out var list))
            {
                children[parent] = list = [];
            }
            list.Add(pid);
        }
        var found = new List<int>();
        var seen = new HashSet<int>();
        var pending = new Stack<int>([rootPid]);
        while (true)
        {
            while (pending.TryPop(out var pid))
            {
                if (seen.Add(pid))
                {
                    found.Add(pid);
                    foreach (var child in children.GetValueOrDefault(pid) ?? [])
                    {
                        pending.Push(child);
                    }
                }
            }
            // Aspire's orchestrator (DCP) leaves the tree: it runs detached and watches the AppHost
            // ("dcp start-apiserver --monitor <AppHost>"); it and the dashboard it starts belong to the stack.
            foreach (var monitor in Monitors().Where(m => seen.Contains(m.Watched) && !seen.Contains(m.Pid)))
            {
                pending.Push(monitor.Pid);
            }
            if (pending.Count == 0)
            {
                return found;
            }
        }
    }

    /// <summary>Processes started with <c>--monitor &lt;pid&gt;</c>, and the pid they watch.</summary>
    private static IEnumerable<(int Pid, int Watched)> Monitors()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }
            string[] arguments;
            try
            {
                arguments = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
            }
            catch (IOException)
            {
                continue;
            }
            var at = Array.IndexOf(arguments, "--monitor");
            if (at >= 0 && at + 1 < arguments.Length && int.TryParse(arguments[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var watched))
            {
                yield return (pid, watched);
            }
        }
    }

    /// <summary>What a process runs, short: the program and its first arguments.</summary>
    internal static string Command(int pid)
    {
        try
        {
            var arguments = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
            return string.Join(' ', arguments.Take(3).Select(Path.GetFileName));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    /// <summary>The direct children of <paramref name="pid"/> whose command name is <paramref name="name"/>.</summary>
    public static IReadOnlyList<int> Children(int pid, string name)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var child) && ParentOf(child) == pid
                && File.ReadAllText($"/proc/{child}/comm").Trim() == name)
            {
                found.Add(child);
            }
        }
        return found;
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces and parentheses.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The "Pss:" line of /proc/&lt;pid&gt;/smaps_rollup, in bytes.</summary>
    private static long Proportional(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/smaps_rollup").FirstOrDefault(l => l.StartsWith("Pss:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private static long Resident(int pid)
    {
        try
        {
            var pages = File.ReadAllText($"/proc/{pid}/statm").Split(' ')[1];
            return long.Parse(pages, CultureInfo.InvariantCulture) * Environment.SystemPageSize;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
