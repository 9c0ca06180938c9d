using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using WebSocketAspire.Infrastructure.Auth;
using WebSocketAspire.Infrastructure.Http;

namespace WebSocketAspire.Infrastructure.Lambda;

/// <summary>
/// The AWS Lambda API (2015-03-31) for the template's functions: Invoke, GetFunction,
/// GetFunctionConfiguration and ListFunctions, SigV4-verified with the stack's credentials, so
/// <c>aws lambda invoke</c> and the SDKs' Lambda clients work through <c>AWS_ENDPOINT_URL_LAMBDA</c>.
/// Translation only: invocations go through <see cref="LambdaService"/> like the gateway's.
/// </summary>
internal static partial class LambdaApiEndpoints
{
    /// <summary>Lambda's payload limit for a synchronous invocation (6 MB).</summary>
    public const int MaxSyncPayloadBytes = 6 * 1024 * 1024;

    /// <summary>Lambda's payload limit for an asynchronous (Event) invocation (256 KB).</summary>
    public const int MaxAsyncPayloadBytes = 256 * 1024;

    private const string Prefix = "/2015-03-31/functions";

    /// <summary>How long a log tail waits for the instance to finish writing (an instance that died never asks again).</summary>
    private static readonly TimeSpan LogSettleDeadline = TimeSpan.FromSeconds(2);

    public static IEndpointRouteBuilder MapLambdaApi(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapPost(Prefix + "/{name}/invocations", InvokeAsync);
        routes.MapGet(Prefix + "/", ListAsync);
        routes.MapGet(Prefix + "/{name}", GetAsync);
        routes.MapGet(Prefix + "/{name}/configuration", GetConfigurationAsync);
        return routes;
    }

    private static async Task InvokeAsync(HttpContext context, string name, LambdaService lambda, InvocationLogTail logs, SigV4Verifier verifier, ILoggerFactory loggers)
    {
        var headers = Headers(context);
        if (verifier.VerifyHeaders(headers) is { IsValid: false } refused)
        {
            await RefuseAsync(context, refused);
            return;
        }
        var type = context.Request.Headers["X-Amz-Invocation-Type"].ToString() is { Length: > 0 } t ? t : "RequestResponse";
        if (type is not ("RequestResponse" or "Event" or "DryRun"))
        {
            await ErrorAsync(context, 400, "InvalidParameterValueException", $"1 validation error detected: Value '{type}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]");
            return;
        }
        var limit = type == "Event" ? MaxAsyncPayloadBytes : MaxSyncPayloadBytes;
        var body = context.Request.ContentLength > limit ? null : await BoundedBody.ReadAsync(context.Request.Body, limit, context.RequestAborted);
        if (body is not { } payload)
        {
            await ErrorAsync(context, 413, "RequestTooLargeException",
                $"Request must be smaller than {limit} bytes for the {(type == "Event" ? "InvokeAsync" : "InvokeFunction")} operation");
            return;
        }
        if (Verify(context, verifier, headers, payload) is { } failed)
        {
            await RefuseAsync(context, failed);
            return;
        }
        if (lambda.Resolve(Uri.UnescapeDataString(name)) is not { } function || !QualifierIsLatest(context))
        {
            await NotFoundAsync(context, lambda, name);
            return;
        }
        if (payload.Length > 0 && !IsJson(payload.Span))
        {
            await ErrorAsync(context, 400, "InvalidRequestContentException", "Could not parse request body into json: the payload is not valid JSON");
            return;
        }
        var input = payload.Length > 0 ? payload.ToArray() : "{}"u8.ToArray();
        context.Response.Headers["X-Amz-Executed-Version"] = "$LATEST";
        switch (type)
        {
            case "DryRun":
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            case "Event":
                // Lambda queues it and answers at once; the result goes nowhere (no destinations or retries here).
                var logger = loggers.CreateLogger("lambda");
                _ = Task.Run(async () =>
                {
                    var result = await lambda.InvokeAsync(function.FunctionId, input, null, CancellationToken.None);
                    if (result.IsError)
                    {
                        Log.EventFailed(logger, function.FunctionName, result.RequestId, result.ErrorType!, result.ErrorMessage ?? "");
                    }
                });
                context.Response.StatusCode = StatusCodes.Status202Accepted;
                return;
        }

        var requestId = Guid.NewGuid().ToString();
        var tail = string.Equals(context.Request.Headers["X-Amz-Log-Type"], "Tail", StringComparison.Ordinal);
        using var capture = tail ? logs.Capture(requestId) : null;
        var started = Stopwatch.GetTimestamp();
        var answer = await lambda.InvokeAsync(function.FunctionId, input, null, context.RequestAborted, requestId);
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        if (tail)
        {
            // The instance's last lines for it may still be on their way (a logger's queue, the pipe):
            // they are out once it asks for its next invocation.
            var duration = Stopwatch.GetElapsedTime(started);
            await answer.Released.WaitAsync(LogSettleDeadline, TimeProvider.System, context.RequestAborted).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            context.Response.Headers["X-Amz-Log-Result"] = logs.Tail(requestId, duration, function.Configuration?.MemorySize ?? 128);
        }
        if (answer.IsError)
        {
            // Lambda marks every function error (thrown, timed out, failed to start) as Unhandled.
            context.Response.Headers["X-Amz-Function-Error"] = "Unhandled";
        }
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(answer.Payload, context.RequestAborted);
    }

