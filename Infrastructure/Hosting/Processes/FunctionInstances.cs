using System.Diagnostics;

namespace WebSocketAspire.Infrastructure.Hosting.Processes;

/// <summary>One running runtime instance of a function (a process, or a fake in tests).</summary>
internal interface IFunctionInstance : IAsyncDisposable
{
    int Id { get; }
    Task<int> Exited { get; }
    void Kill();
    Task StopAsync(TimeSpan grace);
}

/// <summary>Starts runtime instances; the seam that lets the pool's scaling be tested without processes.</summary>
internal interface IInstanceLauncher
{
    /// <summary>Starts instance <paramref name="instanceId"/>, whose id and <paramref name="token"/> are appended to the function's Runtime API prefix (<c>{function}.{instance}.{token}</c>).</summary>
    IFunctionInstance Launch(string name, string instanceId, string token, ProcessStartInfo template);
}

/// <summary>Runs each instance as a child process whose Runtime API prefix names the instance.</summary>
internal sealed class ProcessLauncher(ResourceConsole console) : IInstanceLauncher
{
    public const string RuntimeApiVariable = "AWS_LAMBDA_RUNTIME_API";
    public const string ResourceAttributesVariable = "OTEL_RESOURCE_ATTRIBUTES";

    /// <summary>The console name of an instance: <c>{function}#{instance}</c>.</summary>
    public static string Label(string function, string instanceId) => $"{function}#{instanceId}";

    /// <summary>The function and instance a console name from <see cref="Label"/> names, or null for other resources.</summary>
    public static (string Function, string Instance)? ParseLabel(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        var hash = label.LastIndexOf('#');
        return hash > 0 && hash < label.Length - 1 ? (label[..hash], label[(hash + 1)..]) : null;
    }

    public IFunctionInstance Launch(string name, string instanceId, string token, ProcessStartInfo template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var runtimeApi = template.Environment[RuntimeApiVariable];
        template.Environment[RuntimeApiVariable] = $"{runtimeApi}.{instanceId}.{token}";
        // The dashboard shows each instance as a replica of the function: its telemetry names it.
        template.Environment[ResourceAttributesVariable] = "service.instance.id=" + instanceId;
        try
        {
            return ChildProcess.Start(Label(name, instanceId), template, console);
        }
        finally
        {
            template.Environment[RuntimeApiVariable] = runtimeApi;
            template.Environment.Remove(ResourceAttributesVariable);
        }
    }
}
