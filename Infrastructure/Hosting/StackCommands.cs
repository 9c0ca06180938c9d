using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using WebSocketAspire.Hosting;

namespace WebSocketAspire.Infrastructure.Hosting;

/// <summary>The dashboard commands a WebSocket developer needs: disconnect everyone, invoke or restart a function, reload the template.</summary>
internal static class StackCommands
{
    public const string DisconnectAll = "disconnect-all";
    public const string Restart = "restart-function";
    public const string ReloadTemplate = "reload-template";
    public const string Invoke = "invoke-function";

    /// <summary>How long the commands wait for every <c>$disconnect</c> to finish.</summary>
    private static readonly TimeSpan DisconnectTimeout = TimeSpan.FromSeconds(15);

    public static ResourceCommandState EnabledWhileRunning(UpdateCommandStateContext context, WebSocketStackResource stack) =>
        stack.Running is null ? ResourceCommandState.Disabled : ResourceCommandState.Enabled;

    public static Func<ExecuteCommandContext, Task<ExecuteCommandResult>> DisconnectAllAsync(WebSocketStackResource stack) => async _ =>
    {
        if (stack.Running is not { } running)
        {
            return CommandResults.Failure("The stack is not running.");
        }
        await running.DisconnectAllAsync(DisconnectTimeout);
        return CommandResults.Success();
    };

    public static Func<ExecuteCommandContext, Task<ExecuteCommandResult>> RestartFunctionAsync(WebSocketStackResource stack, string functionId) => async _ =>
    {
        if (stack.Running is not { } running)
        {
            return CommandResults.Failure("The stack is not running.");
        }
        return await running.RestartFunctionAsync(functionId)
            ? CommandResults.Success()
            : CommandResults.Failure($"{functionId} is not part of the running stack.");
    };

    public static Func<ExecuteCommandContext, Task<ExecuteCommandResult>> InvokeAsync(WebSocketStackResource stack, string functionId) => async context =>
    {
        if (stack.Running is not { } running)
        {
            return CommandResults.Failure("The stack is not running.");
        }
        return await running.InvokeSampleAsync(functionId, context.CancellationToken) switch
        {
            null => CommandResults.Failure($"{functionId} is not part of the running stack."),
            { Result: null } failed => CommandResults.Failure($"No sample event: {failed.Sample.Failure}"),
            { Result.IsError: true } error => CommandResults.Failure($"{functionId} answered {error.Result.ErrorType}; the event and the error are in its console log."),
            _ => CommandResults.Success(),
        };
    };

    public static Func<ExecuteCommandContext, Task<ExecuteCommandResult>> ReloadAsync(WebSocketStackResource stack) => async context =>
    {
        if (stack.Running is not { } running)
        {
            // Failed on its template or a function's publish: try to start it with both as they read now.
            return context.Services.GetRequiredService<StackRunner>().RetryStart(stack)
                ? CommandResults.Success()
                : CommandResults.Failure("The stack is not running.");
        }
        return await running.ReloadAsync(context.CancellationToken)
            ? CommandResults.Success()
            : CommandResults.Failure("The template, or a function's code, has errors; the running stack is unchanged. See the stack's console log.");
    };
}
