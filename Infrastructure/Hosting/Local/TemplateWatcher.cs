namespace WebSocketAspire.Infrastructure.Hosting.Local;

/// <summary>
/// Watches the template file and calls back once an edit has settled (editors write in bursts, often
/// through a temporary file and a rename). Callbacks never overlap.
/// </summary>
internal sealed class TemplateWatcher : IDisposable
{
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(200);
    private readonly FileSystemWatcher _watcher;
    private readonly Func<CancellationToken, Task<bool>> _onChange;
    private readonly ITimer _timer;
    private readonly CancellationTokenSource _disposed = new();
    private string? _lastContent;

    /// <summary>
    /// Watches <paramref name="path"/>. <paramref name="knownContent"/> is the content already acted on
    /// (null: the file as it reads now); a file that already differs from it fires at once.
    /// </summary>
    public TemplateWatcher(string path, Func<CancellationToken, Task<bool>> onChange, TimeProvider time, string? knownContent = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        var full = Path.GetFullPath(path);
        _onChange = onChange;
        _lastContent = knownContent ?? TryRead(full);
        _timer = time.CreateTimer(_ => Fire(full), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _watcher = new FileSystemWatcher(Path.GetDirectoryName(full)!, Path.GetFileName(full))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        _watcher.Changed += (_, _) => Touch();
        _watcher.Created += (_, _) => Touch();
        _watcher.Renamed += (_, _) => Touch();
        _watcher.EnableRaisingEvents = true;
        if (knownContent is not null && TryRead(full) != knownContent)
        {
            Touch(); // changed before we started watching
        }
    }

    private void Touch() => _timer.Change(Settle, Timeout.InfiniteTimeSpan);

    private void Fire(string path)
    {
        var content = TryRead(path);
        if (content is null || content == _lastContent || _disposed.IsCancellationRequested)
        {
            return;
        }
        _lastContent = content;
        // The timer callback must not block; the stack serialises reloads itself.
        _ = _onChange(_disposed.Token);
    }

    internal static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null; // mid-save; the next event reads it again
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _watcher.Dispose();
        _timer.Dispose();
        _disposed.Dispose();
    }
}
