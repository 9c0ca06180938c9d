using WebSocketAspire.AppHost.Dashboard;
using WebSocketAspire.AppHost.Resources;

namespace WebSocketAspire.AppHost.Orchestration;

/// <summary>What the dashboard's Resources view shows of the running stack.</summary>
internal sealed partial class LocalStack : IResourceSource
{
    public IReadOnlyList<ResourceSnapshot> Snapshot()
    {
        var processId = System.Environment.ProcessId;
        var resources = new List<ResourceSnapshot>
        {
            new("gateway", "API Gateway WebSocket API", "Running", processId, 0,
                [WebSocketUrl.ToString(), ConnectionsEndpoint + "/@connections/{connectionId}", $"{Connections.Count} open connection(s)"]),
            new("lambda", "Lambda Runtime API", "Running", processId, 0,
                [$"http://{Authority(_options.Host.ToString(), LambdaPort)}/{{function}}/2018-06-01/runtime"]),
            new(DynaliteResource.Name, "DynamoDB (dynalite)", _dynamo.Exited.IsCompleted ? "Exited" : "Running", _dynamo.ProcessId, 0,
                [DynamoDbEndpoint.ToString(), .. Stack.Tables.Values.Select(t => "table " + t.TableName)]),
        };
        foreach (var function in _functions.Values.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            resources.Add(new ResourceSnapshot(function.Name, $"Lambda function ({function.Handler})", function.State, function.ProcessId,
                function.Restarts, [Lambda.Find(function.Name)?.Arn ?? "", $"{function.InstanceCount} instance(s)"]));
        }
        return resources;
    }
}
