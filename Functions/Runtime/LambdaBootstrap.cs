using Microsoft.Extensions.Logging;
using WebSocketAspire.Functions.Handlers;

namespace WebSocketAspire.Functions.Runtime;

/// <summary>Initialisation: picks the handler named by <c>_HANDLER</c>, reports init errors, then runs the loop.</summary>
internal sealed partial class LambdaBootstrap(
    IRuntimeApiClient runtime,
    RuntimeLoop loop,
    IEnvironmentVariables environment,
    IServiceProvider services,
    ILogger<LambdaBootstrap> logger)
{
    public const string HandlerVariable = "_HANDLER";

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var name = environment.Get(HandlerVariable);
        IFunctionHandler? handler;
        try
        {
            handler = HandlerCatalog.Create(name, services);
        }
#pragma warning disable CA1031 // Any failure while building the handler is an init error reported to Lambda.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.InitFailed(logger, name, ex);
            return await ReportInitErrorAsync(RuntimeError.FromException(ex) with { ErrorType = "Runtime.InitError" }, cancellationToken);
        }

        if (handler is null)
        {
            var message = $"Unknown handler '{name}' in {HandlerVariable}; expected one of: {string.Join(", ", HandlerCatalog.Names)}.";
            Log.UnknownHandler(logger, name);
            return await ReportInitErrorAsync(new RuntimeError(message, "Runtime.HandlerNotFound", []), cancellationToken);
        }

        Log.Started(logger, handler.Name);
        return await loop.RunAsync(handler, cancellationToken);
    }

    private async Task<int> ReportInitErrorAsync(RuntimeError error, CancellationToken cancellationToken)
    {
        try
        {
            await runtime.PostInitErrorAsync(error, cancellationToken);
        }
        catch (Exception ex) when (ex is RuntimeApiException or HttpRequestException)
        {
            Log.InitErrorNotReported(logger, ex);
        }
        return 1;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Runtime started with handler {Handler}")]
        public static partial void Started(ILogger logger, string handler);

        [LoggerMessage(2, LogLevel.Critical, "Unknown handler {Handler}")]
        public static partial void UnknownHandler(ILogger logger, string? handler);

        [LoggerMessage(3, LogLevel.Critical, "Initialising handler {Handler} failed")]
        public static partial void InitFailed(ILogger logger, string? handler, Exception exception);

        [LoggerMessage(4, LogLevel.Error, "Reporting the init error to the Runtime API failed")]
        public static partial void InitErrorNotReported(ILogger logger, Exception exception);
    }
}
