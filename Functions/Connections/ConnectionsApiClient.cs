using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using WebSocketAspire.Functions.Events;
using WebSocketAspire.Functions.Runtime;
using WebSocketAspire.Infrastructure.Auth;

namespace WebSocketAspire.Functions.Connections;

/// <summary>SigV4-signed HTTP client for <c>{endpoint}/@connections/{connectionId}</c>.</summary>
internal sealed class ConnectionsApiClient(HttpClient http, IEnvironmentVariables environment, TimeProvider time) : IConnectionsApi
{
    public const string ErrorTypeHeader = "x-amzn-ErrorType";
    /// <summary>The service @connections calls are signed for.</summary>
    private const string SigningService = "execute-api";

    public async Task PostToConnectionAsync(Uri endpoint, string connectionId, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, endpoint, connectionId, data, cancellationToken);
    }

    public async Task<ConnectionInfo> GetConnectionAsync(Uri endpoint, string connectionId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, endpoint, connectionId, null, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonSerializer.DeserializeAsync(body, FunctionsJsonContext.Default.ConnectionInfo, cancellationToken)
            ?? throw new ConnectionsApiException($"GetConnection for {connectionId} returned an empty body.");
    }

    public async Task DeleteConnectionAsync(Uri endpoint, string connectionId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Delete, endpoint, connectionId, null, cancellationToken);
    }

    /// <summary>
    /// <c>{endpoint}/@connections/{id}</c> with the id escaped (<c>=</c> → <c>%3D</c>); the endpoint may carry
    /// a stage path (<c>https://{domain}/{stage}</c>) which is kept.
    /// </summary>
    public static Uri ConnectionUri(Uri endpoint, string connectionId)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrEmpty(connectionId);
        return new Uri($"{endpoint.AbsoluteUri.TrimEnd('/')}/@connections/{Uri.EscapeDataString(connectionId)}");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri endpoint, string connectionId, ReadOnlyMemory<byte>? data, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, ConnectionUri(endpoint, connectionId));
        var body = data ?? ReadOnlyMemory<byte>.Empty;
        if (data is not null)
        {
            request.Content = new ReadOnlyMemoryContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        }
        SigV4RequestSigner.Sign(request, body.Span, AwsCredentials.FromEnvironment(environment), environment.GetRegion(), SigningService, time.GetUtcNow());

        var response = await http.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var errorType = ErrorType(response);
            var message = await ErrorMessageAsync(response, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Gone || errorType == GoneException.ErrorTypeName)
            {
                throw new GoneException(connectionId, $"Connection {connectionId} is gone: {message}");
            }
            throw new ConnectionsApiException(
                response.StatusCode,
                errorType,
                $"{method} @connections/{connectionId} failed with {(int)response.StatusCode} {errorType ?? response.ReasonPhrase}: {message}");
        }
    }

    // x-amzn-ErrorType may carry a suffix: "GoneException:http://internal.amazon.com/coral/...".
    private static string? ErrorType(HttpResponseMessage response) =>
        response.Headers.TryGetValues(ErrorTypeHeader, out var values) && values.FirstOrDefault() is { Length: > 0 } value
            ? value.Split(':')[0]
            : null;

    private static async Task<string> ErrorMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            return JsonSerializer.Deserialize(text, FunctionsJsonContext.Default.ConnectionsErrorBody)?.Message ?? text;
        }
        catch (JsonException)
        {
            return text;
        }
    }
}
