using System.Text;
using System.Text.Json;
using WebSocketAspire.Infrastructure.Lambda;
using WebSocketAspire.Tests.AppHost.Support;

namespace WebSocketAspire.Tests.AppHost.EndToEnd;

/// <summary>
/// One stack whose functions are the Node.js and Python cases under Fixtures/ (CommonJS, callbacks,
/// ES modules, errors, the context object), invoked through the local Lambda service exactly as the
/// gateway invokes them. The template is written to the fixture's temporary data folder.
/// </summary>
public sealed class RuntimeCasesStack : StackFixture
{
    private static readonly (string Id, string Runtime, string Folder, string Handler)[] Functions =
    [
        ("NodeCjs", "nodejs20.x", "node-cases", "cjs.handler"),
        ("NodeCallback", "nodejs20.x", "node-cases", "callback.handler"),
        ("NodeThrows", "nodejs20.x", "node-cases", "throws.handler"),
        ("NodeRejects", "nodejs20.x", "node-cases", "rejects.handler"),
        ("NodeStringError", "nodejs20.x", "node-cases", "string-error.handler"),
        ("NodeContext", "nodejs22.x", "node-cases", "context.handler"),
        ("NodeSdk", "nodejs22.x", "node-cases", "sdk.handler"),
        ("NodeSleeps", "nodejs20.x", "node-cases", "sleeps.handler"),
        ("PyEcho", "python3.12", "python-cases", "echo.handler"),
        ("PyRaises", "python3.12", "python-cases", "raises.handler"),
        ("PyUnauthorized", "python3.12", "python-cases", "unauthorized.handler"),
        ("PyContext", "python3.11", "python-cases", "context.handler"),
        ("PySlashPackage", "python3.12", "python-cases", "pkg/mod.handler"),
        ("PyDotPackage", "python3.12", "python-cases", "pkg.mod.handler"),
        ("PyBroken", "python3.12", "python-cases", "broken.handler"),
        ("PyMissing", "python3.12", "python-cases", "missing.handler"),
    ];

    private readonly string _folder = Directory.CreateTempSubdirectory("wsa-runtime-cases-").FullName;

    protected override string TemplatePath
    {
        get
        {
            var path = Path.Combine(_folder, "template.yaml");
            if (!File.Exists(path))
            {
                File.WriteAllText(path, Template());
            }
            return path;
        }
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    internal async Task<InvocationResult> InvokeAsync(string functionId, string payload = """{"hello":"world"}""")
    {
        await StartAsync();
        return await Stack.Lambda.InvokeAsync(functionId, Encoding.UTF8.GetBytes(payload), timeout: null, CancellationToken.None)
            .WaitAsync(TimeSpan.FromMinutes(1));
    }

    private static string Template()
    {
        var fixtures = Path.Combine(RepositoryLayout.Root, "Tests", "AppHost.Tests", "Fixtures");
        return DefaultRouteTemplate.Text("runtime-cases", "NodeCjs", Functions.Select(f =>
            new DefaultRouteTemplate.Function(f.Id, f.Runtime, f.Handler, Path.Combine(fixtures, f.Folder), f.Id == "NodeSleeps" ? 1 : 10)));
    }
}

public sealed class RuntimeCasesTests(RuntimeCasesStack stack) : IClassFixture<RuntimeCasesStack>
{
    [SkippableTheory]
    [InlineData("NodeCjs")]
    [InlineData("NodeCallback")]
    public async Task Node_commonjs_async_and_callback_handlers_answer(string functionId)
    {
        var result = await stack.InvokeAsync(functionId);

        Assert.False(result.IsError, Text(result));
        using var answer = JsonDocument.Parse(result.Payload);
        Assert.Equal("world", answer.RootElement.GetProperty("echoed").GetProperty("hello").GetString());
    }

    [SkippableTheory]
    [InlineData("NodeThrows", "TypeError", "bad input")]
    [InlineData("NodeRejects", "Error", "rejected on purpose")]
    [InlineData("NodeStringError", "string", "Unauthorized")]
    public async Task Node_errors_are_reported_as_the_nodejs_runtime_reports_them(string functionId, string errorType, string message)
    {
        var result = await stack.InvokeAsync(functionId);

        Assert.True(result.IsError, Text(result));
        Assert.Equal(errorType, result.ErrorType);
        Assert.Equal(message, result.ErrorMessage);
        using var error = JsonDocument.Parse(result.Payload);
        Assert.Equal(errorType, error.RootElement.GetProperty("errorType").GetString());
        Assert.Equal(JsonValueKind.Array, error.RootElement.GetProperty("trace").ValueKind);
    }

