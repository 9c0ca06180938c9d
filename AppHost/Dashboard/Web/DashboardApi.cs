using Microsoft.AspNetCore.Mvc;
using WebSocketAspire.AppHost.Dashboard.Telemetry;

namespace WebSocketAspire.AppHost.Dashboard.Web;

/// <summary>The read-only JSON API the page polls; every handler is a query on the repository or the resource source.</summary>
internal static class DashboardApi
{
    private const int MaxLimit = 10_000;

    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder endpoints, TelemetryRepository repository, IResourceSource resources)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(resources);
        var json = DashboardJsonContext.Default;
        var api = endpoints.MapGroup("/api");
        api.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            return await next(context);
        });

        api.MapGet("/resources", () =>
            TypedResults.Json<IReadOnlyList<ResourceDto>>([.. resources.Snapshot().Select(ApiMapper.ToDto)], json.IReadOnlyListResourceDto));

        api.MapGet("/services", () => TypedResults.Json(repository.Services(), json.IReadOnlyListString));

        // Resources known to the AppHost plus anything that wrote console output (e.g. before it was registered).
        api.MapGet("/console", () => TypedResults.Json<IReadOnlyList<string>>(
            [.. resources.Snapshot().Select(r => r.Name).Concat(repository.ConsoleResources()).Distinct(StringComparer.Ordinal)],
            json.IReadOnlyListString));

        api.MapGet("/console/{resource}", (string resource, [FromQuery] long? after, [FromQuery] int? limit) =>
            TypedResults.Json(ApiMapper.ToDto(repository.ConsoleLines(resource, after ?? 0, Limit(limit, 2_000))), json.ConsoleDto));

        api.MapGet("/logs", ([FromQuery] string? service, [FromQuery] string? severity, [FromQuery] string? contains, [FromQuery] string? traceId, [FromQuery] int? limit) =>
        {
            var query = new LogQuery
            {
                Service = service,
                MinimumSeverity = LogSeverities.Parse(severity),
                Contains = contains,
                TraceId = traceId,
                Limit = Limit(limit, 500),
            };
            return TypedResults.Json<IReadOnlyList<LogDto>>([.. repository.Logs(query).Select(ApiMapper.ToDto)], json.IReadOnlyListLogDto);
        });

        api.MapGet("/traces", ([FromQuery] string? service, [FromQuery] int? limit) =>
            TypedResults.Json<IReadOnlyList<TraceSummaryDto>>(
                [.. repository.Traces(new TraceQuery { Service = service, Limit = Limit(limit, 200) }).Select(ApiMapper.ToDto)],
                json.IReadOnlyListTraceSummaryDto));

        api.MapGet("/traces/{traceId}", IResult (string traceId) =>
            repository.Trace(traceId.ToLowerInvariant()) is { } trace
                ? TypedResults.Json(ApiMapper.ToDto(trace), json.TraceDetailDto)
                : TypedResults.NotFound());

        return endpoints;
    }

    private static int Limit(int? requested, int fallback) => Math.Clamp(requested ?? fallback, 1, MaxLimit);
}
