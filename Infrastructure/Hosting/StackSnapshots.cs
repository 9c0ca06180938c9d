using System.Collections.Immutable;
using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using WebSocketAspire.Infrastructure.Hosting.Local;
using WebSocketAspire.Infrastructure.Hosting.Processes;

namespace WebSocketAspire.Infrastructure.Hosting;

/// <summary>What the dashboard shows of each resource of a stack: type, state, URLs and properties.</summary>
internal static class StackSnapshots
{
    public const string StackType = "WebSocketStack";
    public const string ApiType = "ApiGatewayWebSocketApi";
    public const string FunctionType = "LambdaFunction";
    public const string StoreType = "DynamoDB";
    public const string InstanceType = "LambdaInstance";

    public static CustomResourceSnapshot Initial(string type, string templatePath) => new()
    {
        ResourceType = type,
        State = KnownResourceStates.NotStarted,
        Properties = [new(CustomResourceKnownProperties.Source, templatePath)],
    };

    public static CustomResourceSnapshot Running(CustomResourceSnapshot snapshot, DateTime startedAt) => snapshot with
    {
        State = new ResourceStateSnapshot(KnownResourceStates.Running, KnownResourceStateStyles.Success),
        StartTimeStamp = startedAt,
    };

    public static CustomResourceSnapshot Stack(CustomResourceSnapshot snapshot, LocalStack local) => snapshot with
    {
        Properties = Merge(snapshot.Properties,
            ("stack.template", local.Stack.TemplatePath),
            ("stack.region", local.Stack.Environment.Region),
            ("stack.reloads", local.Reloads.ToString(CultureInfo.InvariantCulture)),
            ("stack.rejected_reloads", local.RejectedReloads.ToString(CultureInfo.InvariantCulture)),
            ("stack.outputs", string.Join("; ", local.Stack.Outputs.Select(o => $"{o.LogicalId}={o.Value}")))),
    };

    public static CustomResourceSnapshot Api(CustomResourceSnapshot snapshot, LocalStack local)
    {
        var api = local.Stack.Api;
        return snapshot with
        {
            Urls = [
                new UrlSnapshot("websocket", local.WebSocketUrl.ToString(), IsInternal: false),
                new UrlSnapshot("@connections", local.ConnectionsEndpoint + "/@connections", IsInternal: false),
                new UrlSnapshot("lambda", local.LambdaEndpoint.ToString(), IsInternal: false),
                new UrlSnapshot("test client", local.TestClientUrl.ToString(), IsInternal: false),
            ],
            Properties = Merge(snapshot.Properties,
                ("apigw.stage", api.Stage.Name),
                ("apigw.route_selection_expression", api.RouteSelectionExpression),
                ("apigw.routes", string.Join(", ", api.Routes.Keys.Order(StringComparer.Ordinal))),
                ("apigw.open_connections", local.Connections.Count.ToString(CultureInfo.InvariantCulture)),
                ("aws.region", local.Stack.Environment.Region),
                ("aws.access_key_id", local.Credentials.AccessKeyId),
                ("aws.secret_access_key", new Secret(local.Credentials.SecretAccessKey))),
        };
    }

    public static CustomResourceSnapshot Function(CustomResourceSnapshot snapshot, FunctionResource function, LocalStack local)
    {
        var endpoint = local.Lambda.Find(function.Name);
        var instances = function.Instances;
        var allRunning = instances.All(i => i.Running);
        return snapshot with
        {
            State = allRunning
                ? new ResourceStateSnapshot(KnownResourceStates.Running, KnownResourceStateStyles.Success)
                : new ResourceStateSnapshot($"Restarting ({instances.Count(i => i.Running)} of {instances.Count} running)", KnownResourceStateStyles.Warn),
            Properties = Merge(snapshot.Properties,
                ("faas.name", endpoint?.FunctionName ?? function.Name),
                ("cloud.resource_id", endpoint?.Arn ?? ""),
                ("lambda.handler", function.Handler),
                ("lambda.runtime", function.Runtime),
                ("lambda.timeout", endpoint is null ? "" : $"{endpoint.Timeout.TotalSeconds:0} s"),
                ("lambda.instances", instances.Count.ToString(CultureInfo.InvariantCulture)),
                ("lambda.instance_pids", string.Join(", ", instances.Where(i => i.Running).Select(i => i.ProcessId.ToString(CultureInfo.InvariantCulture)))),
                ("lambda.restarts", function.Restarts.ToString(CultureInfo.InvariantCulture)),
                ("lambda.invocations", (endpoint?.InvocationCount ?? 0).ToString(CultureInfo.InvariantCulture))),
        };
    }

