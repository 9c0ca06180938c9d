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
var exitCode = await host.Services.GetRequiredService<LambdaBootstrap>().RunAsync(stopping);

host.Services.FlushTelemetry();
await host.StopAsync();
return exitCode;
