using Microsoft.Extensions.Configuration;
using WebSocketAspire.Hosting;
using WebSocketAspire.Infrastructure.Hosting.Local;
using WebSocketAspire.Infrastructure.Hosting.Processes;

namespace WebSocketAspire.Infrastructure.Hosting;

/// <summary>What a developer needs on the terminal once the stack runs: where to connect, how to try it, how to call it from outside.</summary>
internal static class StackBanner
{
    public static void Write(TextWriter output, WebSocketStackResource stack, LocalStack local, IConfiguration? dashboardConfiguration)
    {
        var lines = new List<string> { "" };
        if (dashboardConfiguration is not null && DashboardUrl(dashboardConfiguration) is { } dashboard)
        {
            // Aspire prints the same login link once the dashboard is up; anonymous access is its opt-in.
            var token = dashboardConfiguration["AppHost:BrowserToken"];
            lines.Add(string.IsNullOrEmpty(token) ? $"  Dashboard        {dashboard}" : $"  Dashboard        {dashboard}login?t={token}");
        }
        var wscat = local.Options.NodeToolsDirectory is { } tools ? NodeTools.Wscat(tools) : "wscat";
        var credentials = local.Credentials;
        var region = local.Stack.Environment.Region;
        lines.AddRange(
        [
            $"  WebSocket URL    {local.WebSocketUrl}",
            $"  Try it           wscat --header token:hello -c {local.WebSocketUrl}",
            $"                   (wscat: npm install -g wscat, or the copy installed here: {wscat})",
            $"  Test client      {local.TestClientUrl}  (in a browser: any headers, frames, open connections)",
            $"  @connections     {local.ConnectionsEndpoint}/@connections/{{connectionId}}",
            $"  DynamoDB         {local.DynamoDbEndpoint}",
            $"  Lambda API       {local.LambdaEndpoint} (Invoke, GetFunction, ListFunctions; the Runtime API under {{function}}/2018-06-01/runtime)",
            "",
            "  Call the local services with the AWS CLI or SDKs (the credentials are kept in the stack's data folder):",
            $"    export AWS_ACCESS_KEY_ID={credentials.AccessKeyId}",
            $"    export AWS_SECRET_ACCESS_KEY={credentials.SecretAccessKey}",
            $"    export AWS_REGION={region} AWS_DEFAULT_REGION={region}",
            $"    export AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI={local.ConnectionsEndpoint}",
            $"    export AWS_ENDPOINT_URL_DYNAMODB={local.DynamoDbEndpoint.ToString().TrimEnd('/')}",
            $"    export AWS_ENDPOINT_URL_LAMBDA={local.LambdaEndpoint.ToString().TrimEnd('/')}",
            "    aws apigatewaymanagementapi post-to-connection --endpoint-url $AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI --connection-id=<connectionId> --data 'hello'",
        ]);
        lines.AddRange(local.Stack.Tables.Values.Select(t => $"    aws dynamodb scan --endpoint-url $AWS_ENDPOINT_URL_DYNAMODB --table-name {t.TableName}"));
        lines.Add("    aws lambda list-functions --endpoint-url $AWS_ENDPOINT_URL_LAMBDA");
        if (local.Stack.Functions.Values.FirstOrDefault() is { } function)
        {
            lines.Add($"    aws lambda invoke --endpoint-url $AWS_ENDPOINT_URL_LAMBDA --function-name {function.FunctionName} --payload '{{}}' out.json");
        }
        if (local.Stack.Outputs.Count > 0)
        {
            lines.Add("");
            lines.Add($"  Outputs of {stack.Name} (local values):");
            lines.AddRange(local.Stack.Outputs.Select(o => $"    {o.LogicalId,-22} {o.Value}"));
        }
        lines.Add("");
        lines.Add("  Press Ctrl+C to stop.");
        lines.Add("");
        output.Write(string.Join(Environment.NewLine, lines) + Environment.NewLine);
        output.Flush();
    }

    /// <summary>The dashboard's address as the AppHost configured it (the first of <c>ASPNETCORE_URLS</c>).</summary>
    public static string? DashboardUrl(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var urls = configuration["ASPNETCORE_URLS"];
        if (string.IsNullOrEmpty(urls))
        {
            return null;
        }
        return urls.Split(';', StringSplitOptions.RemoveEmptyEntries)[0].TrimEnd('/') + "/";
    }
}
