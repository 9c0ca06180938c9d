namespace WebSocketAspire.Infrastructure.Hosting.Processes;

/// <summary>
/// An exclusive lock on a file, for work that two AppHosts or test runs on one machine must not do at
/// once (an <c>npm ci</c> into a shared folder, a publish of the same project). FileShare.None is an
/// flock on Unix, which is held per open file, so it excludes other opens in this process as well as
/// in others; disposing the stream releases it, and so does the process's exit.
/// </summary>
internal static class FileLock
{
    public static async Task<FileStream> AcquireAsync(string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            }
        }
    }
}
