using System.Collections.Concurrent;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WebSocketAspire.Hosting;
using WebSocketAspire.Infrastructure.Hosting.Local;
using WebSocketAspire.Infrastructure.Hosting.Processes;
using WebSocketAspire.Infrastructure.Template;

namespace WebSocketAspire.Infrastructure.Hosting;

/// <summary>
/// Runs the app model's WebSocket stacks: starts each when Aspire initialises it, reports its parts'
/// state through <see cref="ResourceNotificationService"/> and their console lines through
/// <see cref="ResourceLoggerService"/>, and on shutdown runs every <c>$disconnect</c> before the
/// functions stop. It is a hosted service registered after Aspire's own, so it stops first.
/// </summary>
internal sealed partial class StackRunner(
    ResourceNotificationService notifications,
    ResourceLoggerService resourceLogs,
    IConfiguration configuration,
    DistributedApplicationModel model,
    TimeProvider time,
    ILogger<StackRunner> logger) : IHostedService, IDisposable, IAsyncDisposable
{
    /// <summary>How often the dashboard's view of a running stack is refreshed (connections, instances, restarts).</summary>
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);
    /// <summary>The whole of Ctrl+C: every $disconnect, then every process.</summary>
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(12);

    /// <summary>The name Aspire gives its dashboard resource.</summary>
    private const string DashboardResourceName = "aspire-dashboard";
    private const string DashboardOtlpEndpointName = "otlp-grpc";

    private readonly ConcurrentDictionary<WebSocketStackResource, Task> _runs = new();
    private readonly ConcurrentDictionary<WebSocketStackResource, TaskCompletionSource<bool>> _retries = new();
    /// <summary>The instance rows each function has shown in the dashboard (each stack's refresh loop owns its functions' sets).</summary>
    private readonly ConcurrentDictionary<LambdaFunctionResource, HashSet<string>> _shownInstances = new();

    /// <summary>Aspire adds its dashboard to the model unless the AppHost disabled it.</summary>
    private bool DashboardRuns => model.Resources.Any(r => r.Name == DashboardResourceName);
    private readonly CancellationTokenSource _stopping = new();

    public void Start(WebSocketStackResource stack) =>
        _runs.TryAdd(stack, Task.Run(() => RunReportedAsync(stack, _stopping.Token), CancellationToken.None));

    /// <summary>
    /// A fault of the run (a bug of ours) is said on the terminal and in the dashboard, and stops the
    /// stack's processes, instead of leaving a stack that never says it is running.
    /// </summary>
    private async Task RunReportedAsync(WebSocketStackResource stack, CancellationToken stopping)
    {
        try
        {
            await RunAsync(stack, stopping);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            Log.RunFailed(logger, stack.Name, e);
            if (stack.Running is { } local)
            {
                stack.Running = null;
                await local.StopAsync();
            }
            await PublishAllAsync(stack, StackSnapshots.Failed);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync();
        }
        await Task.WhenAll(_runs.Values).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>
    /// Stops every stack still running: Ctrl+C while Aspire is still starting (the stack serves before
    /// Aspire's dashboard is up) cancels the host's start, and a host whose start failed never calls
    /// <see cref="StopAsync"/>; disposing it must still run every <c>$disconnect</c> and end every process.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _stopping.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task RunAsync(WebSocketStackResource stack, CancellationToken stopping)
    {
        var console = ConsoleFor(stack);
        await PublishStartingAsync(stack);
        LocalStack local;
        while (true)
        {
            // What this attempt reads, so a fix saved while its errors are being reported is not missed.
            var attempted = TemplateWatcher.TryRead(stack.TemplatePath);
            if (!NodeTools.IsInstalled(NodeTools.DefaultDirectory))
            {
                // The first run on a machine installs dynalite with npm: the terminal says why the banner waits.
                Log.InstallingNodeTools(logger, stack.Name, NodeTools.DefaultDirectory);
            }
            if (stack.Options.NativeAot)
            {
                // A changed project compiles for about a minute: the terminal says why the banner waits.
                Log.PublishingNative(logger, stack.Name);
            }
            string retrying;
            try
            {
                local = await LocalStack.StartAsync(await LocalOptionsAsync(stack, stopping), console, stopping);
                break;
            }
            catch (TemplateErrorsException e)
            {
                await ReportTemplateErrorsAsync(stack, e.Diagnostics);
                retrying = "the template changed; starting the stack again";
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                await PublishFinishedAsync(stack);
                return;
            }
            catch (FunctionPublishException e)
            {
                // The function's code to fix: the stack waits for the dashboard's Reload (or a template edit) to publish it again.
                console.WriteError(LocalStack.TemplateResource, "the local stack could not start: " + e.Message);
                Log.StartFailed(logger, stack.Name, e.Message + "\n  Fix the code, then use the stack's Reload command in the dashboard (or save a change to the template).");
                await PublishAllAsync(stack, StackSnapshots.Failed);
                retrying = "starting the stack again";
            }
            catch (Exception e)
            {
                var message = e is IOException && e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase)
                    ? $"{e.Message} Choose free ports (--gateway-port, --lambda-port, --dynamodb-port; 0 picks any free port)."
                    : e.Message;
                console.WriteError(LocalStack.TemplateResource, "the local stack could not start: " + message);
                Log.StartFailed(logger, stack.Name, message);
                await PublishAllAsync(stack, StackSnapshots.Failed);
                return;
            }
            if (!await WaitForTemplateFixAsync(stack, attempted, stopping))
            {
                await PublishFinishedAsync(stack);
                return;
            }
            console.WriteLine(LocalStack.TemplateResource, retrying);
            await PublishStartingAsync(stack);
        }

        stack.Running = local;
        var startedAt = time.GetUtcNow().UtcDateTime;
        await PublishRunningAsync(stack, local, startedAt);
        StackBanner.Write(Console.Out, stack, local, DashboardRuns ? configuration : null);
        try
        {
            using var refresh = new PeriodicTimer(RefreshInterval, time);
            while (await refresh.WaitForNextTickAsync(stopping))
            {
                await PublishRunningAsync(stack, local, startedAt);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        Log.Stopping(logger, stack.Name, local.Connections.Count);
        await PublishAllAsync(stack, s => StackSnapshots.WithState(s, KnownResourceStates.Stopping, KnownResourceStateStyles.Info));
        var (closed, disconnected) = await local.StopAsync(ShutdownTimeout);
        stack.Running = null;
        // On the terminal, where Ctrl+C was typed: what the shutdown did for the open connections.
        Console.Out.WriteLine($"  {stack.Name}: closed {closed} connection(s), $disconnect ran for {disconnected}; every process of the stack stopped.");
        await PublishFinishedAsync(stack);
    }

    /// <summary>
    /// Waits until the template file changes or someone runs "Reload template"; false when the AppHost
    /// stops first. A stack that failed on its template starts as soon as the user fixes it.
    /// </summary>
    private async Task<bool> WaitForTemplateFixAsync(WebSocketStackResource stack, string? attempted, CancellationToken stopping)
    {
        var retry = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _retries[stack] = retry;
        using var watcher = new TemplateWatcher(stack.TemplatePath, _ => Task.FromResult(retry.TrySetResult(true)), time, attempted);
        await using var registration = stopping.Register(() => retry.TrySetResult(false));
        try
        {
            return await retry.Task;
        }
        finally
        {
            _retries.TryRemove(stack, out _);
        }
    }

    /// <summary>Asks a stack that failed on its template or a function's publish to try again; false if it is not waiting for a fix.</summary>
    public bool RetryStart(WebSocketStackResource stack) =>
        _retries.TryGetValue(stack, out var retry) && retry.TrySetResult(true);

    /// <summary>A template with errors: the stack fails to start, with every error in its console log and on the AppHost's stderr as <c>validate</c> prints them.</summary>
    private async Task ReportTemplateErrorsAsync(WebSocketStackResource stack, IReadOnlyList<TemplateDiagnostic> diagnostics)
    {
        var stackLog = resourceLogs.GetLogger(stack);
        var errors = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        foreach (var diagnostic in diagnostics)
        {
            ConsoleLine(stackLog, LogLevel.Error, diagnostic.ToString());
            Console.Error.WriteLine(diagnostic);
        }
        var summary = $"{stack.TemplatePath}: {errors} error(s), {diagnostics.Count - errors} warning(s)";
        ConsoleLine(stackLog, LogLevel.Error, summary);
        Console.Error.WriteLine(summary);
        await PublishAllAsync(stack, StackSnapshots.Failed);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "The WebSocket stack {Stack} could not start: {Reason}")]
        public static partial void StartFailed(ILogger logger, string stack, string reason);

        [LoggerMessage(2, LogLevel.Information, "Stopping {Stack}: closing {Connections} connection(s) with $disconnect, then every process")]
        public static partial void Stopping(ILogger logger, string stack, int connections);

        [LoggerMessage(4, LogLevel.Error, "{Stack} failed while running; its processes were stopped")]
        public static partial void RunFailed(ILogger logger, string stack, Exception exception);

        [LoggerMessage(5, LogLevel.Information, "{Stack}: first run on this machine: installing dynalite, wscat and the AWS SDK for JavaScript into {Directory} with npm ci (once; the output is in the store's console log)")]
        public static partial void InstallingNodeTools(ILogger logger, string stack, string directory);

        [LoggerMessage(3, LogLevel.Information, "{Stack}: --native-aot: its provided.* functions built from a .NET project are published before they start, about 2 s when unchanged and a minute when changed; the output is in the stack's console log")]
        public static partial void PublishingNative(ILogger logger, string stack);
    }
}
