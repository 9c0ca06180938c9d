using Microsoft.Playwright;

namespace WebSocketAspire.Tests.AppHost.Support;

/// <summary>Debian's Chromium driven by Playwright, headless: skipped without it on a developer machine, a failure in CI.</summary>
internal static class Chromium
{
    public const string Path = "/usr/bin/chromium";

    public static void Require()
    {
        if (!File.Exists(Path))
        {
            Assert.False(RequiredTool.IsCi, $"CI=true but {Path} is missing: install Debian's chromium package.");
            Skip.If(true, $"{Path} not found: apt-get install -y chromium to run the browser checks.");
        }
    }

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Path,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }
}
