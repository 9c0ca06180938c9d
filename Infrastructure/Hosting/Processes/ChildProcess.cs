using System.Diagnostics;

namespace WebSocketAspire.Infrastructure.Hosting.Processes;

/// <summary>
/// A child process whose output goes to the <see cref="ResourceConsole"/> under its resource name.
/// Stdin stays open as a lifeline: children that watch it exit when the AppHost goes away.
/// </summary>
internal sealed class ChildProcess : IFunctionInstance
{
    private readonly Process _process;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    /// <summary>The process id, kept from the start: the dashboard still shows it after the process exited and was disposed.</summary>
    public int Id { get; private set; }
    public Task<int> Exited => _exited.Task;

    public static ChildProcess Start(string name, ProcessStartInfo startInfo, ResourceConsole console, Action<string>? onLine = null)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        startInfo = InOwnSession(startInfo);
        startInfo.UseShellExecute = false;
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        startInfo.RedirectStandardInput = true;
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var child = new ChildProcess(name, process);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data, isError: false, console, onLine);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data, isError: true, console, onLine);
        process.Exited += (_, _) =>
        {
            // Drain the output before reporting the exit so the last lines are not lost.
            process.WaitForExit();
            child._exited.TrySetResult(process.ExitCode);
        };
        if (!process.Start())
        {
            throw new InvalidOperationException($"{name}: the process did not start ({startInfo.FileName}).");
        }
        child.Id = process.Id;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>
    /// Ctrl+C in a terminal signals the whole foreground process group. The children must not die
    /// with it: the AppHost still needs them to run $disconnect for every open connection, and stops
    /// them itself afterwards. So each child runs in a session of its own (setsid execs in place,
    /// keeping the pid, the pipes and the environment).
    /// </summary>
    private static ProcessStartInfo InOwnSession(ProcessStartInfo startInfo)
    {
        if (!OperatingSystem.IsLinux() || !File.Exists(SetSid))
        {
            return startInfo;
        }
        if (startInfo.Arguments.Length > 0)
        {
            throw new ArgumentException("Give child processes their arguments through ArgumentList, so they survive the setsid wrapper unchanged.", nameof(startInfo));
        }
        // Resolve the program here, so a missing one still fails at start as it would without setsid.
        var program = Resolve(startInfo.FileName)
            ?? throw new System.ComponentModel.Win32Exception(2, $"'{startInfo.FileName}' was not found on PATH.");
        var wrapped = new ProcessStartInfo(SetSid) { WorkingDirectory = startInfo.WorkingDirectory };
        wrapped.ArgumentList.Add("--wait");
        wrapped.ArgumentList.Add(program);
        foreach (var argument in startInfo.ArgumentList)
        {
            wrapped.ArgumentList.Add(argument);
        }
        wrapped.Environment.Clear();
        foreach (var (key, value) in startInfo.Environment)
        {
            wrapped.Environment[key] = value;
        }
        return wrapped;
    }

    private const string SetSid = "/usr/bin/setsid";

    private static string? Resolve(string program)
    {
        if (program.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(program) ? program : null;
        }
        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
    }

    private void OnLine(string? line, bool isError, ResourceConsole console, Action<string>? onLine)
    {
        if (line is null)
        {
            return;
        }
        if (isError)
        {
            console.WriteError(Name, line);
        }
        else
        {
            console.WriteLine(Name, line);
        }
        onLine?.Invoke(line);
    }

    /// <summary>Asks politely (closes stdin), then kills the process tree if it has not exited within <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_exited.Task.IsCompleted)
        {
            return;
        }
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // Already gone.
        }
        if (await Task.WhenAny(_exited.Task, Task.Delay(grace)) != _exited.Task)
        {
            Kill();
            await ((Task)_exited.Task).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Exited in the meantime.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(2));
        _process.Dispose();
    }
}
