using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Logging;
using WebSocketAspire.Hosting;
using WebSocketAspire.Infrastructure.Hosting.Local;
using WebSocketAspire.Infrastructure.Hosting.Processes;

namespace WebSocketAspire.Infrastructure.Hosting;

/// <summary>What the dashboard shows of a stack: its resources' states, and each part's console lines under its resource.</summary>
internal sealed partial class StackRunner
{
    private async Task PublishRunningAsync(WebSocketStackResource stack, LocalStack local, DateTime startedAt)
    {
        await notifications.PublishUpdateAsync(stack, s => StackSnapshots.Stack(StackSnapshots.Running(s, startedAt), local));
        if (stack.Api is { } api)
        {
            await notifications.PublishUpdateAsync(api, s => StackSnapshots.Api(StackSnapshots.Running(s, startedAt), local));
        }
        var runningFunctions = local.Functions.ToDictionary(f => f.Name, StringComparer.Ordinal);
        foreach (var function in stack.Functions)
        {
            if (runningFunctions.GetValueOrDefault(function.Name) is { } running)
            {
                await notifications.PublishUpdateAsync(function, s => StackSnapshots.Function(StackSnapshots.Running(s, startedAt), running, local));
                var shown = _shownInstances.GetOrAdd(function, _ => []);
                var current = running.Instances;
                foreach (var instance in current)
                {
                    shown.Add(instance.Id);
                    await notifications.PublishUpdateAsync(function, StackSnapshots.InstanceId(function.Name, instance.Id), s => StackSnapshots.Instance(s, function.Name, instance));
                }
                // An instance that is gone (reclaimed when idle, or replaced on a restart) shows as finished, not running.
                foreach (var gone in shown.Where(id => current.All(i => i.Id != id)).ToList())
                {
                    shown.Remove(gone);
                    await notifications.PublishUpdateAsync(function, StackSnapshots.InstanceId(function.Name, gone), s => StackSnapshots.Finished(s, time.GetUtcNow().UtcDateTime));
                }
            }
            else
            {
                await notifications.PublishUpdateAsync(function, s => StackSnapshots.Finished(s, time.GetUtcNow().UtcDateTime));
            }
        }
        if (stack.Store is { } store)
        {
            await notifications.PublishUpdateAsync(store, s => StackSnapshots.Store(StackSnapshots.Running(s, startedAt), local));
        }
    }

    private async Task PublishAllAsync(WebSocketStackResource stack, Func<CustomResourceSnapshot, CustomResourceSnapshot> update)
    {
        try
        {
            foreach (var resource in Resources(stack))
            {
                await notifications.PublishUpdateAsync(resource, update);
            }
        }
        catch (ObjectDisposedException)
        {
            // Aspire's services are gone (its start was cancelled and the app disposed): there is no
            // dashboard to tell, and the stack still stops.
        }
    }

    private Task PublishStartingAsync(WebSocketStackResource stack) =>
        PublishAllAsync(stack, s => StackSnapshots.WithState(s, KnownResourceStates.Starting, KnownResourceStateStyles.Info));

    private Task PublishFinishedAsync(WebSocketStackResource stack) =>
        PublishAllAsync(stack, s => StackSnapshots.Finished(s, time.GetUtcNow().UtcDateTime));

    private static IEnumerable<IResource> Resources(WebSocketStackResource stack)
    {
        yield return stack;
        if (stack.Api is { } api)
        {
            yield return api;
        }
        foreach (var function in stack.Functions)
        {
            yield return function;
        }
        if (stack.Store is { } store)
        {
            yield return store;
        }
    }

    /// <summary>Routes the engine's console names to the resources the dashboard shows.</summary>
    private ResourceConsole ConsoleFor(WebSocketStackResource stack)
    {
        var functions = stack.Functions.ToDictionary(f => f.Name, f => (IResource)f, StringComparer.Ordinal);
        IResource Resolve(string name, out string prefix, out string? instanceId)
        {
            prefix = "";
            instanceId = null;
            var hash = name.IndexOf('#', StringComparison.Ordinal);
            var baseName = hash < 0 ? name : name[..hash];
            if (functions.TryGetValue(baseName, out var function))
            {
                if (hash >= 0)
                {
                    prefix = $"[{name[hash..]}] ";
                    instanceId = StackSnapshots.InstanceId(baseName, name[(hash + 1)..]);
                }
                return function;
            }
            return name switch
            {
                DynaliteResource.Name or "npm" when stack.Store is { } store => store,
                LocalStack.GatewayConsole or "lambda" when stack.Api is { } api => api,
                _ => stack,
            };
        }
        return new ResourceConsole((name, line, isError) =>
        {
            var resource = Resolve(name, out var prefix, out var instanceId);
            var level = isError ? LogLevel.Error : LogLevel.Information;
            var text = string.Concat(prefix, line);
            var log = resourceLogs.GetLogger(resource);
            ConsoleLine(log, level, text);
            if (instanceId is not null)
            {
                // The instance's own row shows its lines too.
                var instanceLog = resourceLogs.GetLogger(instanceId);
                ConsoleLine(instanceLog, level, line);
            }
        });
    }

    /// <summary>
    /// A console line into a resource's log in the dashboard. Not a <c>[LoggerMessage]</c>: this runs
    /// inside the engine's own logger providers (a gateway log line goes to its console, and so here),
    /// and the generated logging state is one per thread, so a generated call here cleared the values of
    /// the line being logged before the next provider (OpenTelemetry) read them; the dashboard showed the
    /// gateway's structured logs as "(null) connected ((null))".
    /// </summary>
    private static void ConsoleLine(ILogger logger, LogLevel level, string line) =>
        logger.Log(level, default, line, null, static (text, _) => text);
}
