using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace WebSocketAspire.Infrastructure.Lambda;

/// <summary>
/// The Lambda Runtime API (2018-06-01) over HTTP, one path prefix per function so that
/// <c>AWS_LAMBDA_RUNTIME_API=127.0.0.1:{port}/{function}</c> addresses it. Translation only:
/// the queueing lives in <see cref="FunctionEndpoint"/>.
/// </summary>
internal static partial class RuntimeApiEndpoints
{
    private const string Prefix = "/{function}/2018-06-01/runtime";

    public static IEndpointRouteBuilder MapLambdaRuntimeApi(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapGet(Prefix + "/invocation/next", NextAsync);
        routes.MapPost(Prefix + "/invocation/{requestId}/response", ResponseAsync);
        routes.MapPost(Prefix + "/invocation/{requestId}/error", ErrorAsync);
        routes.MapPost(Prefix + "/init/error", InitErrorAsync);
        return routes;
    }

    private static async Task NextAsync(HttpContext context, string function, LambdaService lambda, ILoggerFactory loggers)
    {
        if (await AdmitAsync(context, function, lambda, loggers) is not { } endpoint)
        {
            return;
        }
        Invocation invocation;
        try
        {
            invocation = await endpoint.NextAsync(InstanceId(function), context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return; // the runtime went away while waiting
        }
        if (context.RequestAborted.IsCancellationRequested)
        {
            // Taken just as the runtime went away: give it to the next instance instead of losing it.
            endpoint.Requeue(invocation);
            return;
        }
        var headers = context.Response.Headers;
        headers["Lambda-Runtime-Aws-Request-Id"] = invocation.RequestId;
        headers["Lambda-Runtime-Deadline-Ms"] = invocation.Deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        headers["Lambda-Runtime-Invoked-Function-Arn"] = endpoint.Arn;
        if (invocation.TraceHeader is { } trace)
        {
            headers["Lambda-Runtime-Trace-Id"] = trace;
        }
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(invocation.Payload, context.RequestAborted);
    }

    private static async Task ResponseAsync(HttpContext context, string function, string requestId, LambdaService lambda, ILoggerFactory loggers)
    {
        if (await AdmitAsync(context, function, lambda, loggers) is not { } endpoint)
        {
            return;
        }
        var body = await ReadBodyAsync(context);
        await CompleteAsync(context, endpoint, function, requestId, body, errorType: null);
    }

    private static async Task ErrorAsync(HttpContext context, string function, string requestId, LambdaService lambda, ILoggerFactory loggers)
    {
        if (await AdmitAsync(context, function, lambda, loggers) is not { } endpoint)
        {
            return;
        }
        var body = await ReadBodyAsync(context);
        var errorType = ErrorType(context);
        await CompleteAsync(context, endpoint, function, requestId, NormaliseError(body, errorType), errorType);
    }

    private static async Task InitErrorAsync(HttpContext context, string function, LambdaService lambda, ILoggerFactory loggers)
    {
        if (await AdmitAsync(context, function, lambda, loggers) is not { } endpoint)
        {
            return;
        }
        var body = await ReadBodyAsync(context);
        var errorType = ErrorType(context);
        var payload = NormaliseError(body, errorType);
        Log.InitError(loggers.CreateLogger(typeof(RuntimeApiEndpoints)), function, LambdaError.ReadMessage(payload) ?? errorType);
        endpoint.FailInit(payload, errorType);
        await WriteStatusAsync(context, StatusCodes.Status202Accepted, null, "OK");
    }

    /// <summary>
    /// The function's endpoint if the path names a started instance with its token; otherwise answers
    /// 404 (unknown function) or 403 and logs it. On AWS only the sandbox reaches its Runtime API; here
    /// any local process could, so the token stands in for that isolation.
    /// </summary>
    private static async Task<FunctionEndpoint?> AdmitAsync(HttpContext context, string segment, LambdaService lambda, ILoggerFactory loggers)
    {
        if (lambda.Find(FunctionId(segment)) is not { } endpoint)
        {
            await WriteStatusAsync(context, StatusCodes.Status404NotFound, "ResourceNotFoundException", $"Function not found: {FunctionId(segment)}");
            return null;
        }
        if (!endpoint.Admits(InstanceId(segment), Token(segment)))
        {
            Log.Refused(loggers.CreateLogger(typeof(RuntimeApiEndpoints)), FunctionId(segment), context.Connection.RemoteIpAddress?.ToString() ?? "?", context.Request.Path);
            await WriteStatusAsync(context, StatusCodes.Status403Forbidden, "AccessDeniedException", "This Runtime API path does not belong to a started instance of the function.");
            return null;
        }
        return endpoint;
    }

    private static async Task CompleteAsync(HttpContext context, FunctionEndpoint endpoint, string segment, string requestId, byte[] payload, string? errorType)
    {
        var instance = InstanceId(segment);
        if (payload.Length > MaxResponseBytes)
        {
            var tooLarge = $"Response payload size ({payload.Length} bytes) exceeded maximum allowed payload size ({MaxResponseBytes} bytes).";
            endpoint.Complete(instance, requestId, LambdaError.Create("Function.ResponseSizeTooLarge", tooLarge), "Function.ResponseSizeTooLarge");
            await WriteStatusAsync(context, StatusCodes.Status413PayloadTooLarge, "RequestEntityTooLargeException", tooLarge);
            return;
        }
        if (!endpoint.Complete(instance, requestId, payload, errorType))
        {
            await WriteStatusAsync(context, StatusCodes.Status400BadRequest, "InvalidRequestID", $"Invalid request ID: {requestId}");
            return;
        }
        await WriteStatusAsync(context, StatusCodes.Status202Accepted, null, "OK");
    }

    /// <summary>
    /// The path segment is <c>{function}.{instance}.{token}</c>: each runtime process of a function gets
    /// its own prefix, so its invocations can be failed alone if it dies, and a secret only it knows.
    /// Logical ids are alphanumeric, so a dot cannot be part of one.
    /// </summary>
    internal static string FunctionId(string segment) => Part(segment, 0) ?? segment;

    internal static string InstanceId(string segment) => Part(segment, 1) ?? FunctionEndpoint.DefaultInstance;

    internal static string Token(string segment) => Part(segment, 2) ?? "";

    private static string? Part(string segment, int index)
    {
        var parts = segment.Split('.', 3);
        return index < parts.Length ? parts[index] : null;
    }

    /// <summary>The synchronous invocation response limit of Lambda (6 MB).</summary>
    internal const int MaxResponseBytes = 6 * 1024 * 1024;

    private static string ErrorType(HttpContext context)
    {
        var header = context.Request.Headers["Lambda-Runtime-Function-Error-Type"].ToString();
        return header.Length > 0 ? header : "Unhandled";
    }

    /// <summary>If the runtime sent no readable error body, Lambda builds one from the error-type header.</summary>
    private static byte[] NormaliseError(byte[] body, string errorType) =>
        LambdaError.ReadMessage(body) is not null ? body : LambdaError.Create(errorType, errorType);

    private static async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        return buffer.ToArray();
    }

    private static async Task WriteStatusAsync(HttpContext context, int status, string? errorType, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        if (errorType is null)
        {
            await context.Response.WriteAsJsonAsync(new StatusResponse(message), LambdaJsonContext.Default.StatusResponse);
        }
        else
        {
            await context.Response.WriteAsJsonAsync(new ErrorResponse(message, errorType), LambdaJsonContext.Default.ErrorResponse);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "{Function} failed to initialise: {Message}")]
        public static partial void InitError(ILogger logger, string function, string message);

        [LoggerMessage(2, LogLevel.Warning, "Refused a Runtime API request for {Function} from {Client} ({Path}): not a started instance of the function")]
        public static partial void Refused(ILogger logger, string function, string client, string path);
    }
}
