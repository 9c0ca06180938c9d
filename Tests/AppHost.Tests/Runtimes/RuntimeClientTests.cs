using WebSocketAspire.Tests.AppHost.Support;

namespace WebSocketAspire.Tests.AppHost.Runtimes;

/// <summary>
/// The runtime interface clients' own tests, in their own languages (node:test and unittest, each
/// against a fake Runtime API), run as part of <c>dotnet test</c>.
/// </summary>
public sealed class RuntimeClientTests
{
    private static readonly string Runtimes = Path.Combine(RepositoryLayout.Root, "Infrastructure", "Hosting", "runtimes");

    [SkippableFact]
    public async Task The_nodejs_runtime_clients_tests_pass()
    {
        RequiredTool.Require("node", "to test the Node.js runtime client");

        var (exitCode, output) = await ToolRun.RunAsync("node", Path.Combine(Runtimes, "node"), "--test", "test/");

        Assert.True(exitCode == 0, output);
    }

    [SkippableFact]
    public async Task The_python_runtime_clients_tests_pass()
    {
        RequiredTool.Require("python3", "to test the Python runtime client");

        var (exitCode, output) = await ToolRun.RunAsync("python3", Path.Combine(Runtimes, "python"), "-m", "unittest", "discover", "-s", "tests");

        Assert.True(exitCode == 0, output);
    }
}
