using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using WebSocketAspire.Hosting;
using WebSocketAspire.Infrastructure.Hosting;

namespace Aspire.Hosting;

/// <summary>Adds AWS API Gateway WebSocket stacks, run locally from their SAM/CloudFormation template, to an Aspire app model.</summary>
public static class WebSocketStackBuilderExtensions
{
    /// <summary>
    /// Adds the stack defined by <paramref name="templatePath"/> (relative to the AppHost project): its
    /// WebSocket API, each Lambda function under its logical id and the DynamoDB store, as child
    /// resources of the stack. They start with the app; Ctrl+C runs <c>$disconnect</c> for every open
    /// connection before the functions stop.
    /// </summary>
    public static IResourceBuilder<WebSocketStackResource> AddWebSocketStack(this IDistributedApplicationBuilder builder,
        [ResourceName] string name, string templatePath, Action<WebSocketStackOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(templatePath);
        var stack = new WebSocketStackResource(name, Path.GetFullPath(templatePath, builder.AppHostDirectory));
        stack.Options.DataDirectory = Path.Combine(builder.AppHostDirectory, ".data");
        configure?.Invoke(stack.Options);

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<StackRunner>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StackRunner>(sp => sp.GetRequiredService<StackRunner>()));

        var stackBuilder = builder.AddResource(stack)
            .WithInitialState(StackSnapshots.Initial(StackSnapshots.StackType, stack.TemplatePath))
            .ExcludeFromManifest()
            .WithCommand(StackCommands.ReloadTemplate, "Reload template", StackCommands.ReloadAsync(stack), new CommandOptions
            {
                Description = "Read the template again and apply it without dropping connections (or start the stack, if its template had errors)",
                IconName = "ArrowSync",
            })
            .OnInitializeResource((resource, e, _) =>
            {
                e.Services.GetRequiredService<StackRunner>().Start(resource);
                return Task.CompletedTask;
            });

        // The children come from the template as it reads now; a template with errors leaves the stack
        // alone, and starting it reports every error.
        var preview = StackPreview.Read(stack);
        if (preview.ApiLogicalId is { } apiId)
        {
            var api = new WebSocketApiResource(apiId, stack);
            stack.Api = api;
            builder.AddResource(api)
                .WithInitialState(StackSnapshots.Initial(StackSnapshots.ApiType, stack.TemplatePath))
                .WithParentRelationship(stackBuilder)
                .ExcludeFromManifest()
                .WithCommand(StackCommands.DisconnectAll, "Disconnect all connections", StackCommands.DisconnectAllAsync(stack), new CommandOptions
                {
                    Description = "Close every open connection; each gets its $disconnect",
                    IconName = "PlugDisconnected",
                    UpdateState = c => StackCommands.EnabledWhileRunning(c, stack),
                });
        }
        foreach (var functionId in preview.FunctionLogicalIds)
        {
            var function = new LambdaFunctionResource(functionId, stack);
            stack.Functions.Add(function);
            builder.AddResource(function)
                .WithInitialState(StackSnapshots.Initial(StackSnapshots.FunctionType, stack.TemplatePath))
                .WithParentRelationship(stackBuilder)
                .ExcludeFromManifest()
                .WithCommand(StackCommands.Invoke, "Invoke", StackCommands.InvokeAsync(stack, functionId), new CommandOptions
                {
                    Description = "Run the function with a sample event for its route or authorizer; the event and the result go to its console log",
                    IconName = "Play",
                    UpdateState = c => StackCommands.EnabledWhileRunning(c, stack),
                })
                .WithCommand(StackCommands.Restart, "Restart", StackCommands.RestartFunctionAsync(stack, functionId), new CommandOptions
                {
                    Description = "Replace every instance of the function with a fresh one",
                    IconName = "ArrowCounterclockwise",
                    UpdateState = c => StackCommands.EnabledWhileRunning(c, stack),
                });
        }
        var store = new DynamoDbStoreResource($"{name}-dynamodb", stack);
        stack.Store = store;
        builder.AddResource(store)
            .WithInitialState(StackSnapshots.Initial(StackSnapshots.StoreType, stack.TemplatePath))
            .WithParentRelationship(stackBuilder)
            .ExcludeFromManifest();
        return stackBuilder;
    }

    /// <summary>The stack's WebSocket API, to pass to <c>WithReference</c>; throws if the template has no valid API.</summary>
    public static IResourceBuilder<WebSocketApiResource> GetApi(this IResourceBuilder<WebSocketStackResource> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var api = builder.Resource.Api ?? throw new InvalidOperationException($"The template of '{builder.Resource.Name}' has no valid WebSocket API; run the AppHost to see its errors.");
        return builder.ApplicationBuilder.CreateResourceBuilder(api);
    }

    /// <summary>Sets a template parameter.</summary>
    public static IResourceBuilder<WebSocketStackResource> WithParameter(this IResourceBuilder<WebSocketStackResource> builder, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.Options.Parameters[name] = value;
        return builder;
    }

    /// <summary>Keeps the stack's tables and credentials in <paramref name="path"/>.</summary>
    public static IResourceBuilder<WebSocketStackResource> WithDataDirectory(this IResourceBuilder<WebSocketStackResource> builder, string path)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.Options.DataDirectory = Path.GetFullPath(path);
        return builder;
    }

    /// <summary>Uses an existing DynamoDB API (DynamoDB Local, another dynalite) instead of starting dynalite.</summary>
    public static IResourceBuilder<WebSocketStackResource> WithDynamoDbEndpoint(this IResourceBuilder<WebSocketStackResource> builder, Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.Options.DynamoDbEndpoint = endpoint;
        return builder;
    }

    /// <summary>
    /// Hands <paramref name="destination"/> what it needs to use the WebSocket API: its URL and
    /// <c>@connections</c> endpoint as service-discovery variables (<c>services__{api}__ws__0</c>,
    /// <c>services__{api}__http__0</c>), <c>AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI</c>, and the stack's
    /// credentials and region, so an AWS SDK client signs <c>@connections</c> calls the gateway accepts.
    /// </summary>
    public static IResourceBuilder<TDestination> WithReference<TDestination>(this IResourceBuilder<TDestination> destination, IResourceBuilder<WebSocketApiResource> api)
        where TDestination : IResourceWithEnvironment, IResourceWithWaitSupport
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(api);
        var name = api.Resource.Name;
        var stack = api.Resource.Parent;
        return destination.WaitFor(api).WithEnvironment(context =>
        {
            if (stack.Running is not { } running)
            {
                return;
            }
            foreach (var (key, value) in ReferenceVariables.For(name, running))
            {
                context.EnvironmentVariables[key] = value;
            }
        });
    }
}
