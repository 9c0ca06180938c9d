using System.Text;
using WebSocketAspire.Functions.Runtime;

namespace WebSocketAspire.Tests.Functions.Fakes;

internal sealed class DelegateFunctionHandler(string name, Func<string, string> handle) : IFunctionHandler
{
    public string Name => name;

    public Task<byte[]> InvokeAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) =>
        Task.FromResult(Encoding.UTF8.GetBytes(handle(Encoding.UTF8.GetString(payload.Span))));
}
