using WebSocketAspire.Tests.AppHost.Support;

namespace WebSocketAspire.Tests.AppHost.Deploy;

/// <summary>
/// Every template in the repository that is meant to deploy passes what AWS checks before a deploy:
/// cfn-lint (the CloudFormation resource specification and rules) and the SAM transform itself
/// (aws-sam-translator, with a stand-in S3 CodeUri). A template AWS would reject never lands.
/// </summary>
public sealed class DeployabilityTests
{
    /// <summary>The stack's own template and the fixture stacks written from published samples.</summary>
    public static TheoryData<string> DeployableTemplates()
    {
        var data = new TheoryData<string> { Path.Combine("Infrastructure", "template.yaml") };
        var fixtures = Path.Combine(RepositoryLayout.Root, "Tests", "AppHost.Tests", "Fixtures");
        foreach (var template in Directory.EnumerateFiles(fixtures, "template.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepositoryLayout.Root, template));
        }
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(DeployableTemplates))]
    public async Task Cfn_lint_finds_no_error_or_warning(string template)
    {
        RequiredTool.Require("cfn-lint", "to lint the deployable templates (pip install cfn-lint)");

        var (exitCode, output) = await ToolRun.RunAsync("cfn-lint", RepositoryLayout.Root, template);

        // cfn-lint's exit code is a bit field: 2 errors, 4 warnings, 8 informational.
        Assert.True((exitCode & 0b0110) == 0 && exitCode is 0 or 8, $"cfn-lint {template} exited {exitCode}:\n{output}");
    }

    [SkippableTheory]
    [MemberData(nameof(DeployableTemplates))]
    public async Task The_sam_transform_accepts_it(string template)
    {
        RequiredTool.Require("python3", "to run the SAM translator");
        var (probe, _) = await ToolRun.RunAsync("python3", RepositoryLayout.Root, "-c", "import samtranslator, cfnlint");
        if (probe != 0)
        {
            const string message = "python3 cannot import samtranslator and cfnlint (pip install aws-sam-translator cfn-lint).";
            Assert.False(RequiredTool.IsCi, message);
            Skip.If(true, message);
        }

        var (exitCode, output) = await ToolRun.RunAsync("python3", RepositoryLayout.Root, Path.Combine("Tests", "AppHost.Tests", "Deploy", "sam_translate.py"), template);

        Assert.True(exitCode == 0, output);
        Assert.Contains("transformed to", output, StringComparison.Ordinal);
    }
}
