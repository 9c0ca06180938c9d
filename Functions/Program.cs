using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WebSocketAspire.Functions;
using WebSocketAspire.Functions.Runtime;
using WebSocketAspire.ServiceDefaults;

// The host only provides DI, logging and OpenTelemetry; the runtime loop runs here, in Main,
// so the process exits as soon as the loop does (init error, Runtime API failure).
var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults(FunctionsTelemetry.SourceName);
builder.Services.Configure<ConsoleLifetimeOptions>(options => options.SuppressStatusMessages = true);
builder.Services.AddFunctions();

using var host = builder.Build();
await host.StartAsync();

var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
LambdaBootstrap bootstrap;
try
{
    bootstrap = host.Services.GetRequiredService<LambdaBootstrap>();
}
catch (MissingEnvironmentVariableException e)
{
    // Started by hand rather than by Lambda or the local stack: say what is missing, no stack trace.
    Console.Error.WriteLine($"bootstrap: {e.Message} This is a Lambda custom runtime (provided.al2023); run it in Lambda, or through the local stack (dotnet run --project AppHost).");
    await host.StopAsync();
    return 1;
}
var exitCode = await bootstrap.RunAsync(stopping);

host.Services.FlushTelemetry();
await host.StopAsync();
return exitCode;
