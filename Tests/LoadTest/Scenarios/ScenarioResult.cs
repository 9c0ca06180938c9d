using System.Globalization;

namespace WebSocketAspire.LoadTest.Scenarios;

/// <summary>One line of the report.</summary>
internal sealed record ScenarioResult(string Scenario, string Target, string Rate, double P50, double P99, string Notes)
{
    public string ToMarkdown() =>
        $"| {Scenario} | {Target} | {Rate} | {Ms(P50)} | {Ms(P99)} | {Notes} |";

    public static string Header => "| scenario | target | rate | p50 | p99 | notes |\n|---|---|---:|---:|---:|---|";

    private static string Ms(double value) =>
        double.IsNaN(value) ? "–" : value < 10 ? value.ToString("0.00", CultureInfo.InvariantCulture) + " ms" : value.ToString("0", CultureInfo.InvariantCulture) + " ms";

    public static string Megabytes(long bytes) => (bytes / 1024.0 / 1024).ToString("0", CultureInfo.InvariantCulture) + " MB";
}
