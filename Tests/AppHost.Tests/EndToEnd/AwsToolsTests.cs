using System.Text;
using System.Text.Json;
using WebSocketAspire.Tests.AppHost.Support;

namespace WebSocketAspire.Tests.AppHost.EndToEnd;

/// <summary>
/// The README's "Use your AWS tools" block, line by line, with the AWS CLI on the machine and
/// nothing but the banner's exports: what it promises is what the local services do.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class AwsToolsTests(StackFixture fixture)
{
    [SkippableFact]
    public async Task Every_command_of_the_readme_block_works_verbatim_after_the_banners_exports()
    {
        RequiredTool.Require("aws", "to run the README's AWS CLI commands (awscli)");
        await fixture.StartAsync();
        await using var client = await TestClient.ConnectAsync(fixture.Url, StackFixture.Hello);
        var id = await client.LearnConnectionIdAsync();
        var commands = ReadmeBlock("## Use your AWS tools");
        Assert.True(commands.Count >= 7, "the README block lists the CLI commands");
        using var cli = new AwsCli(Exports(fixture));

        foreach (var command in commands)
        {
            var (exitCode, output, error) = await cli.RunAsync(command.Replace("<connectionId>", id, StringComparison.Ordinal));
            Assert.True(exitCode == 0, $"`{command}` exited {exitCode}: {error} {output}");
            var verb = string.Join(' ', command.Split(' ').Skip(1).Take(2));
            switch (verb)
            {
                case "apigatewaymanagementapi post-to-connection":
                    Assert.Equal("hello", await client.ReceiveAsync());
                    break;
                case "apigatewaymanagementapi get-connection":
                    Assert.Contains("\"ConnectedAt\"", output, StringComparison.Ordinal);
                    Assert.Contains("127.0.0.1", output, StringComparison.Ordinal);
                    break;
                case "dynamodb scan":
                    Assert.Contains(id, output, StringComparison.Ordinal);
                    break;
                case "lambda list-functions":
                    using (var list = JsonDocument.Parse(output))
                    {
                        var names = list.RootElement.GetProperty("Functions").EnumerateArray().Select(f => f.GetProperty("FunctionName").GetString()).ToList();
                        Assert.Equal(4, names.Count);
                        Assert.Contains(names, n => n!.EndsWith("SendMessageFunction", StringComparison.Ordinal));
                    }
                    break;
                case "lambda get-function":
                    using (var function = JsonDocument.Parse(output))
                    {
                        var configuration = function.RootElement.GetProperty("Configuration");
                        Assert.Equal("sendmessage", configuration.GetProperty("Handler").GetString());
                        Assert.Equal("connection_table", configuration.GetProperty("Environment").GetProperty("Variables").GetProperty("TABLE_NAME").GetString());
                    }
                    break;
                case "lambda invoke":
                    using (var result = JsonDocument.Parse(output))
                    {
                        Assert.Equal(200, result.RootElement.GetProperty("StatusCode").GetInt32());
                        Assert.False(result.RootElement.TryGetProperty("FunctionError", out _), output);
                        var log = Encoding.UTF8.GetString(Convert.FromBase64String(result.RootElement.GetProperty("LogResult").GetString()!));
                        Assert.StartsWith("START RequestId: ", log, StringComparison.Ordinal);
                        Assert.Contains("REPORT RequestId: ", log, StringComparison.Ordinal);
                        Assert.Contains($"Replied to connection {id}", log, StringComparison.Ordinal); // the function's own line
                    }
                    Assert.Contains("200", await File.ReadAllTextAsync(Path.Combine(cli.Directory, "out.json")), StringComparison.Ordinal);
                    Assert.Equal(StackFixture.Reply, await client.ReceiveAsync());
                    break;
                case "apigatewaymanagementapi delete-connection":
                    await Assert.ThrowsAnyAsync<Exception>(() => client.ReceiveAsync(TimeSpan.FromSeconds(30)));
                    await Eventually.TrueAsync(async () => !await fixture.HasConnectionRowAsync(id), "the $disconnect of the deleted connection removed its row");
                    break;
                default:
                    Assert.Fail($"the test does not know what `{command}` should do; teach it");
                    break;
            }
        }
    }

    [SkippableFact]
    public async Task A_function_error_and_an_unknown_function_answer_as_the_lambda_api_does()
    {
        RequiredTool.Require("aws", "to call the Lambda API (awscli)");
        await fixture.StartAsync();
        using var cli = new AwsCli(Exports(fixture));

        // SendMessage given no request context fails: the CLI reports the function error, exit 0.
        var (exitCode, output, error) = await cli.RunAsync("aws lambda invoke --function-name SendMessageFunction --payload '{\"body\":42}' out.json");
        Assert.True(exitCode == 0, error);
        using (var result = JsonDocument.Parse(output))
        {
            Assert.Equal("Unhandled", result.RootElement.GetProperty("FunctionError").GetString());
        }
        Assert.Contains("errorMessage", await File.ReadAllTextAsync(Path.Combine(cli.Directory, "out.json")), StringComparison.Ordinal);

        (exitCode, _, error) = await cli.RunAsync("aws lambda invoke --function-name NoSuchFunction --payload '{}' out.json");
        Assert.NotEqual(0, exitCode);
        Assert.Contains("ResourceNotFoundException", error, StringComparison.Ordinal);
        Assert.Contains("function:NoSuchFunction", error, StringComparison.Ordinal);

        // The wrong secret is refused before anything runs.
        var before = fixture.Invocations("SendMessageFunction");
        (exitCode, _, error) = await cli.RunAsync("AWS_SECRET_ACCESS_KEY=wrong aws lambda invoke --function-name SendMessageFunction --payload '{}' out.json");
        Assert.NotEqual(0, exitCode);
        Assert.Contains("signature", error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, fixture.Invocations("SendMessageFunction"));
    }

    [SkippableFact]
    public async Task Event_and_dry_run_invocations_and_the_payload_limits_answer_as_lambda_does()
    {
        RequiredTool.Require("aws", "to call the Lambda API (awscli)");
        await fixture.StartAsync();
        using var cli = new AwsCli(Exports(fixture));
        var authorizerEvent = """'{"type":"REQUEST","methodArn":"arn:aws:execute-api:us-east-1:123456789012:api/stage/$connect","headers":{"token":"hello"}}'""";

        var before = fixture.Invocations("AuthorizerFunction");
        var (exitCode, output, error) = await cli.RunAsync($"aws lambda invoke --function-name AuthorizerFunction --invocation-type Event --payload {authorizerEvent} out.json");
        Assert.True(exitCode == 0, error);
        Assert.Contains("\"StatusCode\": 202", output, StringComparison.Ordinal);
        await Eventually.TrueAsync(() => Task.FromResult(fixture.Invocations("AuthorizerFunction") > before), "the Event invocation ran");

        (exitCode, output, error) = await cli.RunAsync($"aws lambda invoke --function-name AuthorizerFunction --invocation-type DryRun --payload {authorizerEvent} out.json");
        Assert.True(exitCode == 0, error);
        Assert.Contains("\"StatusCode\": 204", output, StringComparison.Ordinal);

        // 256 KB for Event, 6 MB for RequestResponse: one byte more is RequestTooLargeException.
        await File.WriteAllTextAsync(Path.Combine(cli.Directory, "big-event.json"), "\"" + new string('a', 256 * 1024 - 1) + "\"");
        (exitCode, _, error) = await cli.RunAsync("aws lambda invoke --function-name AuthorizerFunction --invocation-type Event --payload file://big-event.json out.json");
        Assert.NotEqual(0, exitCode);
        Assert.Contains("RequestTooLargeException", error, StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(cli.Directory, "big.json"), "\"" + new string('a', 6 * 1024 * 1024 - 1) + "\"");
        (exitCode, _, error) = await cli.RunAsync("aws lambda invoke --function-name AuthorizerFunction --payload file://big.json out.json");
        Assert.NotEqual(0, exitCode);
        Assert.Contains("RequestTooLargeException", error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_sdks_lambda_clients_reach_the_local_lambda_api_through_AWS_ENDPOINT_URL_LAMBDA()
    {
        RequiredTool.Require("python3", "to run boto3");
        RequiredTool.Require("node", "to run the AWS SDK for JavaScript");
        await fixture.StartAsync();
        using var cli = new AwsCli(Exports(fixture));

        // No endpoint in the code: the SDKs read the standard variable.
        var (exitCode, output, error) = await cli.RunAsync(
            "python3 -c \"import boto3; print(sorted(f['FunctionName'] for f in boto3.client('lambda').list_functions()['Functions']))\"");
        Assert.True(exitCode == 0, error);
        Assert.Contains("SendMessageFunction", output, StringComparison.Ordinal);

        var sdk = Path.Combine(WebSocketAspire.Infrastructure.Hosting.Processes.NodeTools.DefaultDirectory, "node_modules", "@aws-sdk", "client-lambda", "dist-cjs", "index.js");
        (exitCode, output, error) = await cli.RunAsync(
            $"node -e \"const l = require('{sdk}'); new l.LambdaClient({{}}).send(new l.GetFunctionCommand({{ FunctionName: 'SendMessageFunction' }})).then(r => console.log(r.Configuration.Handler))\"");
        Assert.True(exitCode == 0, error);
        Assert.Equal("sendmessage", output.Trim());
    }

    /// <summary>The banner's exports for this stack.</summary>
    internal static Dictionary<string, string> Exports(StackFixture fixture) => new(StringComparer.Ordinal)
    {
        ["AWS_ACCESS_KEY_ID"] = fixture.Stack.Credentials.AccessKeyId,
        ["AWS_SECRET_ACCESS_KEY"] = fixture.Stack.Credentials.SecretAccessKey,
        ["AWS_REGION"] = fixture.Stack.Stack.Environment.Region,
        ["AWS_DEFAULT_REGION"] = fixture.Stack.Stack.Environment.Region,
        ["AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI"] = fixture.Stack.ConnectionsEndpoint.ToString().TrimEnd('/'),
        ["AWS_ENDPOINT_URL_DYNAMODB"] = fixture.Stack.DynamoDbEndpoint.ToString().TrimEnd('/'),
        ["AWS_ENDPOINT_URL_LAMBDA"] = fixture.Stack.LambdaEndpoint.ToString().TrimEnd('/'),
    };

    /// <summary>The <c>aws</c> lines of the first sh block under <paramref name="heading"/> in the README.</summary>
    private static List<string> ReadmeBlock(string heading)
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryLayout.Root, "README.md"));
        var section = readme[readme.IndexOf(heading, StringComparison.Ordinal)..];
        var start = section.IndexOf("```sh\n", StringComparison.Ordinal) + "```sh\n".Length;
        var block = section[start..section.IndexOf("\n```", start, StringComparison.Ordinal)];
        return [.. block.Split('\n').Where(l => l.StartsWith("aws ", StringComparison.Ordinal))];
    }
}
