using System.Diagnostics;

namespace WebSocketAspire.AppHost.Resources;

/// <summary>Installs the node tools (dynalite, wscat) from the committed lockfile on first use.</summary>
internal static class NodeTools
{
    /// <summary>Runs <c>npm ci</c> in <paramref name="directory"/> unless its node_modules already match the lockfile.</summary>
    public static async Task EnsureInstalledAsync(string directory, ResourceConsole console, CancellationToken cancellationToken)
    {
        // Others (a second AppHost, parallel test runs, other stacks in this process) may be
        // installing into the same folder; the lock file serialises them all.
        await using (await LockFileAsync(Path.Combine(directory, ".npm-install.lock"), cancellationToken))
        {
            var marker = Path.Combine(directory, "node_modules", ".package-lock.json");
            var lockFile = Path.Combine(directory, "package-lock.json");
            if (File.Exists(marker) && File.GetLastWriteTimeUtc(marker) >= File.GetLastWriteTimeUtc(lockFile)
                && Directory.Exists(Path.Combine(directory, "node_modules", "dynalite")))
            {
                return;
            }
            console.WriteLine("npm", $"installing node tools in {directory} (npm ci)…");
            var npm = new ProcessStartInfo("npm") { WorkingDirectory = directory };
            foreach (var argument in new[] { "ci", "--no-audit", "--no-fund", "--loglevel=error" })
            {
                npm.ArgumentList.Add(argument);
            }
            ChildProcess process;
            try
            {
                process = ChildProcess.Start("npm", npm, console);
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new InvalidOperationException("npm was not found on PATH. Install Node.js 20 or later (it brings npm) and run again.", e);
            }
            await using (process)
            {
                var code = await process.Exited.WaitAsync(cancellationToken);
                if (code != 0)
                {
                    throw new InvalidOperationException($"npm ci failed in {directory} with exit code {code}; see the npm lines above.");
                }
            }
        }
    }

    /// <summary>
    /// An exclusive lock on a file. FileShare.None is an flock on Unix, which is held per open file,
    /// so it excludes other opens in this process as well as in others.
    /// </summary>
    private static async Task<FileStream> LockFileAsync(string path, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
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
