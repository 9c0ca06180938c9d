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
    /// <summary>Starts instance <paramref name="instanceId"/>, whose id is appended to the function's Runtime API prefix (<c>{function}.{instance}</c>).</summary>
    IFunctionInstance Launch(string name, string instanceId, ProcessStartInfo template);
}

/// <summary>Runs each instance as a child process whose Runtime API prefix names the instance.</summary>
internal sealed class ProcessLauncher(ResourceConsole console) : IInstanceLauncher
{
    public const string RuntimeApiVariable = "AWS_LAMBDA_RUNTIME_API";

    public IFunctionInstance Launch(string name, string instanceId, ProcessStartInfo template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var runtimeApi = template.Environment[RuntimeApiVariable];
        template.Environment[RuntimeApiVariable] = $"{runtimeApi}.{instanceId}";
        try
        {
            var label = instanceId == "1" ? name : $"{name}#{instanceId}";
            return ChildProcess.Start(label, template, console);
        }
        finally
        {
            template.Environment[RuntimeApiVariable] = runtimeApi;
        }
    }
}
