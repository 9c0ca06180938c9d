using System.Reflection;
using WebSocketAspire.Infrastructure.Template;
using WebSocketAspire.Infrastructure.Template.Model;

namespace WebSocketAspire.Benchmarks;

/// <summary>The stack the benchmarks measure: Infrastructure/template.yaml itself, not a copy.</summary>
internal static class StackTemplates
{
    public static string RepositoryRoot { get; } =
        typeof(StackTemplates).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "RepositoryRoot").Value!;

    public static StackModel Load()
    {
        var path = Path.Combine(RepositoryRoot, "Infrastructure", "template.yaml");
        var result = TemplateLoader.Load(path, new StackEnvironment());
        return result.Stack ?? throw new InvalidOperationException(string.Join(Environment.NewLine, result.Diagnostics));
    }
}
