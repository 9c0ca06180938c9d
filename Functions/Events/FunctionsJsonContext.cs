using System.Text.Json.Serialization;
using WebSocketAspire.Functions.Connections;
using WebSocketAspire.Functions.Runtime;

namespace WebSocketAspire.Functions.Events;

/// <summary>Source-generated (AOT-safe) serialization for every payload the functions read or write.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AuthorizerRequest))]
[JsonSerializable(typeof(AuthorizerResponse))]
[JsonSerializable(typeof(WebSocketProxyEvent))]
[JsonSerializable(typeof(ProxyResponse))]
[JsonSerializable(typeof(SendMessageEvent))]
[JsonSerializable(typeof(RuntimeError))]
[JsonSerializable(typeof(ConnectionInfo))]
[JsonSerializable(typeof(ConnectionsErrorBody))]
internal sealed partial class FunctionsJsonContext : JsonSerializerContext;
