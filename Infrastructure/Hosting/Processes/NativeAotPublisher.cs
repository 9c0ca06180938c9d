using System.Diagnostics;
using System.Runtime.InteropServices;

namespace WebSocketAspire.Infrastructure.Hosting.Processes;

/// <summary>
/// <c>--native-aot</c>: a <c>provided.*</c> function whose code is a .NET project runs as the native
/// <c>bootstrap</c> Lambda runs, not as <c>dotnet exec bootstrap.dll</c>. The project is published the
/// way a Makefile build for Lambda publishes it (<c>dotnet publish -p:PublishAot=true</c>), for this
/// machine's runtime identifier, into <c>bin/native-aot/&lt;rid&gt;</c> beside its other builds, with
/// its intermediate files in <c>obj/native-aot</c> (<c>--artifacts-path</c>) so the project's own
/// restore, which the IDE and <c>dotnet build</c> read, is never redone for another runtime.
/// The publish goes to a staging folder first and each file then replaces its running copy by a
/// rename, so the instances of a stack being reloaded, or of another AppHost, keep the executable
/// they started; a lock file keeps two publishes of one project from running at once.
/// MSBuild's incremental build keeps a publish of unchanged code at about 2 s, whatever data folder
/// the stack uses; changed code compiles again (about a minute on two cores).
/// </summary>
internal static class NativeAotPublisher
{
    /// <summary>The console the publish's lines go to.</summary>
    public const string ConsoleName = "native-aot";

    /// <summary>Lambda's OS-only runtimes run an executable of this name.</summary>
    private static string Executable => OperatingSystem.IsWindows() ? "bootstrap.exe" : "bootstrap";

    /// <summary>The .NET project in <paramref name="codeUri"/>, or why there is none to publish.</summary>
    public static string Project(string codeUri)
    {
        var projects = Directory.EnumerateFiles(codeUri)
            .Where(p => p.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".fsproj", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        return projects.Count == 1
            ? projects[0]
            : throw new InvalidOperationException(
                $"--native-aot: CodeUri '{codeUri}' must hold exactly one .NET project to publish; it holds {(projects.Count == 0 ? "none" : string.Join(", ", projects.Select(Path.GetFileName)))}.");
    }

    /// <summary>Where <paramref name="codeUri"/>'s native executable is run from.</summary>
    public static string OutputFolder(string codeUri) => Path.Combine(codeUri, "bin", "native-aot", RuntimeInformation.RuntimeIdentifier);

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
            "publish", project, "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, "-p:PublishAot=true",
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

    /// <summary>Publishes the project in <paramref name="codeUri"/>; returns the native executable's path.</summary>
    public static async Task<string> PublishAsync(string codeUri, ResourceConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        var project = Project(codeUri);
        var output = OutputFolder(codeUri);
        console.WriteLine(ConsoleName, $"publishing {project} with Native AOT into {output} (a minute when its code changed)…");
        var started = Stopwatch.GetTimestamp();
        Directory.CreateDirectory(IntermediateFolder(codeUri));
        await using (await FileLock.AcquireAsync(Path.Combine(IntermediateFolder(codeUri), ".publish.lock"), TimeSpan.FromMinutes(10), cancellationToken))
        {
            await RunAsync(project, codeUri, console, cancellationToken);
            var staged = Path.Combine(StagingFolder(codeUri), Executable);
            if (!File.Exists(staged))
            {
                throw new InvalidOperationException(
                    $"--native-aot: publishing {project} made no '{Executable}'. Lambda's provided runtimes run an executable named bootstrap: set <AssemblyName>bootstrap</AssemblyName> in the project.");
            }
            Replace(StagingFolder(codeUri), output);
        }
        console.WriteLine(ConsoleName, $"published {Path.GetFileName(project)} in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
        return Path.Combine(output, Executable);
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
                throw new InvalidOperationException(
                    $"--native-aot: dotnet publish of {project} failed with exit code {code}" +
                    (quoted.Count == 0 ? "; its output is in the stack's console log." : ":" + string.Concat(quoted.Select(e => "\n  " + e))));
            }
        }
    }

    /// <summary>
    /// Each published file replaces its copy in <paramref name="output"/> by a rename: a running
    /// executable cannot be written over, but its name can be given to a new file (the process keeps
    /// the old one). Unchanged files are left as they are.
    /// </summary>
    internal static void Replace(string staging, string output)
    {
        Directory.CreateDirectory(output);
        foreach (var file in Directory.EnumerateFiles(staging))
        {
            var target = Path.Combine(output, Path.GetFileName(file));
            var source = new FileInfo(file);
            if (File.Exists(target) && new FileInfo(target) is { } existing
                && existing.Length == source.Length && existing.LastWriteTimeUtc == source.LastWriteTimeUtc)
            {
                continue;
            }
            var temporary = target + ".new";
            File.Copy(file, temporary, overwrite: true);
            File.SetLastWriteTimeUtc(temporary, source.LastWriteTimeUtc);
            File.Move(temporary, target, overwrite: true);
        }
    }
}
