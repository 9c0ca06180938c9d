using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using WebSocketAspire.Infrastructure.Auth;
using WebSocketAspire.Infrastructure.Hosting.Processes;
using WebSocketAspire.Infrastructure.Template.Model;
using WebSocketAspire.Tests.Infrastructure.Auth;

namespace WebSocketAspire.Tests.Infrastructure.Hosting;

public sealed class DynamoDbTablesClientTests
{
    private const string AccessKeyId = "AKIALOCAL";
    private const string Secret = "local-secret";
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 4, 0, 0, TimeSpan.Zero);
    private static readonly Uri Endpoint = new("http://127.0.0.1:8000/");

    [Fact]
    public async Task DescribeTable_is_a_signed_JSON_protocol_call_that_DynamoDB_would_accept()
    {
        var handler = new ScriptedHandler((HttpStatusCode.OK, """{"Table":{"TableName":"connections","TableStatus":"ACTIVE","ItemCount":3}}"""));

        var status = await Client(handler).DescribeTableStatusAsync("connections", CancellationToken.None);

        Assert.Equal("ACTIVE", status);
        var sent = Assert.Single(handler.Requests);
        Assert.Equal("DynamoDB_20120810.DescribeTable", sent.Header("X-Amz-Target"));
        Assert.Equal("application/x-amz-json-1.0", sent.Header("Content-Type"));
        Assert.Equal("connections", JsonNode.Parse(sent.Body)!["TableName"]!.GetValue<string>());
        var verified = new SigV4Verifier(key => key == AccessKeyId ? new SigV4Credential(Secret) : null, new FixedTimeProvider(Now), service: "dynamodb", region: "eu-west-1")
            .Verify(new SigV4Request("POST", "/", null, sent.Headers, sent.Body));
        Assert.True(verified.IsValid, verified.Message);
    }

    [Fact]
    public async Task A_missing_table_reads_as_null_not_as_an_error()
    {
        var handler = new ScriptedHandler((HttpStatusCode.BadRequest,
            """{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"Requested resource not found: Table: connections not found"}"""));

        Assert.Null(await Client(handler).DescribeTableStatusAsync("connections", CancellationToken.None));
    }

    [Fact]
    public async Task Any_other_error_names_the_operation_DynamoDBs_type_and_message()
    {
        var handler = new ScriptedHandler((HttpStatusCode.BadRequest,
            """{"__type":"com.amazon.coral.validate#ValidationException","Message":"1 validation error detected"}"""));

        var error = await Assert.ThrowsAsync<DynamoDbException>(() => Client(handler).CreateTableAsync(Table(), CancellationToken.None));

        Assert.Equal("ValidationException", error.ErrorType);
        Assert.Equal("DynamoDB CreateTable: ValidationException: 1 validation error detected", error.Message);
    }

    [Fact]
    public async Task An_answer_that_is_not_DynamoDBs_is_quoted()
    {
        var handler = new ScriptedHandler((HttpStatusCode.BadGateway, "<html>proxy error</html>"));

        var error = await Assert.ThrowsAsync<DynamoDbException>(() => Client(handler).DescribeTableStatusAsync("t", CancellationToken.None));

        Assert.Equal("DynamoDB DescribeTable: HTTP 502: <html>proxy error</html>", error.Message);
    }

    [Fact]
    public async Task An_oversized_answer_is_refused_before_it_is_buffered()
    {
        var handler = new ScriptedHandler((HttpStatusCode.OK, new string('x', DynamoDbTablesClient.MaxResponseBytes + 1)));

        var error = await Assert.ThrowsAsync<DynamoDbException>(() => Client(handler).DescribeTableStatusAsync("t", CancellationToken.None));

        Assert.Contains("more than 1048576 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateTable_sends_the_templates_keys_and_indexes_on_demand()
    {
        var handler = new ScriptedHandler((HttpStatusCode.OK, """{"TableDescription":{"TableName":"connections","TableStatus":"CREATING"}}"""));

        await Client(handler).CreateTableAsync(Table(), CancellationToken.None);

        var sent = Assert.Single(handler.Requests);
        Assert.Equal("DynamoDB_20120810.CreateTable", sent.Header("X-Amz-Target"));
        var expected = JsonNode.Parse("""
            {
              "TableName": "connections",
              "KeySchema": [{"AttributeName": "connectionId", "KeyType": "HASH"}],
              "AttributeDefinitions": [{"AttributeName": "connectionId", "AttributeType": "S"}, {"AttributeName": "room", "AttributeType": "S"}],
              "BillingMode": "PAY_PER_REQUEST",
              "GlobalSecondaryIndexes": [{
                "IndexName": "byRoom",
                "KeySchema": [{"AttributeName": "room", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["joinedAt"]}
              }]
            }
            """);
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(sent.Body)), Encoding.UTF8.GetString(sent.Body));
    }

    [Fact]
    public async Task EnsureTables_creates_a_missing_table_and_waits_until_it_is_active()
    {
        var handler = new ScriptedHandler(
            (HttpStatusCode.BadRequest, """{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"not found"}"""),
            (HttpStatusCode.OK, """{"TableDescription":{"TableStatus":"CREATING"}}"""),
            (HttpStatusCode.OK, """{"Table":{"TableStatus":"CREATING"}}"""),
            (HttpStatusCode.OK, """{"Table":{"TableStatus":"ACTIVE"}}"""));

        var created = await TableProvisioner.EnsureTablesAsync(Client(handler), [Table()], TimeProvider.System, CancellationToken.None);

        Assert.Equal(["connections"], created);
        Assert.Equal(
            ["DescribeTable", "CreateTable", "DescribeTable", "DescribeTable"],
            handler.Requests.Select(r => r.Header("X-Amz-Target")!["DynamoDB_20120810.".Length..]));
    }

    [Fact]
    public async Task EnsureTables_keeps_a_table_that_exists()
    {
        var handler = new ScriptedHandler((HttpStatusCode.OK, """{"Table":{"TableStatus":"ACTIVE"}}"""));

        var created = await TableProvisioner.EnsureTablesAsync(Client(handler), [Table()], TimeProvider.System, CancellationToken.None);

        Assert.Empty(created);
        Assert.Single(handler.Requests);
    }

    private static DynamoDbTablesClient Client(ScriptedHandler handler) =>
        new(new HttpClient(handler), Endpoint, new SigV4SigningCredentials(AccessKeyId, Secret), "eu-west-1", new FixedTimeProvider(Now));

    private static TableModel Table() => new()
    {
        LogicalId = "ConnectionsTable",
        TableName = "connections",
        KeySchema = [new KeySchemaElement("connectionId", "HASH")],
        AttributeDefinitions = [new AttributeDefinition("connectionId", "S"), new AttributeDefinition("room", "S")],
        GlobalSecondaryIndexes = [new SecondaryIndexModel
        {
            IndexName = "byRoom",
            KeySchema = [new KeySchemaElement("room", "HASH")],
            ProjectionType = "INCLUDE",
            NonKeyAttributes = ["joinedAt"],
        }],
        BillingMode = "PROVISIONED",
    };

    private sealed record SentRequest(List<KeyValuePair<string, IEnumerable<string>>> Headers, byte[] Body)
    {
        public string? Header(string name) =>
            Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).SelectMany(h => h.Value).FirstOrDefault();
    }

    /// <summary>Answers each request with the next scripted status and body, and keeps what was sent.</summary>
    private sealed class ScriptedHandler(params (HttpStatusCode Status, string Body)[] answers) : HttpMessageHandler
    {
        private int _next;

        public List<SentRequest> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()).ToList();
            Requests.Add(new SentRequest(headers, body));
            var (status, text) = answers[Math.Min(_next++, answers.Length - 1)];
            return new HttpResponseMessage(status) { Content = new StringContent(text, Encoding.UTF8, "application/x-amz-json-1.0") };
        }
    }
}
