using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebSocketAspire.AppHost.Dashboard.Web;

/// <summary>Source-generated serializers for every /api payload.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(IReadOnlyList<ResourceDto>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(ConsoleDto))]
[JsonSerializable(typeof(IReadOnlyList<LogDto>))]
[JsonSerializable(typeof(IReadOnlyList<TraceSummaryDto>))]
[JsonSerializable(typeof(TraceDetailDto))]
internal sealed partial class DashboardJsonContext : JsonSerializerContext;
