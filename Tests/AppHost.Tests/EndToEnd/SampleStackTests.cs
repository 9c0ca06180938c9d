using System.Net;
using WebSocketAspire.Tests.AppHost.Support;

namespace WebSocketAspire.Tests.AppHost.EndToEnd;

/// <summary>
/// A stack written from the published serverless-patterns sample (apigw-websocket-mapping-template-authorizer)
/// in another language, unchanged by us: it passes the same end-to-end checks as the C# stack.
/// </summary>
public abstract class SampleStackTests<TStack>(TStack stack) where TStack : StackFixture
{
    [SkippableFact]
    public async Task The_readme_exchange_with_wscat_gets_the_reply()
    {
        await stack.StartAsync();

        await Wscat.ExchangeAsync(stack.Url, StackFixture.Reply);
    }

    [SkippableFact]
    public async Task A_handshake_without_the_header_or_with_another_token_gets_401()
    {
        await stack.StartAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, await TestClient.RefusedStatusAsync(stack.Url));
        Assert.Equal(HttpStatusCode.Unauthorized, await TestClient.RefusedStatusAsync(stack.Url, new Dictionary<string, string> { ["token"] = "nope" }));
    }

    [SkippableFact]
    public async Task Connect_puts_the_connection_id_in_the_table_and_disconnect_deletes_it()
    {
        await stack.StartAsync();
        await using var client = await TestClient.ConnectAsync(stack.Url, StackFixture.Hello);
        var id = await client.LearnConnectionIdAsync();
        Assert.True(await stack.HasConnectionRowAsync(id), "the connect function put the row");

        await client.SendAsync("""{"action":"sendmessage","message":"hey queen"}""");
        Assert.Equal(StackFixture.Reply, await client.ReceiveAsync());

        await client.CloseAsync();
        await Eventually.TrueAsync(async () => !await stack.HasConnectionRowAsync(id), "the disconnect function deleted the row");
    }
}

/// <summary>The sample in Node.js ES modules, with the AWS SDK for JavaScript v3 the runtime provides.</summary>
public sealed class NodeSampleStack : StackFixture
{
    protected override string TemplatePath => Path.Combine(RepositoryLayout.Root, "Tests", "AppHost.Tests", "Fixtures", "node-sample", "template.yaml");
}

public sealed class NodeSampleStackTests(NodeSampleStack stack) : SampleStackTests<NodeSampleStack>(stack), IClassFixture<NodeSampleStack>;

/// <summary>The sample in Python, with the machine's boto3.</summary>
public sealed class PythonSampleStack : StackFixture
{
    protected override string TemplatePath => Path.Combine(RepositoryLayout.Root, "Tests", "AppHost.Tests", "Fixtures", "python-sample", "template.yaml");
}

public sealed class PythonSampleStackTests(PythonSampleStack stack) : SampleStackTests<PythonSampleStack>(stack), IClassFixture<PythonSampleStack>;
