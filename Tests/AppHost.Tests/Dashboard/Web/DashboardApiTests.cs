using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using WebSocketAspire.AppHost.Dashboard;
using WebSocketAspire.AppHost.Dashboard.Telemetry;
using WebSocketAspire.Tests.AppHost.Dashboard.Support;
using static WebSocketAspire.Tests.AppHost.Dashboard.Support.Spans;

namespace WebSocketAspire.Tests.AppHost.Dashboard.Web;

public sealed class DashboardApiTests : IAsyncLifetime
{
    private readonly TelemetryRepository _repository = new(TimeProvider.System);
    private readonly FakeResourceSource _resources = new(
        new ResourceSnapshot("dynalite", "Container", "Running", 4242, 1, ["http://127.0.0.1:8000"]),
        new ResourceSnapshot("connect", "Function", "Starting", null, 0, []));
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private DashboardServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await DashboardHost.StartAsync(new DashboardOptions(), _repository, _resources, CancellationToken.None);
        _http.BaseAddress = _server.DashboardUrl;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public void All_endpoints_are_on_the_requested_address_with_distinct_ports()
    {
        Uri[] urls = [_server.DashboardUrl, _server.OtlpGrpcEndpoint, _server.OtlpHttpEndpoint];
        Assert.All(urls, u => Assert.Equal("127.0.0.1", u.Host));
        Assert.Equal(3, urls.Select(u => u.Port).Distinct().Count());
    }

    [Fact]
    public async Task The_page_and_its_assets_are_served_with_a_strict_content_security_policy()
    {
        using var page = await _http.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("app.js", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var script = await _http.GetAsync(new Uri("/app.js", UriKind.Relative));
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("innerHTML", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resources_come_from_the_resource_source()
    {
        using var json = await GetJson("/api/resources");
        var rows = json.RootElement.EnumerateArray().ToArray();
        Assert.Equal(2, rows.Length);
        Assert.Equal("dynalite", rows[0].GetProperty("name").GetString());
        Assert.Equal("Running", rows[0].GetProperty("state").GetString());
        Assert.Equal(4242, rows[0].GetProperty("processId").GetInt32());
        Assert.Equal(1, rows[0].GetProperty("restarts").GetInt32());
        Assert.Equal("http://127.0.0.1:8000", rows[0].GetProperty("endpoints")[0].GetString());
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("processId").ValueKind);
    }

    [Fact]
    public async Task Traces_list_filter_and_detail()
    {
        _repository.AddSpans([
            Span("aa01", "01", null, "frame", service: "gateway", durationMs: 40) with { Attributes = [new("apigw.route_key", "<script>")] },
            Span("aa01", "02", "01", "invoke", service: "sendmessage", startMs: 10, durationMs: 20, status: SpanStatus.Error),
            Span("bb02", "03", null, "connect", service: "gateway", startMs: 100),
        ]);

        using var all = await GetJson("/api/traces");
        Assert.Equal(["bb02", "aa01"], all.RootElement.EnumerateArray().Select(t => t.GetProperty("traceId").GetString()));
        var first = all.RootElement[1];
        Assert.Equal("frame", first.GetProperty("rootName").GetString());
        Assert.Equal(40, first.GetProperty("durationMs").GetDouble());
        Assert.Equal(2, first.GetProperty("spanCount").GetInt32());
        Assert.True(first.GetProperty("hasError").GetBoolean());

        using var filtered = await GetJson("/api/traces?service=sendmessage");
        Assert.Equal("aa01", Assert.Single(filtered.RootElement.EnumerateArray()).GetProperty("traceId").GetString());

        using var detail = await GetJson("/api/traces/AA01");
        var spans = detail.RootElement.GetProperty("spans");
        Assert.Equal("frame", spans[0].GetProperty("name").GetString());
        Assert.Equal("<script>", spans[0].GetProperty("attributes")[0].GetProperty("value").GetString());
        Assert.Equal("01", spans[1].GetProperty("parentSpanId").GetString());
        Assert.Equal(1, spans[1].GetProperty("depth").GetInt32());
        Assert.Equal(10, spans[1].GetProperty("offsetMs").GetDouble());
        Assert.Equal("Error", spans[1].GetProperty("status").GetString());

        using var missing = await _http.GetAsync(new Uri("/api/traces/ffff", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Logs_are_filtered_by_query_string()
    {
        _repository.AddLogs([
            Log("hello", LogSeverity.Information, "connect", "t1"),
            Log("careful", LogSeverity.Warning, "connect", "t2", 1),
            Log("broken", LogSeverity.Error, "authorizer", "t1", 2),
        ]);

        using var warnings = await GetJson("/api/logs?severity=warning&service=connect");
        Assert.Equal("careful", Assert.Single(warnings.RootElement.EnumerateArray()).GetProperty("body").GetString());

        using var byTrace = await GetJson("/api/logs?traceId=t1&contains=BRO");
        var row = Assert.Single(byTrace.RootElement.EnumerateArray());
        Assert.Equal("Error", row.GetProperty("severity").GetString());
        Assert.Equal("authorizer", row.GetProperty("service").GetString());

        using var limited = await GetJson("/api/logs?limit=1");
        Assert.Single(limited.RootElement.EnumerateArray());
    }

    [Fact]
    public async Task Console_lines_can_be_tailed_by_sequence()
    {
        _repository.AddConsoleLine("dynalite", "one");
        _repository.AddConsoleLine("orphan", "x");

        using var names = await GetJson("/api/console");
        Assert.Equal(["dynalite", "connect", "orphan"], names.RootElement.EnumerateArray().Select(e => e.GetString()));

        using var first = await GetJson("/api/console/dynalite");
        Assert.Equal("one", first.RootElement.GetProperty("lines")[0].GetProperty("text").GetString());
        var last = first.RootElement.GetProperty("lastSequence").GetInt64();

        _repository.AddConsoleLine("dynalite", "two");
        using var next = await GetJson($"/api/console/dynalite?after={last}");
        var lines = next.RootElement.GetProperty("lines");
        Assert.Equal(1, lines.GetArrayLength());
        Assert.Equal("two", lines[0].GetProperty("text").GetString());
        Assert.Equal(2, next.RootElement.GetProperty("lastSequence").GetInt64());
    }

    [Fact]
    public async Task The_otlp_http_endpoint_refuses_other_content_types_and_garbage_and_serves_no_ui()
    {
        using var otlp = new HttpClient { BaseAddress = _server.OtlpHttpEndpoint, Timeout = TimeSpan.FromSeconds(30) };

        using var json = await otlp.PostAsync(new Uri("v1/traces", UriKind.Relative), new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);

        using var garbage = new ByteArrayContent([0x0a, 0xff, 0xff, 0xff]);
        garbage.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        using var bad = await otlp.PostAsync(new Uri("v1/logs", UriKind.Relative), garbage);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        using var empty = new ByteArrayContent([]);
        empty.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        using var ok = await otlp.PostAsync(new Uri("v1/metrics", UriKind.Relative), empty);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("application/x-protobuf", ok.Content.Headers.ContentType?.MediaType);

        using var page = await otlp.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }

    [Fact]
    public async Task Bad_options_fail_at_start_naming_the_setting()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            DashboardHost.StartAsync(new DashboardOptions { OtlpHttpPort = 70_000 }, _repository, _resources, CancellationToken.None));
        Assert.Contains("OtlpHttpPort", error.Message, StringComparison.Ordinal);
    }

    private async Task<JsonDocument> GetJson(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
    }
}