    private static async Task ListAsync(HttpContext context, LambdaService lambda, SigV4Verifier verifier)
    {
        if (Verify(context, verifier, Headers(context), ReadOnlyMemory<byte>.Empty) is { } failed)
        {
            await RefuseAsync(context, failed);
            return;
        }
        var functions = lambda.Functions
            .Where(f => f.Configuration is not null)
            .OrderBy(f => f.FunctionName, StringComparer.Ordinal)
            .Select(f => FunctionConfiguration.From(f.Configuration!, f.ConfiguredAt))
            .ToList();
        await WriteAsync(context, new ListFunctionsResponse(functions, null), LambdaApiJsonContext.Default.ListFunctionsResponse);
    }

    private static async Task GetAsync(HttpContext context, string name, LambdaService lambda, SigV4Verifier verifier)
    {
        if (await FindAsync(context, name, lambda, verifier) is not { Configuration: { } model } function)
        {
            return;
        }
        var location = model.CodeUri is { } code ? new Uri(code).AbsoluteUri : "";
        await WriteAsync(context, new GetFunctionResponse(FunctionConfiguration.From(model, function.ConfiguredAt), new FunctionCodeLocation("Local", location)),
            LambdaApiJsonContext.Default.GetFunctionResponse);
    }

    private static async Task GetConfigurationAsync(HttpContext context, string name, LambdaService lambda, SigV4Verifier verifier)
    {
        if (await FindAsync(context, name, lambda, verifier) is { Configuration: { } model } function)
        {
            await WriteAsync(context, FunctionConfiguration.From(model, function.ConfiguredAt), LambdaApiJsonContext.Default.FunctionConfiguration);
        }
    }

    private static async Task<FunctionEndpoint?> FindAsync(HttpContext context, string name, LambdaService lambda, SigV4Verifier verifier)
    {
        if (Verify(context, verifier, Headers(context), ReadOnlyMemory<byte>.Empty) is { } failed)
        {
            await RefuseAsync(context, failed);
            return null;
        }
        if (lambda.Resolve(Uri.UnescapeDataString(name)) is not { Configuration: not null } function || !QualifierIsLatest(context))
        {
            await NotFoundAsync(context, lambda, name);
            return null;
        }
        return function;
    }

    /// <summary>Null when the signature holds; otherwise why not.</summary>
    private static SigV4VerificationResult? Verify(HttpContext context, SigV4Verifier verifier, List<KeyValuePair<string, IEnumerable<string>>> headers, ReadOnlyMemory<byte> body) =>
        verifier.Verify(SignedRequests.Read(context, headers, body)) is { IsValid: false } refused ? refused : null;

    private static List<KeyValuePair<string, IEnumerable<string>>> Headers(HttpContext context) => SignedRequests.Headers(context);

    /// <summary>Only <c>$LATEST</c> exists locally: versions and aliases are not published.</summary>
    private static bool QualifierIsLatest(HttpContext context) =>
        context.Request.Query["Qualifier"].ToString() is "" or "$LATEST";

    private static bool IsJson(ReadOnlySpan<byte> payload)
    {
        try
        {
            var reader = new Utf8JsonReader(payload);
            while (reader.Read())
            {
            }
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static Task NotFoundAsync(HttpContext context, LambdaService lambda, string name)
    {
        var decoded = Uri.UnescapeDataString(name);
        var arn = decoded.StartsWith("arn:", StringComparison.Ordinal) ? decoded
            : lambda.Functions.FirstOrDefault()?.Arn is { } sample ? sample[..(sample.LastIndexOf(':') + 1)] + decoded : decoded;
        return ErrorAsync(context, 404, "ResourceNotFoundException", $"Function not found: {arn}");
    }

    private static Task RefuseAsync(HttpContext context, SigV4VerificationResult refused) =>
        ErrorAsync(context, 403, refused.ErrorType ?? "UnrecognizedClientException", refused.Message ?? "Forbidden");

    private static async Task ErrorAsync(HttpContext context, int status, string type, string message)
    {
        context.Response.StatusCode = status;
        context.Response.Headers["x-amzn-ErrorType"] = type;
        await WriteAsync(context, new LambdaApiError("User", message), LambdaApiJsonContext.Default.LambdaApiError);
    }

    private static async Task WriteAsync<T>(HttpContext context, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, value, type, context.RequestAborted);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "{Function} asynchronous invocation {RequestId} failed: {ErrorType}: {Message}")]
        public static partial void EventFailed(ILogger logger, string function, string requestId, string errorType, string message);
    }
}
