using WebSocketAspire.AppHost.CommandLine;

AppHostOptions options;
try
{
    options = AppHostOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(AppHostOptions.Usage);
    return 2;
}

switch (options.Verb)
{
    case "validate":
        return Verbs.Validate(options, Console.Out);
    case "render":
        return RenderVerb.Run(options, Console.Out, Console.Error);
}

var builder = DistributedApplication.CreateBuilder(options.ToAspireOptions());

builder.AddWebSocketStack("stack", options.TemplatePath, options.ApplyTo);

// Disposed even when Ctrl+C cancels Aspire's start: the stack, already serving, then stops as it
// does on any Ctrl+C (every $disconnect, then every process).
await using var app = builder.Build();
try
{
    await app.RunAsync();
}
catch (OperationCanceledException)
{
    // Ctrl+C before Aspire finished starting.
}
return 0;
