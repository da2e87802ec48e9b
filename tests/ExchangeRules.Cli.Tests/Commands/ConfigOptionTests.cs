using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using ExchangeRules.Cli.Commands;
using ExchangeRules.Cli.Tests.Support;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Processing;
using ExchangeRules.Templates;
using ExchangeRules.Testing;
using Xunit;

namespace ExchangeRules.Cli.Tests.Commands;

/// <summary>
/// <c>--config</c> on every command that compiles rules besides validate and apply (test, diff, lint, hybrid-check,
/// serve): a field the agent configuration declares is accepted with it and refused without it, and template errors
/// name the admin's file, line and column once (the agent folder of TestData/CustomFields).
/// </summary>
public sealed class ConfigOptionTests : IDisposable
{
    private const string _unknownCostCenter = "signature.html:3:16: template 'signature' html: unknown field 'sender.costCenter';";

    private readonly CustomFieldsAgentFolder _agentFolder = new("exrules-config-option-");

    public ConfigOptionTests()
    {
        File.WriteAllText(Path.Combine(_agentFolder.Path, "cases.json"), """
            {
              "rules": "Rules/rules.xml",
              "cases": [
                {
                  "name": "The signature with the declared cost centre",
                  "message": "message.eml",
                  "origin": "authenticated",
                  "expect": { "partner@external.example": { "outcome": "changed", "rules": ["Signature with the cost centre"] } }
                }
              ]
            }
            """);
    }

    private string Configuration => _agentFolder.Configuration;

    private string Rules => _agentFolder.Rules;

    private string Cases => Path.Combine(_agentFolder.Path, "cases.json");

