using System.Diagnostics;
using WebSocketAspire.AppHost.Dashboard;
using WebSocketAspire.AppHost.Dashboard.Telemetry;
using WebSocketAspire.Tests.AppHost.Dashboard.Support;
using static WebSocketAspire.Tests.AppHost.Dashboard.Support.Spans;

namespace WebSocketAspire.Tests.AppHost.Dashboard.Web;

/// <summary>Loads the page in headless Chromium and checks that its script rendered data from the API.</summary>
public sealed class BrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [SkippableFact]
    public async Task Every_view_renders_data_from_the_api()
    {
        var inCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!File.Exists(Chromium))
        {
            Assert.False(inCi, $"CI=true but {Chromium} is missing: install Debian's chromium package.");
            Skip.If(true, $"{Chromium} not found: install chromium (apt-get install -y chromium) to run the browser check.");
        }

        var repository = new TelemetryRepository(TimeProvider.System);
        repository.AddSpans([
            Span("cafe0001", "01", null, "gateway <b>frame</b>", service: "gateway", durationMs: 40),
            Span("cafe0001", "02", "01", "invoke-sendmessage-child", service: "sendmessage", startMs: 5, durationMs: 30),
        ]);
        repository.AddLogs([Log("structured-log-marker", LogSeverity.Warning, "connect", "cafe0001")]);
        repository.AddConsoleLine("dynalite", "console-line-marker");
        var resources = new FakeResourceSource(new ResourceSnapshot("dynalite", "Executable", "Running", 4242, 0, ["javascript:alert(1)"]));
        await using var server = await DashboardHost.StartAsync(new DashboardOptions(), repository, resources, CancellationToken.None);

        var list = await DumpDom(new Uri(server.DashboardUrl, "#traces"));
        // The span name is text, so its markup arrives escaped: proof that nothing went through innerHTML.
        Assert.Contains("gateway &lt;b&gt;frame&lt;/b&gt;", list, StringComparison.Ordinal);
        Assert.Contains("cafe0001", list, StringComparison.Ordinal);

        var waterfall = await DumpDom(new Uri(server.DashboardUrl, "#trace/cafe0001"));
        Assert.Contains("invoke-sendmessage-child", waterfall, StringComparison.Ordinal);
        Assert.Contains("span-row", waterfall, StringComparison.Ordinal);

        var logs = await DumpDom(new Uri(server.DashboardUrl, "#logs"));
        Assert.Contains("structured-log-marker", logs, StringComparison.Ordinal);

        var console = await DumpDom(new Uri(server.DashboardUrl, "#console/dynalite"));
        Assert.Contains("console-line-marker", console, StringComparison.Ordinal);

        var table = await DumpDom(new Uri(server.DashboardUrl, "#resources"));
        Assert.Contains("4242", table, StringComparison.Ordinal);
        // Only http(s) endpoints become links.
        Assert.DoesNotContain("href=\"javascript:", table, StringComparison.Ordinal);
        Assert.Contains("javascript:alert(1)", table, StringComparison.Ordinal);
    }

    private static async Task<string> DumpDom(Uri url)
    {
        var profile = Directory.CreateTempSubdirectory("dashboard-chromium-");
        try
        {
            var start = new ProcessStartInfo(Chromium)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
                "--user-data-dir=" + profile.FullName, "--virtual-time-budget=5000", "--dump-dom", url.ToString(),
            })
            {
                start.ArgumentList.Add(argument);
            }
            using var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"chromium did not finish within 60 s: {await stderr}");
            }
            var dom = await stdout;
            Assert.True(process.ExitCode == 0, $"chromium exited with {process.ExitCode}: {await stderr}");
            return dom;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
