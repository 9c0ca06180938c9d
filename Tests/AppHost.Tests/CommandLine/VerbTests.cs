using System.Text.Json;
using WebSocketAspire.AppHost.CommandLine;
using WebSocketAspire.Tests.AppHost.Support;

namespace WebSocketAspire.Tests.AppHost.CommandLine;

/// <summary>The AppHost's <c>validate</c> and <c>render</c> verbs, run as processes.</summary>
public sealed class VerbTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "wsa-verbs-" + Guid.NewGuid().ToString("N"));

    public VerbTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public async Task Validate_accepts_the_stack_and_lists_its_warnings()
    {
        var (code, output, _) = await AppHostProcess.RunAsync("validate");
        Assert.Equal(0, code);
        Assert.Contains("template.yaml: valid", output, StringComparison.Ordinal);
        Assert.Contains("not emulated", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_names_file_line_and_resource_of_every_error_and_exits_1()
    {
        var path = Path.Combine(_folder, "broken.yaml");
        File.WriteAllText(path, File.ReadAllText(Path.Combine(RepositoryLayout.Root, "Infrastructure", "template.yaml"))
            .Replace("Target: !Sub integrations/${SendMessageIntegration}", "Target: !Sub integrations/${SendMessageIntegraton}", StringComparison.Ordinal));
        var line = File.ReadAllLines(path).ToList().FindIndex(l => l.Contains("SendMessageIntegraton", StringComparison.Ordinal)) + 1;

        var (code, output, _) = await AppHostProcess.RunAsync("validate", path);

        Assert.Equal(1, code);
        Assert.Contains($"broken.yaml:{line}:", output, StringComparison.Ordinal);
        Assert.Contains("[SendMessageRoute]", output, StringComparison.Ordinal);
        Assert.Contains("SendMessageIntegration", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_run_verb_prints_template_errors_as_validate_does()
    {
        var path = Path.Combine(_folder, "broken.yaml");
        File.WriteAllText(path, "Resources:\n  Api:\n    Type: AWS::ApiGatewayV2::Api\n    Properties:\n      ProtocolType: WEBSOCKET\n      RouteSelectionExpression: $request.body.action\n      Name: !Ref Nope\n");
        // The AppHost stays up with the stack failed (the dashboard shows why); the terminal gets the errors.
        var error = await AppHostProcess.RunUntilErrorAsync("error(s)", "--template", path, "--no-dashboard", "--gateway-port", "0", "--lambda-port", "0", "--dynamodb-port", "0", "--test-client-port", "0", "--data-dir", _folder);
        Assert.Contains("broken.yaml:7:", error, StringComparison.Ordinal);
        Assert.Contains("Nope", error, StringComparison.Ordinal);
        Assert.Contains("broken.yaml: 1 error(s)", error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_stack_whose_functions_exit_at_once_still_runs_and_prints_its_banner()
    {
        // Each function process exits as soon as it starts (a crash loop the stack keeps restarting):
        // the stack still runs, and the dashboard shows them restarting.
        Skip.If(OperatingSystem.IsWindows(), "the function is a shell script");
        RequiredTool.Require("node", "to run dynalite, the local DynamoDB");
        var code = Directory.CreateDirectory(Path.Combine(_folder, "code")).FullName;
        var bootstrap = Path.Combine(code, "bootstrap");
        File.WriteAllText(bootstrap, "#!/bin/sh\nexit 0\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(bootstrap, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var template = Path.Combine(_folder, "template.yaml");
        File.WriteAllText(template, DefaultRouteTemplate.Text("exits", "Exits", [new("Exits", "provided.al2023", "bootstrap", code)]));

        var (seen, output, error) = await AppHostProcess.RunUntilOutputAsync("Press Ctrl+C to stop.", "--template", template, "--no-dashboard",
            "--gateway-port", "0", "--lambda-port", "0", "--dynamodb-port", "0", "--test-client-port", "0", "--data-dir", Path.Combine(_folder, "data"));

        Assert.True(seen, $"no banner.\nstdout:\n{output}\nstderr:\n{error}");
        Assert.DoesNotContain("failed while running", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_prints_the_payload_the_sendmessage_function_receives()
    {
        const string body = """{"action":"sendmessage","message":"it's \"quoted\" \\ ünï"}""";
        var (code, output, error) = await AppHostProcess.RunAsync("render", "sendmessage", "--body", body, "--authorizer", "principalId=me", "--authorizer", "token=hello");

        Assert.True(code == 0, error);
        using var payload = JsonDocument.Parse(output);
        var root = payload.RootElement;
        Assert.Equal(body, root.GetProperty("body").GetString());
        Assert.False(root.GetProperty("isBase64Encoded").GetBoolean());
        var context = root.GetProperty("requestContext");
        Assert.Equal("sendmessage", context.GetProperty("routeKey").GetString());
        Assert.Equal("me", context.GetProperty("auth").GetString());
        Assert.Equal("hello", context.GetProperty("token").GetString());
        Assert.Equal("MESSAGE", context.GetProperty("eventType").GetString());
        Assert.Equal(16, context.GetProperty("connectionId").GetString()!.Length);
    }

    [Fact]
    public async Task Render_of_an_unknown_route_names_the_routes_there_are()
    {
        var (code, _, error) = await AppHostProcess.RunAsync("render", "nope", "--body", "{}");
        Assert.Equal(1, code);
        Assert.Contains("sendmessage", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--gateway-port", "abc", "--gateway-port expects a port number")]
    [InlineData("--frobnicate", null, "Unknown option '--frobnicate'")]
    [InlineData("--parameter", "NoEquals", "--parameter expects Name=Value")]
    [InlineData("--host", "localhost", "--host expects an IP address")]
    public void Bad_options_are_named(string option, string? value, string message)
    {
        var args = value is null ? new[] { option } : new[] { option, value };
        var error = Assert.Throws<ArgumentException>(() => AppHostOptions.Parse(args));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_are_the_documented_ports_on_loopback()
    {
        var options = AppHostOptions.Parse([]);
        Assert.Equal((3001, 9001, 8000), (options.GatewayPort, options.LambdaPort, options.DynamoDbPort));
        Assert.Equal(System.Net.IPAddress.Loopback, options.Host);
        Assert.Equal(RepositoryLayout.Template, options.TemplatePath);
        Assert.False(options.NativeAot);
    }

    [Fact]
    public void Native_aot_reaches_the_stack_options()
    {
        var stack = new WebSocketAspire.Hosting.WebSocketStackOptions();
        AppHostOptions.Parse(["--native-aot", "--no-dashboard"]).ApplyTo(stack);
        Assert.True(stack.NativeAot);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
