using WebSocketAspire.Infrastructure.Template.Model;
using WebSocketAspire.Infrastructure.Template.Resolution;
using WebSocketAspire.Infrastructure.Template.Syntax;

namespace WebSocketAspire.Infrastructure.Template.Building;

/// <summary>Builds a <see cref="FunctionModel"/> from an AWS::Serverless::Function (Globals applied) or AWS::Lambda::Function.</summary>
internal static class FunctionBuilder
{
    public static FunctionModel? Build(ResourceDeclaration resource, PropertyReader properties, LocalPhysicalValues physical, string templateFolder)
    {
        var serverless = resource.Type == ResourceTypes.ServerlessFunction;
        var handler = properties.RequiredString("Handler");
        var runtime = serverless ? properties.String("Runtime") : properties.RequiredString("Runtime");
        var code = serverless ? properties.Properties["CodeUri"] : properties.Properties["Code"];
        if (!serverless && code is null)
        {
            properties.RequiredString("Code");
        }

        if (runtime is not null)
        {
            CheckRuntime(properties, resource.LogicalId, runtime);
        }

        var environment = properties.Nested("Environment") is { } env ? env.StringMap("Variables") : new Dictionary<string, string>();
        var architectures = properties.StringList("Architectures");
        if (architectures.Count > 1)
        {
            properties.Diagnostics.Error(properties.At("Architectures"), resource.LogicalId, "Architectures takes exactly one value (x86_64 or arm64).");
        }

        if (properties.Has("Events"))
        {
            properties.Diagnostics.Warning(properties.At("Events"), resource.LogicalId, "not emulated: function Events (and the APIs or queues SAM would create for them) do not run locally; only the WebSocket API invokes functions.");
        }

        // Read before building, so a range error is reported even when the handler is missing too.
        var timeout = properties.Int("Timeout", 1, 900);
        var memory = properties.Int("MemorySize", 128, 10_240);
        var reserved = properties.Int("ReservedConcurrentExecutions", 0, 1_000);
        var name = physical.FunctionName(resource.LogicalId);
        if (handler is null)
        {
            return null;
        }

        return new FunctionModel
        {
            LogicalId = resource.LogicalId,
            FunctionName = name,
            Arn = physical.FunctionArn(name),
            Handler = handler,
            Runtime = runtime ?? "provided.al2023",
            CodeUri = LocalCodePath(code, templateFolder),
            TimeoutSeconds = timeout ?? 3,
            MemorySize = memory ?? 128,
            Architecture = architectures.Count > 0 ? architectures[0] : "x86_64",
            Environment = environment,
            ReservedConcurrentExecutions = reserved,
        };
    }

    /// <summary>Lambda rejects an unknown runtime; the local stack says which known ones it cannot run.</summary>
    private static void CheckRuntime(PropertyReader properties, string logicalId, string runtime)
    {
        if (!LambdaRuntime.IsKnown(runtime))
        {
            properties.Diagnostics.Error(properties.At("Runtime"), logicalId, $"Runtime '{runtime}' is not a Lambda runtime identifier (for example nodejs22.x, python3.13, provided.al2023).");
        }
        else if (LambdaRuntime.LocalKind(runtime) is null)
        {
            properties.Diagnostics.Error(properties.At("Runtime"), logicalId, $"Runtime '{runtime}' cannot run locally: the local stack runs {LambdaRuntime.LocallySupported}.");
        }
    }

    /// <summary>A local CodeUri (or a packaged-style Code string) as an absolute path; S3 locations and inline code have none.</summary>
    private static string? LocalCodePath(TemplateNode? code, string templateFolder) => code switch
    {
        ScalarNode { Value.Length: > 0 } path when !path.Value.StartsWith("s3://", StringComparison.OrdinalIgnoreCase) =>
            Path.GetFullPath(Path.Combine(templateFolder, path.Value)),
        _ => null,
    };
}