    /// <summary>An instance's row: a replica of its function, named <c>{function}-{instance}</c> as its telemetry's service.instance.id says.</summary>
    public static string InstanceId(string function, string instanceId) => $"{function}-{instanceId}";

    public static CustomResourceSnapshot Instance(CustomResourceSnapshot snapshot, string function, FunctionInstanceInfo instance) => snapshot with
    {
        ResourceType = InstanceType,
        State = instance.Running
            ? new ResourceStateSnapshot(KnownResourceStates.Running, KnownResourceStateStyles.Success)
            : new ResourceStateSnapshot("Restarting", KnownResourceStateStyles.Warn),
        Urls = [],
        Properties = Merge(snapshot.Properties,
            ("resource.parentName", function),
            ("lambda.instance", instance.Id),
            ("lambda.pid", instance.ProcessId)),
    };

    public static CustomResourceSnapshot Store(CustomResourceSnapshot snapshot, LocalStack local)
    {
        var dynalite = local.Dynalite;
        var alive = dynalite is null || !dynalite.Exited.IsCompleted;
        return snapshot with
        {
            State = alive
                ? new ResourceStateSnapshot(KnownResourceStates.Running, KnownResourceStateStyles.Success)
                : new ResourceStateSnapshot("Restarting", KnownResourceStateStyles.Error),
            Urls = [new UrlSnapshot("dynamodb", local.DynamoDbEndpoint.ToString(), IsInternal: false)],
            Properties = Merge(snapshot.Properties,
                ("dynamodb.engine", dynalite is null ? "external" : "dynalite"),
                ("dynamodb.tables", string.Join(", ", local.Stack.Tables.Values.Select(t => t.TableName))),
                ("dynamodb.data_directory", dynalite is null ? "" : Path.Combine(local.Options.DataDirectory, "dynalite")),
                ("dynamodb.restarts", dynalite?.Restarts ?? 0),
                ("dynamodb.pid", (object?)dynalite?.ProcessId ?? "")),
        };
    }

    public static CustomResourceSnapshot Failed(CustomResourceSnapshot snapshot) => snapshot with
    {
        State = new ResourceStateSnapshot(KnownResourceStates.FailedToStart, KnownResourceStateStyles.Error),
    };

    public static CustomResourceSnapshot Finished(CustomResourceSnapshot snapshot, DateTime stoppedAt) => snapshot with
    {
        State = new ResourceStateSnapshot(KnownResourceStates.Finished, KnownResourceStateStyles.Info),
        StopTimeStamp = stoppedAt,
    };

    public static CustomResourceSnapshot WithState(CustomResourceSnapshot snapshot, string state, string style) => snapshot with
    {
        State = new ResourceStateSnapshot(state, style),
    };

    /// <summary>Replaces the named properties, keeping the others (the source, the parent Aspire set).</summary>
    private static ImmutableArray<ResourcePropertySnapshot> Merge(ImmutableArray<ResourcePropertySnapshot> existing, params (string Name, object? Value)[] values)
    {
        var names = values.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        return [.. existing.Where(p => !names.Contains(p.Name)), .. values.Select(v => v.Value is Secret secret
            ? new ResourcePropertySnapshot(v.Name, secret.Value) { IsSensitive = true }
            : new ResourcePropertySnapshot(v.Name, v.Value))];
    }

    /// <summary>A value the dashboard masks until asked.</summary>
    private sealed record Secret(string Value);
}
