using BenchmarkDotNet.Attributes;
using WebSocketAspire.Infrastructure.Gateway;
using WebSocketAspire.Infrastructure.Velocity;

namespace WebSocketAspire.Benchmarks;

/// <summary>
/// Renders the stack's own sendmessage request template (parsed once, as the gateway caches it)
/// with the <c>$context</c> the gateway builds for a message.
/// </summary>
[MemoryDiagnoser]
public class SendMessageTemplateBenchmark
{
    private MappingTemplate _template = null!;
    private MappingInput _input = null!;
    private MappingInput _apostropheInput = null!;

    [GlobalSetup]
    public void Setup()
    {
        var stack = StackTemplates.Load();
        var integration = stack.Api.Integrations[stack.Api.Routes["sendmessage"].IntegrationId!];
        _template = MappingTemplate.Parse(integration.RequestTemplates["$default"], "sendmessage");
        var now = new DateTimeOffset(2026, 11, 24, 1, 2, 3, TimeSpan.Zero);
        var context = new RequestContextValues
        {
            RouteKey = "sendmessage",
            EventType = "MESSAGE",
            ConnectionId = "ZyH4tcKvIAMCJZw=",
            RequestId = "ZyH5dFX2IAMFqnQ=",
            MessageId = "ZyH5dcq0IAMCJZw=",
            RequestTime = now,
            ConnectedAt = now.AddSeconds(-30),
            Stage = stack.Api.Stage.Name,
            ApiId = stack.Api.ApiId,
            Identity = new ConnectionIdentity
            {
                SourceIp = "127.0.0.1",
                DomainName = "127.0.0.1:3001",
                Authorizer = new Dictionary<string, object?> { ["principalId"] = "me", ["integrationLatency"] = 3L, ["token"] = "hello" },
            },
        }.ToTemplateContext();
        _input = new MappingInput { Body = """{"action":"sendmessage","message":"hey queen"}""", Context = context };
        _apostropheInput = _input with { Body = """{"action":"sendmessage","message":"it's a \"quoted\" message, ünïcödé"}""" };
    }

    [Benchmark(Baseline = true)]
    public string Render() => _template.Render(_input);

    [Benchmark]
    public string RenderWithQuotesAndNonAscii() => _template.Render(_apostropheInput);
}
