using System.Collections.Concurrent;
using System.Text;
using WebSocketAspire.Infrastructure.Lambda;

namespace WebSocketAspire.Tests.Infrastructure.Support;

/// <summary>What a fake function answers: a response payload, or an error as the Runtime API's <c>/error</c> would report it.</summary>
internal sealed record FunctionReply(string Payload, string? ErrorType = null)
{
    public static FunctionReply Ok(string json) => new(json);

    public static FunctionReply Error(string errorMessage, string errorType = "Error") =>
        new(Encoding.UTF8.GetString(LambdaError.Create(errorType, errorMessage)), errorType);

    /// <summary>A Lambda proxy result <c>{"statusCode": …, "body": …}</c>.</summary>
    public static FunctionReply Proxy(int statusCode, string? body = null) =>
        Ok(body is null ? $$"""{"statusCode":{{statusCode}}}""" : $$"""{"statusCode":{{statusCode}},"body":{{System.Text.Json.JsonSerializer.Serialize(body)}}}""");
}

/// <summary>
/// An in-process stand-in for a function's runtime: the Runtime API loop (next → handle → complete)
/// against a <see cref="FunctionEndpoint"/>, with a C# lambda as the handler. Records every event it got.
/// </summary>
internal sealed class InProcessFunction : IAsyncDisposable
{
    private readonly Func<string, FunctionReply> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _events = new();
    private readonly Task _loop;

    public InProcessFunction(FunctionEndpoint endpoint, Func<string, FunctionReply> handler)
    {
        Endpoint = endpoint;
        _handler = handler;
        _loop = Task.Run(RunAsync);
    }

    public FunctionEndpoint Endpoint { get; }

    /// <summary>The event JSON of every invocation handled so far, in order.</summary>
    public IReadOnlyList<string> Events => [.. _events];

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Invocation invocation;
            try
            {
                invocation = await Endpoint.NextAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            var json = Encoding.UTF8.GetString(invocation.Payload);
            _events.Enqueue(json);
            FunctionReply reply;
            try
            {
                reply = _handler(json);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                reply = FunctionReply.Error(e.Message, "Unhandled");
            }
            Endpoint.Complete(invocation.RequestId, Encoding.UTF8.GetBytes(reply.Payload), reply.ErrorType);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
