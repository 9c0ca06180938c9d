using System.Net;
using System.Text;
using WebSocketAspire.Functions.Runtime;

namespace WebSocketAspire.Tests.Functions.Fakes;

/// <summary>Hands out queued invocations, then answers next with a 500 so the loop exits.</summary>
internal sealed class FakeRuntimeApiClient(List<string> journal) : IRuntimeApiClient
{
    private readonly Queue<RuntimeInvocation> _invocations = new();

    public FakeRuntimeApiClient() : this([])
    {
    }

    public List<string> Journal => journal;

    public Dictionary<string, string> Responses { get; } = [];

    public Dictionary<string, RuntimeError> Errors { get; } = [];

    public List<RuntimeError> InitErrors { get; } = [];

    public FakeRuntimeApiClient Enqueue(string requestId, string payload, string? traceId = null, long? deadlineMs = null)
    {
        _invocations.Enqueue(new RuntimeInvocation(requestId, deadlineMs, "arn:aws:lambda:us-east-1:123456789012:function:f", traceId, Encoding.UTF8.GetBytes(payload)));
        return this;
    }

    public Task<RuntimeInvocation> GetNextInvocationAsync(CancellationToken cancellationToken) =>
        _invocations.TryDequeue(out var invocation)
            ? Task.FromResult(invocation)
            : throw new RuntimeApiException("next", HttpStatusCode.InternalServerError, "no more events");

    public Task PostResponseAsync(string requestId, ReadOnlyMemory<byte> response, CancellationToken cancellationToken)
    {
        journal.Add($"response:{requestId}");
        Responses[requestId] = Encoding.UTF8.GetString(response.Span);
        return Task.CompletedTask;
    }

    public Task PostErrorAsync(string requestId, RuntimeError error, CancellationToken cancellationToken)
    {
        journal.Add($"error:{requestId}");
        Errors[requestId] = error;
        return Task.CompletedTask;
    }

    public Task PostInitErrorAsync(RuntimeError error, CancellationToken cancellationToken)
    {
        journal.Add("init-error");
        InitErrors.Add(error);
        return Task.CompletedTask;
    }
}
