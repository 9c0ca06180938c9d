namespace WebSocketAspire.Functions.Handlers;

/// <summary>A handler as a function of a typed event and its dependencies; JSON stays in the adapter.</summary>
internal interface IEventHandler<in TEvent, TResult>
{
    Task<TResult> HandleAsync(TEvent input, CancellationToken cancellationToken);
}
