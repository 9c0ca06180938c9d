using System.Globalization;

namespace WebSocketAspire.LoadTest.Support;

/// <summary>Resident memory of a process and everything it started (Linux /proc), so "the whole stack" counts every function instance, dynalite and the dashboard.</summary>
internal static class ProcessTree
{
    /// <summary>The summed RSS in bytes of <paramref name="rootPid"/> and its descendants.</summary>
    public static long ResidentBytes(int rootPid)
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
        long total = 0;
        var pending = new Stack<int>([rootPid]);
        while (pending.TryPop(out var pid))
        {
            total += Resident(pid);
            foreach (var child in children.GetValueOrDefault(pid) ?? [])
            {
                pending.Push(child);
            }
        }
        return total;
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
