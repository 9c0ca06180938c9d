using WebSocketAspire.Tests.AppHost.Support;

namespace WebSocketAspire.Tests.AppHost.EndToEnd;

/// <summary>The README's exact exchange with wscat itself, typed into a pseudo-terminal.</summary>
[Collection(StackCollection.Name)]
public sealed class WscatTests(StackFixture fixture)
{
    [SkippableFact]
    public async Task Wscat_under_a_pseudo_terminal_sees_the_reply()
    {
        RequiredTool.Require("script", "to give wscat a pseudo-terminal (util-linux)");
        await fixture.StartAsync();

        await Wscat.ExchangeAsync(fixture.Url, StackFixture.Reply);
    }
}
