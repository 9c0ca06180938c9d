using System.Diagnostics;
using System.Security.Cryptography;

namespace WebSocketAspire.Infrastructure.Hosting.Processes;

/// <summary>
/// The tools the local stack runs: dynalite, wscat for the README's exchange, the AWS SDK for
/// JavaScript v3 clients Lambda's Node.js runtimes provide, and our Node.js and Python runtime
/// interface clients. Their files ship inside this assembly; on first use they are written to a
/// per-user cache folder named after the lockfile's hash and the node packages installed there with
/// <c>npm ci</c>, so every AppHost and test run on the machine shares one install per lockfile.
/// </summary>
internal static class NodeTools
{
    /// <summary>Embedded files, by resource name (<c>node/…</c> at the folder's root, <c>python/…</c> under python/).</summary>
    private static readonly string[] Files = [.. typeof(NodeTools).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith("node/", StringComparison.Ordinal) || n.StartsWith("python/", StringComparison.Ordinal))];

    /// <summary>The cache folder for this assembly's lockfile (<c>$XDG_CACHE_HOME</c> or <c>~/.cache</c>).</summary>
    public static string DefaultDirectory { get; } = Path.Combine(CacheRoot(), "websocketaspire", "node-" + LockHash());

    public static string Wscat(string directory) => Path.Combine(directory, "node_modules", ".bin", "wscat");

    /// <summary>Whether <c>npm ci</c> has installed the lockfile's packages in <paramref name="directory"/> (after the lockfile was last written).</summary>
    public static bool IsInstalled(string directory)
    {
        var marker = Path.Combine(directory, "node_modules", ".package-lock.json");
        var lockFile = Path.Combine(directory, "package-lock.json");
        return File.Exists(marker) && File.GetLastWriteTimeUtc(marker) >= File.GetLastWriteTimeUtc(lockFile)
            && Directory.Exists(Path.Combine(directory, "node_modules", "dynalite"))
            && Directory.Exists(Path.Combine(directory, "node_modules", "@aws-sdk", "client-dynamodb"));
    }

    /// <summary>Writes the tool files to <paramref name="directory"/> and runs <c>npm ci</c> unless node_modules already match the lockfile.</summary>
    public static async Task EnsureInstalledAsync(string directory, ResourceConsole console, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        // Others (a second AppHost, parallel test runs, other stacks in this process) may be
        // installing into the same folder; the lock file serialises them all.
        await using (await FileLock.AcquireAsync(Path.Combine(directory, ".npm-install.lock"), TimeSpan.FromMinutes(5), cancellationToken))
        {
            foreach (var name in Files)
            {
                var target = Path.Combine(directory, Target(name));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                var content = Read(name);
                if (!File.Exists(target) || !File.ReadAllBytes(target).AsSpan().SequenceEqual(content))
                {
                    await File.WriteAllBytesAsync(target, content, cancellationToken);
                }
            }
            if (IsInstalled(directory))
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

    /// <summary>Our Node.js runtime interface client; the SDK resolves from the node_modules beside it.</summary>
    public static string NodeRuntime(string directory) => Path.Combine(directory, "lambda-runtime.mjs");

    /// <summary>Our Python runtime interface client.</summary>
    public static string PythonRuntime(string directory) => Path.Combine(directory, "python", "lambda_runtime.py");

    private static string Target(string resource) =>
        resource.StartsWith("node/", StringComparison.Ordinal) ? resource["node/".Length..] : resource;

    private static byte[] Read(string name)
    {
        using var stream = typeof(NodeTools).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{name} is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string LockHash() => Convert.ToHexStringLower(SHA256.HashData(Read("node/package-lock.json")))[..12];

    private static string CacheRoot() =>
        Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
}
