using Aspire.Hosting.ApplicationModel;
using WebSocketAspire.Infrastructure.Hosting.Local;

namespace WebSocketAspire.Hosting;

/// <summary>An AWS SAM/CloudFormation stack with an API Gateway WebSocket API, run locally from its template.</summary>
public sealed class WebSocketStackResource(string name, string templatePath) : Resource(name)
{
    /// <summary>The template, as a full path.</summary>
    public string TemplatePath { get; } = templatePath;

    /// <summary>How the stack runs locally: parameters, region, ports, data folder, store.</summary>
    public WebSocketStackOptions Options { get; } = new();

    /// <summary>The running stack, once started; null before and after.</summary>
    internal LocalStack? Running { get; set; }

    internal WebSocketApiResource? Api { get; set; }
    internal List<LambdaFunctionResource> Functions { get; } = [];
    internal DynamoDbStoreResource? Store { get; set; }
}

/// <summary>The stack's API Gateway WebSocket API: the gateway, its <c>@connections</c> API and the Lambda service behind it.</summary>
public sealed class WebSocketApiResource(string name, WebSocketStackResource stack) : Resource(name), IResourceWithParent<WebSocketStackResource>
{
    public WebSocketStackResource Parent { get; } = stack;
}

/// <summary>A Lambda function of the stack, under its template logical id; its instances are processes on the Lambda Runtime API.</summary>
public sealed class LambdaFunctionResource(string name, WebSocketStackResource stack) : Resource(name), IResourceWithParent<WebSocketStackResource>
{
    public WebSocketStackResource Parent { get; } = stack;
}

/// <summary>The DynamoDB API the stack's tables live in: dynalite, or an endpoint the AppHost points at.</summary>
public sealed class DynamoDbStoreResource(string name, WebSocketStackResource stack) : Resource(name), IResourceWithParent<WebSocketStackResource>
{
    public WebSocketStackResource Parent { get; } = stack;
}
