using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Serialization;
using WebSocketAspire.Infrastructure.Template.Model;

namespace WebSocketAspire.Infrastructure.Lambda;

/// <summary>
/// Lambda's FunctionConfiguration shape (GetFunction, ListFunctions) for a template function. Values
/// the template decides come from it; values only a deployment has (the role SAM creates, the code's
/// size and hash) describe the local stand-in: the role is named after the function, the code is
/// the CodeUri folder.
/// </summary>
internal sealed record FunctionConfiguration
{
    public required string FunctionName { get; init; }
    public required string FunctionArn { get; init; }
    public required string Runtime { get; init; }
    public required string Role { get; init; }
    public required string Handler { get; init; }
    public long CodeSize { get; init; }
    public string Description { get; init; } = "";
    public int Timeout { get; init; }
    public int MemorySize { get; init; }
    public required string LastModified { get; init; }
    public required string CodeSha256 { get; init; }
    public string Version { get; init; } = "$LATEST";
    public EnvironmentResponse? Environment { get; init; }
    public TracingConfigResponse TracingConfig { get; init; } = new("PassThrough");
    public string State { get; init; } = "Active";
    public string LastUpdateStatus { get; init; } = "Successful";
    public string PackageType { get; init; } = "Zip";
    public required IReadOnlyList<string> Architectures { get; init; }
    public EphemeralStorageResponse EphemeralStorage { get; init; } = new(512);
    public required LoggingConfigResponse LoggingConfig { get; init; }

    public static FunctionConfiguration From(FunctionModel function, DateTimeOffset loadedAt)
    {
        ArgumentNullException.ThrowIfNull(function);
        var (size, hash) = Describe(function.CodeUri);
        var account = function.Arn.Split(':') is { Length: > 4 } parts ? parts[4] : "123456789012";
        return new FunctionConfiguration
        {
            FunctionName = function.FunctionName,
            FunctionArn = function.Arn,
            Runtime = function.Runtime,
            Role = $"arn:aws:iam::{account}:role/{function.FunctionName}-role",
            Handler = function.Handler,
            CodeSize = size,
            Timeout = function.TimeoutSeconds,
            MemorySize = function.MemorySize,
            LastModified = loadedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture),
            CodeSha256 = hash,
            Environment = function.Environment.Count > 0 ? new EnvironmentResponse(function.Environment) : null,
            Architectures = [function.Architecture],
            LoggingConfig = new LoggingConfigResponse("Text", "/aws/lambda/" + function.FunctionName),
        };
    }

    /// <summary>Folders a deployment package leaves out: build intermediates, and packages Lambda's runtime provides or a build installs.</summary>
    private static readonly string[] Skipped = ["bin", "obj", "node_modules", "__pycache__", ".aws-sam"];

    /// <summary>The code's size and a hash of its file names, sizes and times: cheap, and it changes when the code does.</summary>
    private static (long Size, string Hash) Describe(string? codeUri)
    {
        if (codeUri is null || !Directory.Exists(codeUri))
        {
            return (0, Convert.ToBase64String(SHA256.HashData([])));
        }
        long size = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.EnumerateFiles(codeUri, "*", SearchOption.AllDirectories)
                     .Where(f => !Path.GetRelativePath(codeUri, f).Split(Path.DirectorySeparatorChar).Any(Skipped.Contains))
                     .Order(StringComparer.Ordinal)
                     .Take(10_000))
        {
            var info = new FileInfo(file);
            size += info.Length;
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{Path.GetRelativePath(codeUri, file)}|{info.Length}|{info.LastWriteTimeUtc.Ticks}\n"));
        }
        return (size, Convert.ToBase64String(hash.GetHashAndReset()));
    }
}

internal sealed record EnvironmentResponse(IReadOnlyDictionary<string, string> Variables);

internal sealed record TracingConfigResponse(string Mode);

internal sealed record EphemeralStorageResponse(int Size);

internal sealed record LoggingConfigResponse(string LogFormat, string LogGroup);

internal sealed record FunctionCodeLocation(string RepositoryType, string Location);

internal sealed record GetFunctionResponse(FunctionConfiguration Configuration, FunctionCodeLocation Code);

internal sealed record ListFunctionsResponse(IReadOnlyList<FunctionConfiguration> Functions, string? NextMarker);

/// <summary>The error body of Lambda's REST-JSON API (its type also goes in <c>x-amzn-ErrorType</c>).</summary>
internal sealed record LambdaApiError(string Type, [property: JsonPropertyName("message")] string Message);

[JsonSerializable(typeof(GetFunctionResponse))]
[JsonSerializable(typeof(ListFunctionsResponse))]
[JsonSerializable(typeof(FunctionConfiguration))]
[JsonSerializable(typeof(LambdaApiError))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class LambdaApiJsonContext : JsonSerializerContext;
