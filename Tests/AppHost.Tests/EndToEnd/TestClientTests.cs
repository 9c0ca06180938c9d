using System.Net;
using Microsoft.Playwright;
using WebSocketAspire.Tests.AppHost.Support;

namespace WebSocketAspire.Tests.AppHost.EndToEnd;

/// <summary>The browser test client, driven in Chromium: the README's exchange with a header, the 401 without it, and @connections on the open connections.</summary>
[Collection(StackCollection.Name)]
public sealed class TestClientTests(StackFixture fixture)
{
    private static readonly HttpClient Http = new(new HttpClientHandler { AllowAutoRedirect = false });

    [SkippableFact]
    public async Task In_chromium_the_readme_exchange_gets_the_reply_and_without_the_header_the_handshake_gets_401()
    {
        Chromium.Require();
        await fixture.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();

        await page.GotoAsync(fixture.Stack.TestClientUrl.ToString());
        Assert.EndsWith("/", page.Url, StringComparison.Ordinal); // the token became a cookie; the link is gone from the address bar
        await page.FillAsync("#headers", "token: hello");
        await page.ClickAsync("#connect");
        await Expect(page.Locator("#status")).ToContainTextAsync("101 Switching Protocols");
        var connectionId = (await page.Locator("#status").TextContentAsync())!.Split("connectionId ")[1].Trim();
        Assert.True(await fixture.HasConnectionRowAsync(connectionId), "the page's connection went through $connect");

        await page.FillAsync("#message", """{"action":"sendmessage","message":"hey queen"}""");
        await page.ClickAsync("#send");
        await Expect(page.Locator("#log li.in")).ToContainTextAsync(StackFixture.Reply);
        await Expect(page.Locator("#log li.in time").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"));

        // The open connections: post to ours through @connections, then close it from the table.
        var row = page.Locator($"#connections tr[data-connection-id='{connectionId}']");
        await Expect(row).ToContainTextAsync("127.0.0.1");
        await Expect(row).ToContainTextAsync("\"principalId\":\"me\"");
        await page.FillAsync("#post-data", "pushed from the table");
        await row.Locator("button.post").ClickAsync();
        await Expect(page.Locator("#log li.in").Last).ToContainTextAsync("pushed from the table");
        await row.Locator("button.delete").ClickAsync();
        await Expect(page.Locator("#status")).ToContainTextAsync("closed 1000");
        await Eventually.TrueAsync(async () => !await fixture.HasConnectionRowAsync(connectionId), "the closed connection's $disconnect removed its row");

        // Without the header the identity source is missing: 401, and the gateway's reason.
        await page.FillAsync("#headers", "");
        await page.ClickAsync("#connect");
        await Expect(page.Locator("#status")).ToContainTextAsync("401");
        await Expect(page.Locator("#status")).ToContainTextAsync("token");
        await page.FillAsync("#headers", "token: nope");
        await page.ClickAsync("#connect");
        await Expect(page.Locator("#status")).ToContainTextAsync("401 · the authorizer answered Unauthorized");
    }

    [SkippableFact]
    public async Task Without_the_links_token_nothing_is_served_and_other_origins_are_refused()
    {
        await fixture.StartAsync();
        var link = fixture.Stack.TestClientUrl;
        var origin = new Uri(link.GetLeftPart(UriPartial.Authority));

        using (var page = await Http.GetAsync(origin))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
        }
        using (var list = await Http.GetAsync(new Uri(origin, "/api/connections")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
        }
        using (var wrong = await Http.GetAsync(new Uri(origin, "/?t=wrong")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var login = await Http.GetAsync(link);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var cookie = login.Headers.GetValues("Set-Cookie").Single();
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        using var crossSite = new HttpRequestMessage(HttpMethod.Get, new Uri(origin, "/api/connections"));
        crossSite.Headers.Add("Cookie", cookie.Split(';')[0]);
        crossSite.Headers.Add("Origin", "http://evil.example");
        using (var refused = await Http.SendAsync(crossSite))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }
        using var sameSite = new HttpRequestMessage(HttpMethod.Get, new Uri(origin, "/api/connections"));
        sameSite.Headers.Add("Cookie", cookie.Split(';')[0]);
        using (var allowed = await Http.SendAsync(sameSite))
        {
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
