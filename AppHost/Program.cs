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

await builder.Build().RunAsync();
return 0;
