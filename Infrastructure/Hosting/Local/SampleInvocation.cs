using WebSocketAspire.Infrastructure.Gateway;
using WebSocketAspire.Infrastructure.Lambda;

namespace WebSocketAspire.Infrastructure.Hosting.Local;

/// <summary>What the dashboard's Invoke command ran: the sample event, and the result (null when no sample could be made).</summary>
internal sealed record SampleInvocation(SampleEvent Sample, InvocationResult? Result);
