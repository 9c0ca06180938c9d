using Microsoft.Extensions.Logging;

namespace WebSocketAspire.Infrastructure.Hosting.Processes;

/// <summary>
/// Sends the AppHost's own logs (gateway, lambda, …) to the <see cref="ResourceConsole"/>, so they read
/// like every other resource's: the category is the resource name, one line per message.
/// </summary>
internal sealed class ResourceConsoleLoggerProvider(ResourceConsole console) : ILoggerProvider
{
    /// <summary>Where the web servers' own messages (Microsoft.*) go.</summary>
    public const string LocalStackConsole = "gateway";

    public ILogger CreateLogger(string categoryName) => new ResourceConsoleLogger(console, categoryName);

    public void Dispose()
    {
    }

    private sealed class ResourceConsoleLogger(ResourceConsole console, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            var level = logLevel switch
            {
                LogLevel.Trace => "trce",
                LogLevel.Debug => "dbug",
                LogLevel.Information => "info",
                LogLevel.Warning => "warn",
                LogLevel.Error => "fail",
                _ => "crit",
            };
            var resource = category.StartsWith("Microsoft.", StringComparison.Ordinal) ? LocalStackConsole : category;
            Action<string, string> write = logLevel >= LogLevel.Warning ? console.WriteError : console.WriteLine;
            write(resource, $"{level}: {formatter(state, exception)}");
            if (exception is not null)
            {
                foreach (var line in exception.ToString().Split('\n'))
                {
                    write(resource, "    " + line.TrimEnd('\r'));
                }
            }
        }
    }
}
