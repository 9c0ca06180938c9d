using System.Diagnostics;

namespace WebSocketAspire.Tests.Functions.Runtime;

/// <summary>The bootstrap started by hand, outside Lambda and the local stack.</summary>
public sealed class OutsideLambdaTests
{
    [Fact]
    public async Task Without_the_runtime_api_variable_it_says_what_is_missing_in_one_line_and_exits_1()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "bootstrap.dll"));
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal) || k.StartsWith("OTEL_", StringComparison.Ordinal) || k == "_HANDLER").ToList())
        {
            start.Environment.Remove(key);
        }
        start.Environment["_HANDLER"] = "sendmessage";

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(1, process.ExitCode);
        var lines = (await error).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.Contains("AWS_LAMBDA_RUNTIME_API is not set", line, StringComparison.Ordinal);
        Assert.Equal("", (await output).Trim());
    }
}
