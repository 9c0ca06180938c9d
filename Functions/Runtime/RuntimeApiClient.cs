using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using OpenTelemetry;
using WebSocketAspire.Functions.Events;

namespace WebSocketAspire.Functions.Runtime;

/// <summary>HTTP client for the Lambda Runtime API at <c>http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01</c>.</summary>
internal sealed class RuntimeApiClient : IRuntimeApiClient
{
    public const string ErrorContentType = "application/vnd.aws.lambda.error+json";
    public const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";

    private readonly HttpClient _http;
    private readonly Uri _baseUri;

    public RuntimeApiClient(HttpClient http, string runtimeApi)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
        _baseUri = BaseUri(runtimeApi);
    }

    /// <summary>
    /// The API root. <c>AWS_LAMBDA_RUNTIME_API</c> is <c>host:port</c> in AWS; the local Lambda service adds a
    /// function prefix (<c>127.0.0.1:9001/ConnectFunction</c>), which is kept in front of the version segment.
    /// </summary>
    public static Uri BaseUri(string runtimeApi)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runtimeApi);
        return new Uri($"http://{runtimeApi.Trim().TrimEnd('/')}/2018-06-01/");
    }

    public async Task<RuntimeInvocation> GetNextInvocationAsync(CancellationToken cancellationToken)
    {
        // Runtime API traffic is plumbing, not part of any request's trace.
        using var suppress = SuppressInstrumentationScope.Begin();
        using var response = await _http.GetAsync(new Uri(_baseUri, "runtime/invocation/next"), HttpCompletionOption.ResponseContentRead, cancellationToken);
        var payload = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new RuntimeApiException("next", response.StatusCode, System.Text.Encoding.UTF8.GetString(payload));
        }

        var requestId = Header(response, "Lambda-Runtime-Aws-Request-Id")
            ?? throw new RuntimeApiException("The next invocation has no Lambda-Runtime-Aws-Request-Id header.");
        var deadline = long.TryParse(Header(response, "Lambda-Runtime-Deadline-Ms"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) ? ms : (long?)null;
        return new RuntimeInvocation(
            requestId,
            deadline,
            Header(response, "Lambda-Runtime-Invoked-Function-Arn"),
            Header(response, "Lambda-Runtime-Trace-Id"),
            payload);
    }

    public Task PostResponseAsync(string requestId, ReadOnlyMemory<byte> response, CancellationToken cancellationToken)
    {
        var content = new ReadOnlyMemoryContent(response);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return PostAsync($"runtime/invocation/{Uri.EscapeDataString(requestId)}/response", content, "response", cancellationToken);
    }

    public Task PostErrorAsync(string requestId, RuntimeError error, CancellationToken cancellationToken) =>
        PostAsync($"runtime/invocation/{Uri.EscapeDataString(requestId)}/error", ErrorContent(error), "error", cancellationToken, error.ErrorType);

    public Task PostInitErrorAsync(RuntimeError error, CancellationToken cancellationToken) =>
        PostAsync("runtime/init/error", ErrorContent(error), "init/error", cancellationToken, error.ErrorType);

    private async Task PostAsync(string relative, HttpContent content, string operation, CancellationToken cancellationToken, string? errorType = null)
    {
        using var suppress = SuppressInstrumentationScope.Begin();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_baseUri, relative)) { Content = content };
        if (errorType is not null)
        {
            request.Headers.TryAddWithoutValidation(ErrorTypeHeader, errorType);
        }
        using var response = await _http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new RuntimeApiException(operation, response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
        }
    }

    private static ByteArrayContent ErrorContent(RuntimeError error)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(error, FunctionsJsonContext.Default.RuntimeError));
        content.Headers.ContentType = new MediaTypeHeaderValue(ErrorContentType);
        return content;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
