using WebSocketAspire.AppHost.Dashboard.Telemetry;
using static WebSocketAspire.Tests.AppHost.Dashboard.Support.Spans;

namespace WebSocketAspire.Tests.AppHost.Dashboard.Telemetry;

public sealed class LogQueryTests
{
    private readonly TelemetryRepository _repository = new(TimeProvider.System);

    public LogQueryTests()
    {
        _repository.AddLogs([
            Log("connected c1", LogSeverity.Information, "connect", "trace-1", 0, new TelemetryAttribute("ConnectionId", "c1")),
            Log("token rejected", LogSeverity.Warning, "authorizer", "trace-2", 1),
            Log("dynamo failed", LogSeverity.Error, "connect", "trace-1", 2),
            Log("verbose detail", LogSeverity.Debug, "connect", null, 3),
        ]);
    }

    [Fact]
    public void Without_filters_all_records_come_newest_first()
        => Assert.Equal(["verbose detail", "dynamo failed", "token rejected", "connected c1"], Bodies(new LogQuery()));

    [Fact]
    public void Service_filter() => Assert.Equal(["token rejected"], Bodies(new LogQuery { Service = "authorizer" }));

    [Fact]
    public void Minimum_severity_filter()
        => Assert.Equal(["dynamo failed", "token rejected"], Bodies(new LogQuery { MinimumSeverity = LogSeverity.Warning }));

    [Fact]
    public void Text_filter_searches_body_and_attribute_values_ignoring_case()
    {
        Assert.Equal(["dynamo failed"], Bodies(new LogQuery { Contains = "DYNAMO" }));
        Assert.Equal(["connected c1"], Bodies(new LogQuery { Contains = "c1" }));
    }

    [Fact]
    public void Trace_filter() => Assert.Equal(["dynamo failed", "connected c1"], Bodies(new LogQuery { TraceId = "trace-1" }));

    [Fact]
    public void Filters_combine_and_limit_applies_last()
    {
        Assert.Equal(["dynamo failed"], Bodies(new LogQuery { Service = "connect", MinimumSeverity = LogSeverity.Information, Limit = 1 }));
    }

    [Fact]
    public void The_log_ring_keeps_only_the_newest_records()
    {
        var repository = new TelemetryRepository(TimeProvider.System, new TelemetryLimits { MaxLogRecords = 2 });
        repository.AddLogs([Log("1"), Log("2"), Log("3")]);

        Assert.Equal(2, repository.LogCount);
        Assert.Equal(["3", "2"], repository.Logs(new LogQuery()).Select(l => l.Body));
    }

    [Theory]
    [InlineData("warning", 13)]
    [InlineData("Warn", 13)]
    [InlineData("18", 17)]
    [InlineData("critical", 21)]
    [InlineData("", 0)]
    [InlineData("nonsense", 0)]
    public void Severity_filter_values_parse(string text, int expected) => Assert.Equal((LogSeverity)expected, LogSeverities.Parse(text));

    private string[] Bodies(LogQuery query) => [.. _repository.Logs(query).Select(l => l.Body)];
}
