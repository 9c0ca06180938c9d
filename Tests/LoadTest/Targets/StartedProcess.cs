using System.Diagnostics;

namespace WebSocketAspire.LoadTest.Targets;

/// <summary>A child process whose output is watched for a line, stopped with a signal as a terminal would (Ctrl+C is SIGINT).</summary>
internal sealed class StartedProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly Lock _gate = new();
    private (Func<string, bool> Match, TaskCompletionSource<string> Seen)? _waiting;

    private StartedProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public static StartedProcess Start(string fileName, string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        return new StartedProcess(Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start."));
    }

    /// <summary>Waits for the first output line (already printed or still to come) that matches.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan deadline)
    {
        TaskCompletionSource<string> seen = new(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_lines.FirstOrDefault(match) is { } line)
            {
                return line;
            }
            _waiting = (match, seen);
        }
        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(seen.Task, exited, Task.Delay(deadline));
        if (first == seen.Task)
        {
            return await seen.Task;
        }
        throw new TimeoutException((first == exited ? $"the process exited with {_process.ExitCode}" : $"no such line within {deadline.TotalSeconds} s") + ". Its output:\n" + Output);
    }

    public string Output
    {
        get
        {
            lock (_gate)
            {
                return string.Join('\n', _lines.TakeLast(60));
            }
        }
    }

    /// <summary>
    /// Sends <paramref name="signal"/> (INT, TERM) to the process, or to <paramref name="target"/> (a
    /// child: Ctrl+C reaches every process of a terminal's foreground group, a signal sent here only
    /// one), and waits for the process to exit; kills it past the deadline.
    /// </summary>
    public async Task StopAsync(string signal, TimeSpan deadline, int? target = null)
    {
        if (_process.HasExited)
        {
            return;
        }
        using (var kill = Process.Start("kill", ["-" + signal, (target ?? _process.Id).ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        try
        {
            await _process.WaitForExitAsync().WaitAsync(deadline);
        }
        catch (TimeoutException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync("TERM", TimeSpan.FromSeconds(30));
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_gate)
        {
            _lines.Add(line);
            if (_waiting is { } waiting && waiting.Match(line))
            {
                _waiting = null;
                waiting.Seen.TrySetResult(line);
            }
        }
    }
}
