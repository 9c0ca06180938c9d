using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using WebSocketAspire.Infrastructure.Template.Model;

namespace WebSocketAspire.Infrastructure.Hosting.Processes;

/// <summary>
/// <c>--native-aot</c>: a <c>provided.*</c> function whose CodeUri is a .NET project (and holds no
/// ready <c>bootstrap</c>) runs as the native <c>bootstrap</c> Lambda runs, not as
/// <c>dotnet exec bootstrap.dll</c>. The project is published the way a Makefile build for Lambda
/// publishes it (<c>dotnet publish -p:PublishAot=true</c>), for this machine's portable runtime
/// identifier, with its intermediate files in <c>obj/native-aot</c> (<c>--artifacts-path</c>) so the
/// project's own restore, which the IDE and <c>dotnet build</c> read, is never redone for another
/// runtime. MSBuild's incremental build keeps a publish of unchanged code at about 2 s; changed code
/// compiles again (about a minute on two cores).
/// Each distinct executable is kept in a folder named after its content under
/// <c>bin/native-aot/&lt;rid&gt;</c>, as a deployment package is: a new publish never touches a file a
/// running instance (of this stack, of another AppHost) started from, a function restarted or
/// reloaded with changed code gets a new path, and the others keep theirs. A lock file keeps two
/// publishes of one project from running at once.
/// </summary>
internal static class NativeAotPublisher
{
    /// <summary>The console the publish's lines go to.</summary>
    public const string ConsoleName = "native-aot";

    /// <summary>Lambda's OS-only runtimes run an executable of this name.</summary>
    private static string Executable => OperatingSystem.IsWindows() ? "bootstrap.exe" : "bootstrap";

    /// <summary>How many published versions of a project are kept for instances that still run them.</summary>
    private const int KeptVersions = 5;

    /// <summary>
    /// The runtime identifier to publish for: the portable one (<c>linux-x64</c>, <c>osx-arm64</c>…), since a
    /// distribution's own .NET build reports its own (<c>ubuntu.24.04-x64</c>), for which NuGet has no runtime pack.
    /// </summary>
    public static string RuntimeIdentifier { get; } = PortableRuntimeIdentifier();

    /// <summary>
    /// True when <paramref name="function"/> runs natively under <c>--native-aot</c>: a <c>provided.*</c>
    /// runtime, and a CodeUri with a .NET project and no ready <c>bootstrap</c> (which runs as it is).
    /// </summary>
    public static bool IsCandidate(FunctionModel function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return function.Runtime.StartsWith("provided", StringComparison.Ordinal)
            && function.CodeUri is { } codeUri && Directory.Exists(codeUri)
            && !File.Exists(Path.Combine(codeUri, "bootstrap"))
            && ProjectFiles(codeUri).Any();
    }

    /// <summary>How a published executable runs.</summary>
    public static ProcessStartInfo StartInfo(string executable) => new(executable) { WorkingDirectory = Path.GetDirectoryName(executable)! };

    /// <summary>The .NET project in <paramref name="codeUri"/>, or why there is none to publish.</summary>
    public static string Project(string codeUri)
    {
        var projects = ProjectFiles(codeUri).Order(StringComparer.Ordinal).ToList();
        return projects.Count == 1
            ? projects[0]
            : throw new InvalidOperationException(
                $"--native-aot: CodeUri '{codeUri}' must hold exactly one .NET project to publish; it holds {(projects.Count == 0 ? "none" : string.Join(", ", projects.Select(Path.GetFileName)))}.");
    }

