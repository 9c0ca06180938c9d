using WebSocketAspire.AppHost.CommandLine;
using WebSocketAspire.AppHost.Orchestration;

AppHostOptions options;
try
{
    options = AppHostOptions.Parse(args, RepositoryLayout.Root);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(AppHostOptions.Usage);
    return 2;
}

return options.Verb switch
{
    "validate" => Verbs.Validate(options, Console.Out),
    "render" => RenderVerb.Run(options, Console.Out, Console.Error),
    _ => await Verbs.RunAsync(options),
};
