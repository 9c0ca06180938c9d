using System.Diagnostics;
using WebSocketAspire.Infrastructure.Hosting.Processes;
using WebSocketAspire.Infrastructure.Template;

namespace WebSocketAspire.Infrastructure.Hosting.Local;

/// <summary>Applying an edited template to the running stack.</summary>
internal sealed partial class LocalStack
{
    public const string TemplateResource = "template";
    private readonly SemaphoreSlim _reloadGate = new(1, 1);
    private int _reloads;
    private int _rejectedReloads;

    /// <summary>How many edits were applied, and how many were refused because the template had errors.</summary>
    public int Reloads => Volatile.Read(ref _reloads);
    public int RejectedReloads => Volatile.Read(ref _rejectedReloads);

    /// <summary>The watcher's entry point: a failure is reported on the console, never thrown into a timer thread.</summary>
    private async Task<bool> ReloadOnEditAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await ReloadAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _console.WriteError(TemplateResource, $"applying the edit failed: {e.Message}");
            Interlocked.Increment(ref _rejectedReloads);
            return false;
        }
    }

    /// <summary>
    /// Reads the template again and applies it without dropping open connections: routes, templates,
    /// authorizer settings and stage variables switch at once; new tables are created; a new or
    /// changed function is (re)started; a removed one is stopped. An invalid template changes nothing
    /// and its errors are printed.
    /// </summary>
    public async Task<bool> ReloadAsync(CancellationToken cancellationToken)
    {
        await _reloadGate.WaitAsync(cancellationToken);
        try
        {
            if (Volatile.Read(ref _stopped) == 1)
            {
                return false;
            }
            var result = TemplateLoader.Load(_options.TemplatePath, Stack.Environment);
            if (result.HasErrors || result.Stack is not { } next)
            {
                _console.WriteError(TemplateResource, $"{_options.TemplatePath} has errors; the running stack is unchanged:");
                foreach (var diagnostic in result.Diagnostics)
                {
                    _console.WriteError(TemplateResource, "  " + diagnostic);
                }
                Interlocked.Increment(ref _rejectedReloads);
                return false;
            }

            Dictionary<string, ProcessStartInfo> binaries;
            try
            {
                binaries = ResolveBinaries(next, _options);
                await EnsureRuntimeToolsAsync(next, _options, _console, cancellationToken);
                await PublishNativeAsync(next, binaries, _options, _console, cancellationToken);
            }
            catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException or UnauthorizedAccessException)
            {
                _console.WriteError(TemplateResource, $"{e.Message} The running stack is unchanged.");
                Interlocked.Increment(ref _rejectedReloads);
                return false;
            }

            await EnsureTablesAsync(next, cancellationToken);
            foreach (var function in next.Functions.Values)
            {
                if (!_functions.TryGetValue(function.LogicalId, out var running))
                {
                    _console.WriteLine(TemplateResource, $"starting new function {function.LogicalId}");
                    StartFunction(next, function, binaries[function.LogicalId]);
                    continue;
                }
                Lambda.Find(function.LogicalId)!.Configure(function);
                var environment = FunctionEnvironment(next, function, _options, Credentials, DynamoDbEndpoint, LambdaPort);
                if (running.Fingerprint != FunctionResource.Describe(binaries[function.LogicalId], environment))
                {
                    await running.RestartAsync(binaries[function.LogicalId], environment);
                }
            }
            foreach (var removed in _functions.Keys.Where(id => !next.Functions.ContainsKey(id)).ToList())
            {
                _console.WriteLine(TemplateResource, $"stopping removed function {removed}");
                if (_functions.TryRemove(removed, out var resource))
                {
                    await resource.DisposeAsync();
                }
                Lambda.Remove(removed);
            }

            _gateway.Reload(NewGatewayContext(next, Connections));
            Stack = next;
            Interlocked.Increment(ref _reloads);
            foreach (var warning in result.Diagnostics)
            {
                _console.WriteLine(TemplateResource, warning.ToString());
            }
            _console.WriteLine(TemplateResource, $"reloaded: {next.Api.Routes.Count} routes, {next.Functions.Count} functions, {Connections.Count} open connection(s) kept");
            return true;
        }
        finally
        {
            _reloadGate.Release();
        }
    }
}
