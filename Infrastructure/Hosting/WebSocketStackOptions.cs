using System.Net;

namespace WebSocketAspire.Hosting;

/// <summary>How a <see cref="WebSocketStackResource"/> runs locally. Every endpoint listens on loopback unless <see cref="Host"/> says otherwise.</summary>
public sealed class WebSocketStackOptions
{
    public const int DefaultGatewayPort = 3001;
    public const int DefaultLambdaPort = 9001;
    public const int DefaultDynamoDbPort = 8000;
    public const int DefaultTestClientPort = 3002;

    /// <summary>Template parameter values, by parameter name.</summary>
    public IDictionary<string, string> Parameters { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The region the stack pretends to run in.</summary>
    public string Region { get; set; } = "us-east-1";

    public IPAddress Host { get; set; } = IPAddress.Loopback;

    /// <summary>The WebSocket gateway and <c>@connections</c>; 0 picks a free port.</summary>
    public int GatewayPort { get; set; } = DefaultGatewayPort;

    /// <summary>The Lambda service: the Runtime API the function instances poll, and the Lambda API (Invoke, GetFunction, ListFunctions); 0 picks a free port.</summary>
    public int LambdaPort { get; set; } = DefaultLambdaPort;

    /// <summary>The browser test client (a page that connects with any headers, sends frames and manages connections); 0 picks a free port.</summary>
    public int TestClientPort { get; set; } = DefaultTestClientPort;

    /// <summary>dynalite's DynamoDB API; 0 picks a free port.</summary>
    public int DynamoDbPort { get; set; } = DefaultDynamoDbPort;

    /// <summary>The stack's data folder (dynalite's tables, the local credentials); default <c>.data</c> beside the AppHost project.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>A DynamoDB endpoint (DynamoDB Local, another dynalite) to use instead of starting dynalite.</summary>
    public Uri? DynamoDbEndpoint { get; set; }

    /// <summary>
    /// Run each <c>provided.*</c> function whose CodeUri is a .NET project as the native <c>bootstrap</c>
    /// its Native AOT publish makes, as Lambda runs it, instead of the JIT build (<c>dotnet exec bootstrap.dll</c>).
    /// Each start publishes first: about 2 s when the code is unchanged, a minute when it changed.
    /// </summary>
    public bool NativeAot { get; set; }

    /// <summary>Apply edits of the template to the running stack.</summary>
    public bool WatchTemplate { get; set; } = true;
}
