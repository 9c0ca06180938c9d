using WebSocketAspire.Infrastructure.Hosting.Processes;
using WebSocketAspire.Tests.AppHost.Support;

namespace WebSocketAspire.Tests.AppHost.Resources;

/// <summary>The first run on a fresh machine installs the node tools from the committed lockfile.</summary>
public sealed class NodeToolsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "wsa-npm-" + Guid.NewGuid().ToString("N"));

    [SkippableFact]
    public async Task A_folder_without_node_modules_gets_the_locked_tools_installed()
    {
        RequiredTool.Require("npm", "to install dynalite and wscat on first run");
        Directory.CreateDirectory(_folder);
        foreach (var file in new[] { "package.json", "package-lock.json", "dynalite-host.js" })
        {
            File.Copy(Path.Combine(RepositoryLayout.NodeToolSources, file), Path.Combine(_folder, file));
        }
        var log = new StringWriter();

        var console = ResourceConsole.To(TextWriter.Synchronized(log));
        // Two stacks of one process starting at once: one installs, the other waits for it.
        await Task.WhenAll(
            NodeTools.EnsureInstalledAsync(_folder, console, CancellationToken.None),
            NodeTools.EnsureInstalledAsync(_folder, console, CancellationToken.None));

        Assert.True(File.Exists(Path.Combine(_folder, "node_modules", "dynalite", "package.json")), log.ToString());
        Assert.True(File.Exists(Path.Combine(_folder, "node_modules", "wscat", "package.json")), log.ToString());
        Assert.Contains("npm ci", log.ToString(), StringComparison.Ordinal);
        Assert.Single(log.ToString().Split('\n'), line => line.Contains("(npm ci)", StringComparison.Ordinal));

        // A second start finds everything in place and does not run npm again.
        var second = new StringWriter();
        await NodeTools.EnsureInstalledAsync(_folder, ResourceConsole.To(second), CancellationToken.None);
        Assert.Equal("", second.ToString());
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
