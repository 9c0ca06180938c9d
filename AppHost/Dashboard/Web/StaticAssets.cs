using System.Reflection;

namespace WebSocketAspire.AppHost.Dashboard.Web;

/// <summary>Serves the page, its script and its stylesheet from resources embedded in this assembly.</summary>
internal static class StaticAssets
{
    // Everything is same-origin and nothing is inline, so the policy can forbid the rest outright.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static IEndpointRouteBuilder MapDashboardAssets(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        Map(endpoints, "/", "index.html", "text/html; charset=utf-8");
        Map(endpoints, "/app.js", "app.js", "text/javascript; charset=utf-8");
        Map(endpoints, "/app.css", "app.css", "text/css; charset=utf-8");
        return endpoints;
    }

    private static void Map(IEndpointRouteBuilder endpoints, string path, string asset, string contentType)
    {
        var bytes = Load(asset);
        endpoints.MapGet(path, (HttpContext context) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.CacheControl = "no-cache";
            return TypedResults.Bytes(bytes, contentType);
        });
    }

    private static byte[] Load(string asset)
    {
        // Logical names are fixed in the project file (Dashboard.Assets.{file}).
        var name = "Dashboard.Assets." + asset;
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded dashboard asset '{name}' is missing; check the EmbeddedResource item in the project file.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
