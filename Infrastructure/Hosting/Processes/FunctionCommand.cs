using System.Diagnostics;
using WebSocketAspire.Infrastructure.Template.Model;

namespace WebSocketAspire.Infrastructure.Hosting.Processes;

/// <summary>
/// How to run a function from its runtime and CodeUri, as Lambda would: Node.js and Python handlers
/// under our runtime interface clients on this machine's interpreters; for the OS-only and .NET
/// runtimes a ready <c>bootstrap</c> executable, or the <c>bootstrap.dll</c> a .NET project in that
/// folder builds (run with dotnet).
/// </summary>
internal static class FunctionCommand
{
    public static ProcessStartInfo Resolve(FunctionModel function, string configuration, string targetFramework, string toolsDirectory)
    {
        ArgumentNullException.ThrowIfNull(function);
        var codeUri = function.CodeUri ?? throw new FileNotFoundException($"{function.LogicalId} has no local CodeUri (an S3 location or inline code cannot run locally).");
        if (!Directory.Exists(codeUri))
        {
            throw new DirectoryNotFoundException($"{function.LogicalId}: CodeUri '{codeUri}' is not a folder.");
        }
        return LambdaRuntime.LocalKind(function.Runtime) switch
        {
            RuntimeKind.Node => Interpreted(function, codeUri, "node", NodeTools.NodeRuntime(toolsDirectory), NodeModuleCandidates),
            RuntimeKind.Python => Interpreted(function, codeUri, "python3", NodeTools.PythonRuntime(toolsDirectory), PythonModuleCandidates),
            _ => Bootstrap(codeUri, configuration, targetFramework),
        };
    }

    /// <summary>True when the function runs on one of our runtime interface clients (Node.js or Python).</summary>
    public static bool IsInterpreted(FunctionModel function) =>
        LambdaRuntime.LocalKind(function.Runtime) is RuntimeKind.Node or RuntimeKind.Python;

    private static ProcessStartInfo Interpreted(FunctionModel function, string codeUri, string interpreter, string shim, Func<string, IEnumerable<string>> candidates)
    {
        // Lambda reports a missing module at the first invocation; checking here names it before anything starts.
        // Node.js reads the module up to the first dot after the last '/' (the rest may name a nested
        // export); Python splits at the last dot (the module path may be dotted).
        var handler = function.Handler;
        var dot = interpreter == "node"
            ? handler.IndexOf('.', handler.LastIndexOf('/') + 1)
            : handler.LastIndexOf('.');
        if (dot <= 0 || dot == handler.Length - 1)
        {
            throw new ArgumentException($"{function.LogicalId}: Handler '{handler}' must be 'module.function' (for {function.Runtime}).");
        }
        var module = handler[..dot];
        var tried = candidates(module).ToList();
        if (!tried.Any(c => File.Exists(Path.Combine(codeUri, c))))
        {
            throw new FileNotFoundException(
                $"{function.LogicalId}: no handler module for '{function.Handler}' in CodeUri '{codeUri}': expected {string.Join(", ", tried)}.");
        }
        var startInfo = new ProcessStartInfo(interpreter) { WorkingDirectory = codeUri };
        startInfo.ArgumentList.Add(shim);
        return startInfo;
    }

    private static IEnumerable<string> NodeModuleCandidates(string module) => [module + ".js", module + ".mjs", module + ".cjs"];

    private static IEnumerable<string> PythonModuleCandidates(string module)
    {
        var path = module.Replace('.', '/');
        return [path + ".py", Path.Combine(path, "__init__.py")];
    }

    private static ProcessStartInfo Bootstrap(string codeUri, string configuration, string targetFramework)
    {
        var bootstrap = Path.Combine(codeUri, "bootstrap");
        if (File.Exists(bootstrap))
        {
            return new ProcessStartInfo(bootstrap) { WorkingDirectory = codeUri };
        }
        var built = Path.Combine(codeUri, "bin", configuration, targetFramework, "bootstrap.dll");
        if (!File.Exists(built) && Directory.Exists(Path.Combine(codeUri, "bin")))
        {
            // Built in another configuration than the host's (a test runner, a Release AppHost): the newest build wins.
            built = Directory.EnumerateDirectories(Path.Combine(codeUri, "bin"))
                .Select(c => Path.Combine(c, targetFramework, "bootstrap.dll"))
                .Where(File.Exists)
                .OrderByDescending(File.GetLastWriteTimeUtc)
                .FirstOrDefault() ?? built;
        }
        if (File.Exists(built))
        {
            var startInfo = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(built)! };
            startInfo.ArgumentList.Add("exec");
            startInfo.ArgumentList.Add(built);
            return startInfo;
        }
        throw new FileNotFoundException(
            $"No function code at CodeUri '{codeUri}': expected an executable 'bootstrap' there, or a .NET project built to '{built}'. " +
            $"Build it with 'dotnet build \"{codeUri}\" -c {configuration}'.",
            built);
    }
}
