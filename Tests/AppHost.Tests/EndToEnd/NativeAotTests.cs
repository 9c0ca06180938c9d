using System.Diagnostics;
using WebSocketAspire.Infrastructure.Hosting.Local;
using WebSocketAspire.Infrastructure.Hosting.Processes;
using WebSocketAspire.Tests.AppHost.Support;

namespace WebSocketAspire.Tests.AppHost.EndToEnd;

/// <summary>The sample stack with <c>--native-aot</c>: its functions published (once per change) beside their project.</summary>
public sealed class NativeAotStackFixture : StackFixture
{
    protected override bool NativeAot => true;
}

[CollectionDefinition(Name)]
public sealed class NativeAotCollection : ICollectionFixture<NativeAotStackFixture>
{
    public const string Name = "local stack, native functions";
}

/// <summary>
/// <c>--native-aot</c>: the sample's .NET functions run as the native <c>bootstrap</c> their project
/// publishes, as Lambda's <c>provided.al2023</c> runs them, and the README's exchange still holds.
/// </summary>
[Collection(NativeAotCollection.Name)]
public sealed class NativeAotTests(NativeAotStackFixture fixture)
{
    private static string ProjectAssets => Path.Combine(RepositoryLayout.Root, "Functions", "obj", "project.assets.json");

    [SkippableFact]
    public async Task The_functions_run_as_their_native_publish_and_the_sample_exchange_holds()
    {
        // The publish keeps its intermediate files in obj/native-aot: the project's own restore
        // (what the IDE and `dotnet build` read) must not be redone for another runtime.
        var assetsBefore = File.Exists(ProjectAssets) ? File.ReadAllText(ProjectAssets) : null;

        await fixture.StartAsync();
        await using var client = await TestClient.ConnectAsync(fixture.Url, StackFixture.Hello);
        var connectionId = await client.LearnConnectionIdAsync();
        Assert.True(await fixture.HasConnectionRowAsync(connectionId), "the native $connect function should have stored the connection id");
        await client.SendAsync("""{"action":"sendmessage","message":"hey queen"}""");
        Assert.Equal(StackFixture.Reply, await client.ReceiveAsync());

        var published = NativeAotPublisher.OutputFolder(Path.Combine(RepositoryLayout.Root, "Functions"));
        foreach (var function in fixture.Stack.Functions)
        {
            var executable = ExecutableOf(function, "");
            Assert.StartsWith(published, executable, StringComparison.Ordinal);
            Assert.Equal("bootstrap", Path.GetFileNameWithoutExtension(executable));
        }

        await client.CloseAsync();
        await Eventually.TrueAsync(async () => !await fixture.HasConnectionRowAsync(connectionId), "the native $disconnect function deleted the row");
        Assert.Equal(assetsBefore, File.Exists(ProjectAssets) ? File.ReadAllText(ProjectAssets) : null);
        Assert.Equal(1, Publishes());

        // The dashboard's Restart publishes again, so a restart runs the code as it is now.
        Assert.True(await fixture.Stack.RestartFunctionAsync("SendMessageFunction"));
        Assert.Equal(2, Publishes());
        await using var again = await TestClient.ConnectAsync(fixture.Url, StackFixture.Hello);
        await again.SendAsync("""{"action":"sendmessage","message":"after the restart"}""");
        Assert.Equal(StackFixture.Reply, await again.ReceiveAsync());
        await again.CloseAsync();
    }

    /// <summary>The executable file of <paramref name="function"/>'s running process.</summary>
    private static string ExecutableOf(FunctionResource function, string log)
    {
        var pid = function.ProcessId ?? throw new Xunit.Sdk.XunitException($"{function.Name} has no running process\n{log}");
        using var process = Process.GetProcessById(pid);
        return process.MainModule!.FileName;
    }