    private static IEnumerable<string> ProjectFiles(string codeUri) => Directory.EnumerateFiles(codeUri)
        .Where(p => p.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".fsproj", StringComparison.OrdinalIgnoreCase));

    /// <summary>Where <paramref name="codeUri"/>'s native executables are kept, one folder per version.</summary>
    public static string OutputFolder(string codeUri) => Path.Combine(codeUri, "bin", "native-aot", RuntimeIdentifier);

    /// <summary>Where the publish keeps its restore and intermediate builds (the project's and its references').</summary>
    public static string IntermediateFolder(string codeUri) => Path.Combine(codeUri, "obj", "native-aot");

    /// <summary>Where the publish writes before its files replace those in <see cref="OutputFolder"/>.</summary>
    public static string StagingFolder(string codeUri) => Path.Combine(IntermediateFolder(codeUri), "publish");

    /// <summary>The publish command for the project in <paramref name="codeUri"/>.</summary>
    public static ProcessStartInfo Command(string project, string codeUri)
    {
        var startInfo = new ProcessStartInfo("dotnet") { WorkingDirectory = codeUri };
        foreach (var argument in new[]
        {
            "publish", project, "-c", "Release", "-r", RuntimeIdentifier, "-p:PublishAot=true",
            // Without this the SDK stamps the git commit into the assembly, so every commit would
            // recompile and relink an unchanged function (a minute instead of 2 s).
            "-p:EnableSourceControlManagerQueries=false",
            "-o", StagingFolder(codeUri), "--artifacts-path", IntermediateFolder(codeUri), "-nologo", "-v", "minimal", "-clp:NoSummary",
        })
        {
            startInfo.ArgumentList.Add(argument);
        }
        return startInfo;
    }

    /// <summary>Publishes the project in <paramref name="codeUri"/>; returns the path of the native executable it made.</summary>
    public static async Task<string> PublishAsync(string codeUri, ResourceConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        var project = Project(codeUri);
        console.WriteLine(ConsoleName, $"publishing {project} with Native AOT (a minute when its code changed)…");
        var started = Stopwatch.GetTimestamp();
        Directory.CreateDirectory(IntermediateFolder(codeUri));
        string executable;
        await using (await FileLock.AcquireAsync(Path.Combine(IntermediateFolder(codeUri), ".publish.lock"), TimeSpan.FromMinutes(10), cancellationToken))
        {
            // A file left from an earlier publish must not pass for this one's output.
            var staging = StagingFolder(codeUri);
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
            await RunAsync(project, codeUri, console, cancellationToken);
            if (!File.Exists(Path.Combine(staging, Executable)))
            {
                throw new FunctionPublishException(
                    $"--native-aot: publishing {project} made no '{Executable}'. Lambda's provided runtimes run an executable named bootstrap: set <AssemblyName>bootstrap</AssemblyName> in the project.");
            }
            executable = Install(staging, OutputFolder(codeUri));
        }
        console.WriteLine(ConsoleName, $"published {Path.GetFileName(project)} in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s: {executable}");
        return executable;
    }

    /// <summary>
    /// Keeps what <paramref name="staging"/> holds in a folder of <paramref name="output"/> named after the
    /// executable's content (made whole, then renamed into place) and returns the executable's path there;
    /// the same content gets the same path. Versions beyond the newest few are deleted.
    /// </summary>
    internal static string Install(string staging, string output)
    {
        string version;
        using (var file = File.OpenRead(Path.Combine(staging, Executable)))
        {
            version = Convert.ToHexStringLower(SHA256.HashData(file))[..12];
        }
        var folder = Path.Combine(output, version);
        if (!File.Exists(Path.Combine(folder, Executable)))
        {
            var partial = Path.Combine(output, $".{version}-{Environment.ProcessId}");
            if (Directory.Exists(partial))
            {
                Directory.Delete(partial, recursive: true);
            }
            Directory.CreateDirectory(partial);
            foreach (var file in Directory.EnumerateFiles(staging))
            {
                File.Copy(file, Path.Combine(partial, Path.GetFileName(file)));
            }
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
            Directory.Move(partial, folder);
        }
        Directory.SetLastWriteTimeUtc(folder, DateTime.UtcNow);
        foreach (var old in new DirectoryInfo(output).EnumerateDirectories()
            .Where(d => !d.Name.StartsWith('.'))
            .OrderByDescending(d => d.LastWriteTimeUtc)
            .Skip(KeptVersions))
        {
            try
            {
                old.Delete(recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Still running on a system that locks running executables: kept for the next publish to try.
            }
        }
        return Path.Combine(folder, Executable);
    }

    private static string PortableRuntimeIdentifier()
    {
        var os = OperatingSystem.IsWindows() ? "win"
            : OperatingSystem.IsMacOS() ? "osx"
            : RuntimeInformation.RuntimeIdentifier.Contains("musl", StringComparison.Ordinal) ? "linux-musl"
            : "linux";
        return os + "-" + RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
    }

    /// <summary>How many of the publish's error lines its failure quotes (the rest are in the console log).</summary>
    private const int QuotedErrors = 10;

    private static async Task RunAsync(string project, string codeUri, ResourceConsole console, CancellationToken cancellationToken)
    {
        // MSBuild prints each error as it happens (and again in the summary, which -clp:NoSummary drops).
        var errors = new List<string>();
        void Collect(string line)
        {
            lock (errors)
            {
                if (errors.Count < QuotedErrors && line.Contains(": error ", StringComparison.Ordinal) && !errors.Contains(line.Trim()))
                {
                    errors.Add(line.Trim());
                }
            }
        }
        ChildProcess process;
        try
        {
            process = ChildProcess.Start(ConsoleName, Command(project, codeUri), console, Collect);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("--native-aot needs the dotnet CLI on PATH to publish the functions.", e);
        }
        await using (process)
        {
            var code = await process.Exited.WaitAsync(cancellationToken);
            if (code != 0)
            {
                List<string> quoted;
                lock (errors)
                {
                    quoted = [.. errors];
                }
                throw new FunctionPublishException(
                    $"--native-aot: dotnet publish of {project} failed with exit code {code}" +
                    (quoted.Count == 0 ? "; its output is in the stack's console log." : ":" + string.Concat(quoted.Select(e => "\n  " + e))));
            }
        }
    }
}
