using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using WebSocketAspire.Infrastructure.Auth;
using WebSocketAspire.Infrastructure.Http;
using WebSocketAspire.Infrastructure.Template.Model;

namespace WebSocketAspire.Infrastructure.Hosting.Processes;

/// <summary>
/// The two DynamoDB calls the stack makes itself (<c>DescribeTable</c>, <c>CreateTable</c>), over
/// DynamoDB's JSON protocol and signed with SigV4. The AWS SDK did this before, but its first call in
/// a process costs about a second of CPU (measured: 0.9 s of a 3.2 s start, on the path to the
/// banner); these two requests cost milliseconds.
/// </summary>
internal sealed class DynamoDbTablesClient(HttpClient http, Uri endpoint, SigV4SigningCredentials credentials, string region, TimeProvider time)
{
    public const string Service = "dynamodb";
    private const string TargetPrefix = "DynamoDB_20120810.";
    private const string ContentType = "application/x-amz-json-1.0";
    /// <summary>A table's description is a few KB: a bigger answer is not DynamoDB's.</summary>
    public const int MaxResponseBytes = 1024 * 1024;

    /// <summary>The table's status (<c>CREATING</c>, <c>ACTIVE</c>, …); null when it does not exist.</summary>
    public async Task<string?> DescribeTableStatusAsync(string tableName, CancellationToken cancellationToken)
    {
        var request = new DescribeTableRequest(tableName);
        try
        {
            var response = await CallAsync("DescribeTable", request, DynamoDbJson.Default.DescribeTableRequest, DynamoDbJson.Default.DescribeTableResponse, cancellationToken);
            return response.Table?.TableStatus;
        }
        catch (DynamoDbException e) when (e.ErrorType == "ResourceNotFoundException")
        {
            return null;
        }
    }

    public Task CreateTableAsync(TableModel table, CancellationToken cancellationToken) =>
        CallAsync("CreateTable", ToRequest(table), DynamoDbJson.Default.CreateTableRequest, DynamoDbJson.Default.CreateTableResponse, cancellationToken);

    /// <summary>The request CreateTable gets for a template's table: on demand, as tables cost nothing locally.</summary>
    internal static CreateTableRequest ToRequest(TableModel table) => new(
        table.TableName,
        table.KeySchema,
        table.AttributeDefinitions,
        "PAY_PER_REQUEST",
        table.GlobalSecondaryIndexes.Count > 0 ? [.. table.GlobalSecondaryIndexes.Select(Index)] : null,
        table.LocalSecondaryIndexes.Count > 0 ? [.. table.LocalSecondaryIndexes.Select(Index)] : null);

    private static SecondaryIndex Index(SecondaryIndexModel index) => new(
        index.IndexName,
        index.KeySchema,
        new Projection(index.ProjectionType, index.NonKeyAttributes.Count > 0 ? index.NonKeyAttributes : null));

    private async Task<TResponse> CallAsync<TRequest, TResponse>(string operation, TRequest body,
        JsonTypeInfo<TRequest> requestInfo,
        JsonTypeInfo<TResponse> responseInfo,
        CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(body, requestInfo);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(payload) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(ContentType);
        request.Headers.TryAddWithoutValidation("X-Amz-Target", TargetPrefix + operation);
        SigV4RequestSigner.Sign(request, payload, credentials, region, Service, time.GetUtcNow());

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var text = await BoundedBody.ReadAsync(stream, MaxResponseBytes, cancellationToken) ?? throw TooLarge(operation);
        if (!response.IsSuccessStatusCode)
        {
            throw DynamoDbException.From(operation, (int)response.StatusCode, text);
        }
        try
        {
            return JsonSerializer.Deserialize(text.Span, responseInfo)
                ?? throw new DynamoDbException(operation, "InvalidResponse", $"{endpoint} answered {operation} with null.");
        }
        catch (JsonException e)
        {
            throw new DynamoDbException(operation, "InvalidResponse", $"{endpoint} answered {operation} with something other than DynamoDB's JSON: {e.Message}");
        }
    }

    private DynamoDbException TooLarge(string operation) =>
        new(operation, "InvalidResponse", $"{endpoint} answered {operation} with more than {MaxResponseBytes} bytes.");
}
