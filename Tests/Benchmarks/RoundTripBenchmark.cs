using System.Net.WebSockets;
using BenchmarkDotNet.Attributes;
using WebSocketAspire.Infrastructure.Hosting.Local;
using WebSocketAspire.Infrastructure.Hosting.Processes;

namespace WebSocketAspire.Benchmarks;

/// <summary>
/// The whole local path a user feels, against the real stack (dynalite, function processes):
/// a message through route selection, the mapping template, the SendMessage function and its
/// SigV4-signed @connections reply; and a handshake through the authorizer and $connect.
/// </summary>
[MemoryDiagnoser]
public class RoundTripBenchmark
{
    private static readonly byte[] Payload = """{"action":"sendmessage","message":"hey queen"}"""u8.ToArray();
    private readonly byte[] _buffer = new byte[4096];
    private readonly string _data = Path.Combine(Path.GetTempPath(), "wsa-bench-" + Guid.NewGuid().ToString("N"));
    private LocalStack _stack = null!;
    private ClientWebSocket _client = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _stack = await LocalStack.StartAsync(new LocalStackOptions
        {
            TemplatePath = Path.Combine(StackTemplates.RepositoryRoot, "Infrastructure", "template.yaml"),
            DataDirectory = _data,
            WatchTemplate = false,
            StartTimeout = TimeSpan.FromMinutes(3),
        }, ResourceConsole.To(TextWriter.Null), CancellationToken.None);
        _client = await ConnectAsync();
        await MessageRoundTripAsync(); // first call warms every process
    }

    /// <summary>Send the README's payload and wait for the reply frame.</summary>
    [Benchmark]
    public async Task<int> MessageRoundTripAsync()
    {
        await _client.SendAsync(Payload, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        var result = await _client.ReceiveAsync(_buffer, CancellationToken.None);
        return result.Count;
    }

    /// <summary>Handshake with token:hello (authorizer + $connect + PutItem) and close (+ $disconnect).</summary>
    [Benchmark]
    public async Task ConnectAndCloseAsync()
    {
        using var client = await ConnectAsync();
        await client.CloseAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
    }

    private async Task<ClientWebSocket> ConnectAsync()
    {
        var client = new ClientWebSocket();
        client.Options.SetRequestHeader("token", "hello");
        await client.ConnectAsync(_stack.WebSocketUrl, CancellationToken.None);
        return client;
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _client.CloseAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
        _client.Dispose();
        await _stack.StopAsync();
        Directory.Delete(_data, recursive: true);
    }
}