    [SkippableFact]
    public async Task The_node_context_carries_lambdas_fields_and_the_trace_header()
    {
        var result = await stack.InvokeAsync("NodeContext");

        Assert.False(result.IsError, Text(result));
        using var context = JsonDocument.Parse(result.Payload);
        var root = context.RootElement;
        Assert.Equal(result.RequestId, root.GetProperty("awsRequestId").GetString());
        Assert.EndsWith("NodeContext", root.GetProperty("functionName").GetString(), StringComparison.Ordinal);
        Assert.Equal("$LATEST", root.GetProperty("functionVersion").GetString());
        Assert.StartsWith("arn:aws:lambda:", root.GetProperty("invokedFunctionArn").GetString(), StringComparison.Ordinal);
        Assert.Equal("128", root.GetProperty("memoryLimitInMB").GetString());
        Assert.StartsWith("/aws/lambda/", root.GetProperty("logGroupName").GetString(), StringComparison.Ordinal);
        Assert.Contains("[$LATEST]", root.GetProperty("logStreamName").GetString(), StringComparison.Ordinal);
        Assert.InRange(root.GetProperty("remainingTimeInMillis").GetInt64(), 1, 10_000);
        Assert.True(root.GetProperty("callbackWaitsForEmptyEventLoop").GetBoolean());
    }

    [SkippableFact]
    public async Task Node_handlers_import_the_aws_sdk_without_installing_it()
    {
        var result = await stack.InvokeAsync("NodeSdk");

        Assert.False(result.IsError, Text(result));
        Assert.Equal("\"function\"", Text(result));
    }

    [SkippableFact]
    public async Task A_template_asking_for_another_node_major_runs_on_this_machines_and_says_so_once()
    {
        await stack.InvokeAsync("NodeCjs");
        var machine = int.Parse(RequiredNodeMajor(), System.Globalization.CultureInfo.InvariantCulture);
        if (machine == 20)
        {
            Assert.Contains("the template asks for nodejs22.x", stack.Log, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("the template asks for nodejs20.x", stack.Log, StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task A_node_function_past_its_timeout_fails_with_Sandbox_Timedout_and_its_instance_is_replaced()
    {
        var first = await stack.InvokeAsync("NodeSleeps", """{"sleepMs":0}""");
        Assert.False(first.IsError, Text(first));
        var function = stack.Stack.Functions.Single(f => f.Name == "NodeSleeps");
        var starts = function.Starts;

        var timedOut = await stack.InvokeAsync("NodeSleeps", """{"sleepMs":5000}""");

        Assert.Equal("Sandbox.Timedout", timedOut.ErrorType);
        Assert.Contains("Task timed out after 1.00 seconds", timedOut.ErrorMessage, StringComparison.Ordinal);
        await Eventually.TrueAsync(() => Task.FromResult(function.Starts > starts), "a fresh instance replaced the one that timed out");
        var next = await stack.InvokeAsync("NodeSleeps", """{"sleepMs":0}""");
        Assert.False(next.IsError, Text(next));
    }

    [SkippableTheory]
    [InlineData("PyEcho")]
    [InlineData("PySlashPackage")]
    [InlineData("PyDotPackage")]
    public async Task Python_module_and_package_handlers_answer(string functionId)
    {
        var result = await stack.InvokeAsync(functionId);

        Assert.False(result.IsError, Text(result));
        Assert.Contains("world", Text(result), StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("PyRaises", "ValueError", "bad input")]
    [InlineData("PyUnauthorized", "Exception", "Unauthorized")]
    public async Task Python_errors_are_reported_as_the_python_runtime_reports_them(string functionId, string errorType, string message)
    {
        var result = await stack.InvokeAsync(functionId);

        Assert.True(result.IsError, Text(result));
        Assert.Equal(errorType, result.ErrorType);
        Assert.Equal(message, result.ErrorMessage);
        using var error = JsonDocument.Parse(result.Payload);
        Assert.Equal(result.RequestId, error.RootElement.GetProperty("requestId").GetString());
        Assert.Equal(JsonValueKind.Array, error.RootElement.GetProperty("stackTrace").ValueKind);
    }

    [SkippableTheory]
    [InlineData("PyBroken", "Runtime.UserCodeSyntaxError")]
    [InlineData("PyMissing", "Runtime.HandlerNotFound")]
    public async Task A_python_handler_that_cannot_load_fails_its_invocations_with_the_init_error(string functionId, string errorType)
    {
        var result = await stack.InvokeAsync(functionId);

        Assert.True(result.IsError, Text(result));
        Assert.Equal(errorType, result.ErrorType);
    }

    [SkippableFact]
    public async Task The_python_context_carries_lambdas_fields()
    {
        var result = await stack.InvokeAsync("PyContext");

        Assert.False(result.IsError, Text(result));
        using var context = JsonDocument.Parse(result.Payload);
        var root = context.RootElement;
        Assert.Equal(result.RequestId, root.GetProperty("aws_request_id").GetString());
        Assert.EndsWith("PyContext", root.GetProperty("function_name").GetString(), StringComparison.Ordinal);
        Assert.Equal("$LATEST", root.GetProperty("function_version").GetString());
        Assert.Equal("128", root.GetProperty("memory_limit_in_mb").GetString());
        Assert.InRange(root.GetProperty("remaining_time_in_millis").GetInt64(), 1, 10_000);
        Assert.StartsWith("Root=1-", root.GetProperty("trace_id").GetString() ?? "Root=1-", StringComparison.Ordinal);
    }

    private static string RequiredNodeMajor()
    {
        using var node = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("node", "-p process.versions.node.split('.')[0]") { RedirectStandardOutput = true })!;
        var major = node.StandardOutput.ReadToEnd().Trim();
        node.WaitForExit();
        return major;
    }

    private static string Text(InvocationResult result) => Encoding.UTF8.GetString(result.Payload);
}
