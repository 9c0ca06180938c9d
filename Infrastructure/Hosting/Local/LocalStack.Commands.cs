using System.Text;
using WebSocketAspire.Infrastructure.Gateway;
using WebSocketAspire.Infrastructure.Hosting.Processes;

namespace WebSocketAspire.Infrastructure.Hosting.Local;

/// <summary>What the dashboard's commands ask of the running stack: disconnect everyone, restart or invoke a function.</summary>
internal sealed partial class LocalStack
{
    /// <summary>Closes every open connection as DELETE @connections does; each gets its $disconnect. Returns how many were open.</summary>
    public Task<int> DisconnectAllAsync(TimeSpan timeout) => _gateway.DisconnectAllAsync(timeout);

    /// <summary>
    /// Replaces every instance of a function with a fresh one; false if the stack has no such function.
    /// A function run natively is published again first, so a restart runs its code as it is now, as
    /// restarting a JIT-built one after a build does (the stack's other functions keep the executable
    /// they run until they are restarted too); if the publish fails the instances are kept.
    /// </summary>
    public async Task<bool> RestartFunctionAsync(string functionId)
    {
        if (!_functions.TryGetValue(functionId, out var function))
        {
            return false;
        }
        var stack = Stack;
        if (stack.Functions.TryGetValue(functionId, out var model) && RunsNative(model, _options))
        {
            string executable;
            try
            {
                executable = await NativeAotPublisher.PublishAsync(model.CodeUri!, _console, _stopping.Token);
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException
                or OperationCanceledException)
            {
                _console.WriteError(functionId, $"Restart: {e.Message} The running instances are kept.");
                return true;
            }
            await function.RestartAsync(NativeAotPublisher.StartInfo(executable),
                FunctionEnvironment(stack, model, _options, Credentials, DynamoDbEndpoint, LambdaPort));
            return true;
        }
        await function.RestartAsync();
        return true;
    }

    /// <summary>
    /// Invokes a function with the event of its first use in the API (see <see cref="SampleEvents.ForFunction"/>)
    /// and writes the event and the result to the function's console. Null when the stack has no such
    /// function; otherwise the result, or a failure when no sample can be made.
    /// </summary>
    public async Task<SampleInvocation?> InvokeSampleAsync(string functionId, CancellationToken cancellationToken)
    {
        if (Lambda.Find(functionId) is null)
        {
            return null;
        }
        var sample = SampleEvents.ForFunction(_gateway.Context, functionId)
            ?? new SampleEvent("{}", null, "an empty event (no route or authorizer of the API uses this function)");
        if (sample.Payload is not { } payload)
        {
            _console.WriteError(functionId, $"Invoke: no sample event: {sample.Failure}");
            return new SampleInvocation(sample, null);
        }
        _console.WriteLine(functionId, $"Invoke with {sample.Description}: {payload}");
        var result = await Lambda.InvokeAsync(functionId, Encoding.UTF8.GetBytes(payload), timeout: null, cancellationToken);
        var text = Encoding.UTF8.GetString(result.Payload);
        if (result.IsError)
        {
            _console.WriteError(functionId, $"Invoke {result.RequestId}: function error {result.ErrorType}: {text}");
        }
        else
        {
            _console.WriteLine(functionId, $"Invoke {result.RequestId}: {text}");
        }
        return new SampleInvocation(sample, result);
    }
}
