using System.Runtime.InteropServices;
using WebSocketAspire.AppHost.Orchestration;
using WebSocketAspire.AppHost.Resources;
using WebSocketAspire.Infrastructure.Template;
using WebSocketAspire.Infrastructure.Template.Model;

namespace WebSocketAspire.AppHost.CommandLine;

/// <summary>The AppHost's verbs: run the stack (default), validate a template, render a mapping template.</summary>
internal static class Verbs
{
    public static async Task<int> RunAsync(AppHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });

        var console = new ResourceConsole(Console.Out, color: !Console.IsOutputRedirected);
        var stackOptions = options.ToLocalStackOptions() with
        {
            OtlpEndpoint = Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"),
            ConfigureLogging = logging => logging
                .SetMinimumLevel(LogLevel.Information)
                .AddFilter("Microsoft", LogLevel.Warning)
                // A server that cannot start is reported once, below, in plain words.
                .AddFilter("Microsoft.Extensions.Hosting", LogLevel.None)
                .AddProvider(new ResourceConsoleLoggerProvider(console, TimeProvider.System)),
        };

        LocalStack stack;
        try
        {
            stack = await LocalStack.StartAsync(stackOptions, console, stop.Token);
        }
        catch (TemplateErrorsException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 130;
        }
        catch (IOException e) when (e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            Console.Error.WriteLine($"The local stack could not start: {e.Message} Choose free ports with --gateway-port, --lambda-port, --dynamodb-port, --dashboard-port, --otlp-grpc-port and --otlp-http-port (0 picks any free port).");
            return 1;
        }
        catch (Exception e) when (e is InvalidOperationException or FileNotFoundException or IOException)
        {
            Console.Error.WriteLine($"The local stack could not start: {e.Message}");
            return 1;
        }

        await using (stack)
        {
            PrintBanner(stack, Console.Out);
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
                Console.Out.WriteLine();
                Console.Out.WriteLine($"Stopping: closing {stack.Connections.Count} connection(s) with $disconnect, then every process…");
            }
            await stack.StopAsync();
        }
        Console.Out.WriteLine("Stopped.");
        return 0;
    }

    public static int Validate(AppHostOptions options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var result = TemplateLoader.Load(options.TemplatePath, new StackEnvironment
        {
            Region = options.Region,
            GatewayAuthority = $"{options.Host}:{options.GatewayPort}",
            ParameterOverrides = options.Parameters,
        });
        foreach (var diagnostic in result.Diagnostics)
        {
            output.WriteLine(diagnostic);
        }
        var errors = result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        var warnings = result.Diagnostics.Count - errors;
        output.WriteLine(errors == 0
            ? $"{options.TemplatePath}: valid ({warnings} warning(s))"
            : $"{options.TemplatePath}: {errors} error(s), {warnings} warning(s)");
        return errors == 0 ? 0 : 1;
    }

    private static void PrintBanner(LocalStack stack, TextWriter output)
    {
        output.WriteLine();
        if (stack.DashboardUrl is { } dashboard)
        {
            output.WriteLine($"  Dashboard        {dashboard}");
        }
        output.WriteLine($"  WebSocket URL    {stack.WebSocketUrl}");
        output.WriteLine($"  Try it           wscat --header token:hello -c {stack.WebSocketUrl}   (wscat: AppHost/node/node_modules/.bin/wscat)");
        output.WriteLine($"  @connections     {stack.ConnectionsEndpoint}/@connections/{{connectionId}}");
        output.WriteLine($"  DynamoDB         {stack.DynamoDbEndpoint}");
        output.WriteLine($"  Lambda runtime   http://{stack.Stack.Environment.GatewayAuthority.Split(':')[0]}:{stack.LambdaPort}/{{function}}/2018-06-01/runtime");
        if (stack.Stack.Outputs.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("  Outputs (local values):");
            foreach (var item in stack.Stack.Outputs)
            {
                output.WriteLine($"    {item.LogicalId,-22} {item.Value}");
            }
        }
        output.WriteLine();
        output.WriteLine("  Press Ctrl+C to stop.");
        output.WriteLine();
    }
}
