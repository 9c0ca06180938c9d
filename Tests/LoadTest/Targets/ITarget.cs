namespace WebSocketAspire.LoadTest.Targets;

/// <summary>A running WebSocket stack with the sample's pattern: where clients connect, where its connection table lives, and its process tree.</summary>
internal interface ITarget : IAsyncDisposable
{
    string Name { get; }
    Uri Url { get; }
    Uri DynamoDbEndpoint { get; }
    string TableName { get; }
    /// <summary>The root of the target's process tree, for its resident memory.</summary>
    int RootProcessId { get; }
}
