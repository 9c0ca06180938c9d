using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using WebSocketAspire.Functions;
using WebSocketAspire.Functions.Runtime;
using WebSocketAspire.Tests.Functions.Fakes;

namespace WebSocketAspire.Tests.Functions.Runtime;

public sealed class LambdaBootstrapTests
{
    [Fact]
    public async Task An_unknown_handler_reports_an_init_error_and_exits_non_zero()
    {
        var runtime = new FakeRuntimeApiClient().Enqueue("req-1", "{}");
        var environment = new FakeEnvironmentVariables((LambdaBootstrap.HandlerVariable, "nope"));

        var exitCode = await Bootstrap(runtime, environment).RunAsync(CancellationToken.None);

        Assert.Equal(1, exitCode);
        var error = Assert.Single(runtime.InitErrors);
        Assert.Equal("Unknown handler 'nope' in _HANDLER; expected one of: authorizer, connect, disconnect, sendmessage.", error.ErrorMessage);
        Assert.Equal(["init-error"], runtime.Journal);
    }

    [Fact]
    public async Task A_handler_whose_settings_are_missing_reports_an_init_error_naming_the_setting()
    {
        var runtime = new FakeRuntimeApiClient().Enqueue("req-1", "{}");
        var environment = new FakeEnvironmentVariables((LambdaBootstrap.HandlerVariable, "connect"), ("AWS_REGION", "us-east-1"));

        var exitCode = await Bootstrap(runtime, environment).RunAsync(CancellationToken.None);

        Assert.Equal(1, exitCode);
        var error = Assert.Single(runtime.InitErrors);
        Assert.Equal("Runtime.InitError", error.ErrorType);
        Assert.Contains("TABLE_NAME", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_known_handler_runs_the_loop()
    {
        var runtime = new FakeRuntimeApiClient().Enqueue("req-1", """{"type":"REQUEST","methodArn":"arn","headers":{"Token":"hello"}}""");
        var environment = new FakeEnvironmentVariables((LambdaBootstrap.HandlerVariable, "authorizer"));

        await Bootstrap(runtime, environment).RunAsync(CancellationToken.None);

        Assert.Contains("\"principalId\":\"me\"", runtime.Responses["req-1"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_denied_connect_reports_exactly_Unauthorized()
    {
        var runtime = new FakeRuntimeApiClient().Enqueue("req-1", """{"type":"REQUEST","methodArn":"arn","headers":{"token":"nope"}}""");
        var environment = new FakeEnvironmentVariables((LambdaBootstrap.HandlerVariable, "authorizer"));

        await Bootstrap(runtime, environment).RunAsync(CancellationToken.None);

        Assert.Equal("Unauthorized", runtime.Errors["req-1"].ErrorMessage);
    }

    private static LambdaBootstrap Bootstrap(FakeRuntimeApiClient runtime, FakeEnvironmentVariables environment)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddFunctions()
            .AddSingleton<IEnvironmentVariables>(environment)
            .BuildServiceProvider();
        var loop = new RuntimeLoop(runtime, environment, new JournalTelemetryFlusher([]), TimeProvider.System, NullLogger<RuntimeLoop>.Instance);
        return new LambdaBootstrap(runtime, loop, environment, services, NullLogger<LambdaBootstrap>.Instance);
    }
}
