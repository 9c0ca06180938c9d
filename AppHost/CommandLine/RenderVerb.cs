using Microsoft.Extensions.Logging.Abstractions;
using WebSocketAspire.Infrastructure.Hosting.Local;
using WebSocketAspire.Infrastructure.Gateway;
using WebSocketAspire.Infrastructure.Lambda;
using WebSocketAspire.Infrastructure.Template.Model;

namespace WebSocketAspire.AppHost.CommandLine;

/// <summary>
/// <c>render &lt;routeKey&gt; --body '&lt;json&gt;' [--authorizer key=value]…</c>: prints the payload the
/// route's integration would receive, rendered exactly as the gateway renders it — the local
/// counterpart of the console's test feature. Nothing is started.
/// </summary>
internal static class RenderVerb
{
    public static int Run(AppHostOptions options, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!TryParse(options.VerbArguments, out var routeKey, out var body, out var authorizer, out var problem))
        {
            error.WriteLine(problem);
            error.WriteLine("Usage: dotnet run --project AppHost -- render <routeKey> --body '<json>' [--template path] [--authorizer key=value]…");
            return 2;
        }

        StackModel stack;
        try
        {
            stack = LocalStack.Load(options.ToLocalStackOptions(), options.GatewayPort);
        }
        catch (TemplateErrorsException e)
        {
            error.WriteLine(e.Message);
            return 1;
        }
        if (!stack.Api.Routes.TryGetValue(routeKey, out var route))
        {
            error.WriteLine($"The template has no route '{routeKey}'. Routes: {string.Join(", ", stack.Api.Routes.Keys)}");
            return 1;
        }

        var gateway = new GatewayContext(stack, new LambdaService([], TimeProvider.System, NullLogger.Instance), new ConnectionRegistry(), new RandomIdGenerator(), TimeProvider.System, NullLogger.Instance);
        var sample = SampleEvents.ForRoute(gateway, route, body, authorizer.Count > 0 ? authorizer : null);
        if (sample.Failure is { } failure)
        {
            error.WriteLine(failure);
            return 1;
        }
        output.WriteLine(sample.Payload);
        return 0;
    }

    private static bool TryParse(IReadOnlyList<string> args, out string routeKey, out string? body, out Dictionary<string, object?> authorizer, out string problem)
    {
        routeKey = "";
        body = null;
        authorizer = new Dictionary<string, object?>(StringComparer.Ordinal);
        problem = "";
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--body" when i + 1 < args.Count:
                    body = args[++i];
                    break;
                case "--authorizer" when i + 1 < args.Count:
                    var pair = args[++i];
                    var eq = pair.IndexOf('=', StringComparison.Ordinal);
                    if (eq <= 0)
                    {
                        problem = $"--authorizer expects key=value, got '{pair}'.";
                        return false;
                    }
                    authorizer[pair[..eq]] = pair[(eq + 1)..];
                    break;
                case var arg when arg.StartsWith("--", StringComparison.Ordinal):
                    problem = $"Unknown or incomplete option '{arg}'.";
                    return false;
                case var arg when routeKey.Length == 0:
                    routeKey = arg;
                    break;
                case var arg:
                    problem = $"Unexpected argument '{arg}'.";
                    return false;
            }
        }
        if (routeKey.Length == 0)
        {
            problem = "render needs a route key, e.g. sendmessage.";
            return false;
        }
        return true;
    }
}
