using Microsoft.Extensions.Logging;
using WebSocketAspire.Infrastructure.Lambda;
using WebSocketAspire.Infrastructure.Template.Model;

namespace WebSocketAspire.Infrastructure.Gateway;

/// <summary>What every gateway flow shares: the API from the template, its stage, the clock, ids and the Lambda service.</summary>
internal sealed class GatewayContext
{
    public GatewayContext(StackModel stack, LambdaService lambda, ConnectionRegistry connections, IIdGenerator ids, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(stack);
        Stack = stack;
        Api = stack.Api;
        Lambda = lambda;
        Connections = connections;
        Ids = ids;
        Time = time;
        Logger = logger;
        Templates = new MappingTemplates(Api);
        Integrations = new IntegrationRunner(Api, lambda, Templates);
        Routes = new RouteSelector(Api);
    }

    public StackModel Stack { get; }
    public WebSocketApiModel Api { get; }
    public string StageName => Api.Stage.Name;
    public IReadOnlyDictionary<string, string> StageVariables => Api.Stage.Variables;
    public LambdaService Lambda { get; }
    public ConnectionRegistry Connections { get; }
    public IIdGenerator Ids { get; }
    public TimeProvider Time { get; }
    public ILogger Logger { get; }
    public MappingTemplates Templates { get; }
    public IntegrationRunner Integrations { get; }
    public RouteSelector Routes { get; }

    /// <summary><c>arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{routeKey}</c>, the authorizer's methodArn.</summary>
    public string MethodArn(string routeKey) =>
        $"arn:{Stack.Environment.Partition}:execute-api:{Stack.Environment.Region}:{Stack.Environment.AccountId}:{Api.ApiId}/{StageName}/{routeKey}";
}