    [Fact]
    public void Validate_UndeclaredField_NamesTheTemplateFileLineAndColumnOnce()
    {
        var (exitCode, _, error) = Run("validate", Rules);

        Assert.Equal(ValidateCommand.Invalid, exitCode);
        var html = Path.Combine(_agentFolder.Path, "Rules", "signature.html");
        var line = Assert.Single(error.Split('\n'), each => each.Contains("signature.html", StringComparison.Ordinal));
        Assert.StartsWith(html + ":3:16: template 'signature' html: unknown field 'sender.costCenter'; a person has the fields", line, StringComparison.Ordinal);
        Assert.Equal(line.IndexOf(html, StringComparison.Ordinal), line.LastIndexOf(html, StringComparison.Ordinal));
        Assert.Equal(line.IndexOf(":3:16:", StringComparison.Ordinal), line.LastIndexOf(":3:16:", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_InlineTemplateError_IsAtTheRulesFileLineOnce()
    {
        File.WriteAllText(Rules, File.ReadAllText(Rules).Replace(
            "<text file=\"signature.txt\"/>",
            "<text><![CDATA[Regards\n{{ sender.titel }}]]></text>",
            StringComparison.Ordinal));

        var (exitCode, _, error) = Run("validate", "--config", Configuration, Rules);

        Assert.Equal(ValidateCommand.Invalid, exitCode);
        var line = Assert.Single(error.Split('\n'), each => each.Contains("sender.titel", StringComparison.Ordinal));
        // The CDATA opens on line 6 of rules.xml; the field is on its second line, column 4.
        Assert.StartsWith(Rules + ":7:4: template 'signature' text: unknown field 'sender.titel' (did you mean 'title'?)", line, StringComparison.Ordinal);
        Assert.Equal(line.IndexOf(Rules, StringComparison.Ordinal), line.LastIndexOf(Rules, StringComparison.Ordinal));
    }

    [Fact]
    public void Test_WithTheConfiguration_RunsTheCasesWithTheDeclaredFields()
    {
        var (exitCode, output, error) = Run("test", "--config", Configuration, Cases);

        Assert.True(exitCode == TestCommand.Passed, output + error);
        Assert.Contains("1 case(s): 1 passed, 0 failed.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_WithoutTheConfiguration_RefusesTheUndeclaredField()
    {
        var (exitCode, _, error) = Run("test", Cases);

        Assert.Equal(TestCommand.SetupFailed, exitCode);
        Assert.Contains(_unknownCostCenter, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_InvalidConfiguration_RunsNoCase()
    {
        BreakConfiguration();

        var (exitCode, output, error) = Run("test", "--config", Configuration, Cases);

        Assert.Equal(TestCommand.SetupFailed, exitCode);
        Assert.Contains(Configuration + ":7:", error, StringComparison.Ordinal);
        Assert.Contains("no case was run", error, StringComparison.Ordinal);
        Assert.DoesNotContain("case(s):", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_WithTheConfiguration_ReplaysBothRuleSets()
    {
        var (exitCode, output, error) = Run("diff", "--old", Rules, "--new", Rules, "--config", Configuration, "--origin", "Authenticated", _agentFolder.Path);

        Assert.True(exitCode == DiffCommand.Same, output + error);
    }

    [Fact]
    public void Diff_WithoutTheConfiguration_RefusesTheUndeclaredField()
    {
        var (exitCode, _, error) = Run("diff", "--old", Rules, "--new", Rules, "--origin", "Authenticated", _agentFolder.Path);

        Assert.Equal(DiffCommand.Failed, exitCode);
        Assert.Contains(_unknownCostCenter, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_WithTheConfiguration_LintsTheRules()
    {
        var (exitCode, output, error) = Run("lint", "--rules", Rules, "--config", Configuration);

        Assert.True(exitCode != LintCommand.Failed, output + error);
        Assert.DoesNotContain("unknown field", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_WithoutTheConfiguration_RefusesTheUndeclaredField()
    {
        var (exitCode, _, error) = Run("lint", "--rules", Rules);

        Assert.Equal(LintCommand.Failed, exitCode);
        Assert.Contains(_unknownCostCenter, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_InvalidConfiguration_IsReportedAtItsAttribute()
    {
        BreakConfiguration();

        var (exitCode, _, error) = Run("lint", "--rules", Rules, "--config", Configuration);

        Assert.Equal(LintCommand.Failed, exitCode);
        Assert.Contains(Configuration + ":7:", error, StringComparison.Ordinal);
        Assert.Contains("the rules were not linted", error, StringComparison.Ordinal);
    }

    [Fact]
    public void HybridCheck_WithTheConfiguration_RunsTheRulesOnEveryFlow()
    {
        var (exitCode, output, error) = Run("hybrid-check", "--org", Sample("org", "contoso-hybrid.xml"), "--rules", Rules, "--config", Configuration);

        Assert.True(exitCode != HybridCheckCommand.InvalidInput, output + error);
        Assert.Empty(error);
        Assert.Contains("agent running the rules in " + Rules, output, StringComparison.Ordinal);
        Assert.Contains("flows are processed by the agent.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void HybridCheck_WithoutTheConfiguration_RefusesTheUndeclaredField()
    {
        var (exitCode, _, error) = Run("hybrid-check", "--org", Sample("org", "contoso-hybrid.xml"), "--rules", Rules);

        Assert.Equal(HybridCheckCommand.InvalidInput, exitCode);
        Assert.Contains(_unknownCostCenter, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_WithTheConfiguration_StartsWithTheRules()
    {
        using var text = new StringWriter();
        var output = TextWriter.Synchronized(text);
        using var error = new StringWriter();
        using var stop = new CancellationTokenSource();
        var root = new RootCommand { ServeCommand.Create() };
        var serving = root.Parse(new[]
            {
                "serve", "--org", Sample("org", "contoso-hybrid.xml"), "--rules", Rules, "--config", Configuration,
                "--listen", "127.0.0.1:0", "--deliver", Path.Combine(_agentFolder.Path, "delivered"),
            })
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, stop.Token);

        // Waits for the start-up line, not for a time: serve either listens or ends with the reason.
        while (!serving.IsCompleted && !text.ToString().Contains("listening on", StringComparison.Ordinal))
        {
            await Task.Delay(20);
        }

        await stop.CancelAsync();
        Assert.True(await serving == 0, text + error.ToString());
        Assert.Contains("running " + Rules, text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_WithoutTheConfiguration_RefusesTheUndeclaredFieldAndDoesNotStart()
    {
        var (exitCode, output, error) = Run("serve", "--org", Sample("org", "contoso-hybrid.xml"), "--rules", Rules, "--listen", "127.0.0.1:0", "--deliver", Path.Combine(_agentFolder.Path, "delivered"));

        Assert.Equal(1, exitCode);
        Assert.Contains(_unknownCostCenter, error, StringComparison.Ordinal);
        Assert.DoesNotContain("listening on", output, StringComparison.Ordinal);
    }

    public void Dispose() => _agentFolder.Dispose();

    private static (int ExitCode, string Output, string Error) Run(params string[] args) => Exrules.Run(args);

    private static string Sample(string folder, string file) => Path.Combine(TestRepository.Root, "samples", folder, file);

    private void BreakConfiguration() =>
        File.WriteAllText(Configuration, File.ReadAllText(Configuration).Replace("ldap=\"contoso-CostCenter\"", "ldap=\"contoso CostCenter\"", StringComparison.Ordinal));
}
