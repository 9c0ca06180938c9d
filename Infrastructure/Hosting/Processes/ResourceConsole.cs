namespace WebSocketAspire.Infrastructure.Hosting.Processes;

/// <summary>
/// Where the local stack's parts write their console lines, by resource: in an AppHost each line goes
/// to that resource's console log in the dashboard; in tests, to a writer.
/// </summary>
internal sealed class ResourceConsole(Action<string, string, bool> sink)
{
    /// <summary>A console that writes <c>resource | line</c> to <paramref name="output"/>.</summary>
    public static ResourceConsole To(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var gate = new Lock();
        return new ResourceConsole((resource, line, _) =>
        {
            lock (gate)
            {
                output.WriteLine($"{resource,-20} | {line}");
            }
        });
    }

    /// <summary>Raised for every line written, so tests can follow a resource's output.</summary>
    public event Action<string, string>? LineWritten;

    public void WriteLine(string resource, string line) => Write(resource, line, isError: false);

    /// <summary>A line the process wrote to stderr, or an error of the stack's own; the dashboard shows it as one.</summary>
    public void WriteError(string resource, string line) => Write(resource, line, isError: true);

    private void Write(string resource, string line, bool isError)
    {
        sink(resource, line, isError);
        LineWritten?.Invoke(resource, line);
    }
}