    /// <summary>A console project whose executable is named <c>bootstrap</c>, as Lambda's provided runtimes run it.</summary>
    private static void WriteBootstrapProject(string folder, string fileName) =>
        File.WriteAllText(Path.Combine(folder, fileName), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <AssemblyName>bootstrap</AssemblyName>
                <InvariantGlobalization>true</InvariantGlobalization>
              </PropertyGroup>
            </Project>
            """);

    private int Publishes() => fixture.Log.Split('\n').Count(l => l.Contains("published Functions.csproj in", StringComparison.Ordinal));

    [Fact]
    public void A_code_folder_without_exactly_one_project_is_named_with_what_it_holds()
    {
        var folder = Directory.CreateTempSubdirectory("wsa-aot-").FullName;
        try
        {
            var none = Assert.Throws<InvalidOperationException>(() => NativeAotPublisher.Project(folder));
            Assert.Contains($"CodeUri '{folder}' must hold exactly one .NET project to publish; it holds none", none.Message, StringComparison.Ordinal);

            File.WriteAllText(Path.Combine(folder, "A.csproj"), "<Project />");
            File.WriteAllText(Path.Combine(folder, "B.fsproj"), "<Project />");
            var two = Assert.Throws<InvalidOperationException>(() => NativeAotPublisher.Project(folder));
            Assert.Contains("it holds A.csproj, B.fsproj", two.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [SkippableFact]
    public async Task Changed_code_runs_in_the_restarted_function_at_once_and_in_the_others_after_a_reload()
    {
        RequiredTool.Require("node", "to run dynalite, the local DynamoDB");
        var folder = Directory.CreateTempSubdirectory("wsa-aot-").FullName;
        var code = Directory.CreateDirectory(Path.Combine(folder, "code")).FullName;
        WriteBootstrapProject(code, "Sleeper.csproj");
        // The function prints its version, then waits on its stdin, which the stack keeps open while it runs.
        void Version(string name) => File.WriteAllText(Path.Combine(code, "Program.cs"), $"System.Console.WriteLine(\"{name}\"); System.Console.ReadLine();\n");
        Version("version one");
        var template = Path.Combine(folder, "template.yaml");
        File.WriteAllText(template, DefaultRouteTemplate.Text("sleepers", "First",
            [new("First", "provided.al2023", "bootstrap", code), new("Second", "provided.al2023", "bootstrap", code)]));
        var log = new StringWriter();
        LocalStack? stack = null;
        try
        {
            stack = await LocalStack.StartAsync(new LocalStackOptions
            {
                TemplatePath = template,
                DataDirectory = Path.Combine(folder, "data"),
                NativeAot = true,
                WatchTemplate = false,
            }, ResourceConsole.To(TextWriter.Synchronized(log)), CancellationToken.None);
            var running = stack;
            string Executable(string function) => ExecutableOf(running.Functions.Single(f => f.Name == function), log.ToString());
            var first = Executable("First");
            Assert.Equal(first, Executable("Second"));

            Version("version two");
            Assert.True(await stack.RestartFunctionAsync("First"));
            await Eventually.TrueAsync(() => Task.FromResult(Executable("First") != first), "the restarted function runs the new executable");
            Assert.Equal(first, Executable("Second"));

            Assert.True(await stack.ReloadAsync(CancellationToken.None), log.ToString());
            await Eventually.TrueAsync(() => Task.FromResult(Executable("Second") == Executable("First")), "after the reload every function runs the new executable");
            await Eventually.TrueAsync(() => Task.FromResult(log.ToString().Split('\n').Any(l => l.StartsWith("Second#", StringComparison.Ordinal) && l.EndsWith("| version two", StringComparison.Ordinal))),
                "the second function printed the new version");
        }
        finally
        {
            if (stack is not null)
            {
                await stack.StopAsync();
            }
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_function_that_does_not_compile_fails_the_publish_with_its_errors()
    {
        var folder = Directory.CreateTempSubdirectory("wsa-aot-").FullName;
        try
        {
            WriteBootstrapProject(folder, "Broken.csproj");
            File.WriteAllText(Path.Combine(folder, "Program.cs"), "this is not C#\n");
            var log = new StringWriter();

            var error = await Assert.ThrowsAsync<FunctionPublishException>(
                () => NativeAotPublisher.PublishAsync(folder, ResourceConsole.To(log), CancellationToken.None));

            Assert.Contains($"dotnet publish of {Path.Combine(folder, "Broken.csproj")} failed with exit code 1:", error.Message, StringComparison.Ordinal);
            Assert.Contains("Program.cs(1,", error.Message, StringComparison.Ordinal);
            Assert.Contains("error CS", error.Message, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(NativeAotPublisher.OutputFolder(folder), "bootstrap")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_publish_stays_beside_the_project_and_its_intermediate_files_out_of_its_own_obj()
    {
        var codeUri = Path.Combine(RepositoryLayout.Root, "Functions");
        var command = NativeAotPublisher.Command(Path.Combine(codeUri, "Functions.csproj"), codeUri);
        Assert.Equal("dotnet", command.FileName);
        var arguments = command.ArgumentList.ToList();
        Assert.Equal(NativeAotPublisher.StagingFolder(codeUri), arguments[arguments.IndexOf("-o") + 1]);
        Assert.Equal(Path.Combine(codeUri, "obj", "native-aot"), arguments[arguments.IndexOf("--artifacts-path") + 1]);
        Assert.Contains("-p:PublishAot=true", arguments);
        Assert.Contains("-p:EnableSourceControlManagerQueries=false", arguments);
        var rid = arguments[arguments.IndexOf("-r") + 1];
        Assert.Equal(NativeAotPublisher.RuntimeIdentifier, rid);
        Assert.Matches("^(linux|linux-musl|osx|win)-(x64|arm64|x86|arm)$", rid);
        Assert.Equal(Path.Combine(codeUri, "bin", "native-aot", rid), NativeAotPublisher.OutputFolder(codeUri));
    }

    [Fact]
    public void Each_executable_is_kept_under_its_content_so_a_new_publish_never_touches_a_running_one()
    {
        var folder = Directory.CreateTempSubdirectory("wsa-aot-").FullName;
        try
        {
            var staging = Directory.CreateDirectory(Path.Combine(folder, "staging")).FullName;
            var output = Path.Combine(folder, "output");
            File.WriteAllText(Path.Combine(staging, "bootstrap"), "first");
            var first = NativeAotPublisher.Install(staging, output);
            using var running = File.OpenRead(first);

            File.WriteAllText(Path.Combine(staging, "bootstrap"), "second build");
            var second = NativeAotPublisher.Install(staging, output);
            File.WriteAllText(Path.Combine(staging, "bootstrap"), "first");
            var again = NativeAotPublisher.Install(staging, output);

            Assert.NotEqual(first, second);
            Assert.Equal(first, again);
            Assert.Equal("second build", File.ReadAllText(second));
            Assert.Equal("first", new StreamReader(running).ReadToEnd());
            Assert.Equal(2, Directory.GetDirectories(output).Length);

            // Only the newest few versions are kept.
            for (var i = 0; i < 7; i++)
            {
                File.WriteAllText(Path.Combine(staging, "bootstrap"), $"build {i}");
                NativeAotPublisher.Install(staging, output);
            }
            Assert.Equal(5, Directory.GetDirectories(output).Length);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
