using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using ExchangeRules.Cli.Commands;
using ExchangeRules.Mime;
using ExchangeRules.Testing;
using Xunit;

namespace ExchangeRules.Cli.Tests.Commands;

public sealed class TestCommandTests : IDisposable
{
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    [Fact]
    public void Test_TheSampleCasesShippedWithTheSampleRules_AllPass()
    {
        var exit = Run("test", SampleCases());

        Assert.True(exit == TestCommand.Passed, _output.ToString() + _error);
        Assert.Contains("8 case(s): 8 passed, 0 failed.", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Test_CasesThatHold_PassWithTheRealEditor()
    {
        var exit = Run("test", Fixture("cases.json"));

        Assert.Equal(TestCommand.Passed, exit);
        Assert.Contains("PASS  Mixed recipients: only the outside copy carries the disclaimer", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Test_WrongExpectations_FailWithOneReadableLinePerDifferenceAndTheRuleTrace()
    {
        var exit = Run("test", Fixture("failing-cases.json"));

        Assert.Equal(TestCommand.Failed, exit);
        var lines = _output.ToString().Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        Assert.Contains("FAIL  Expects a disclaimer on the internal copy", lines);
        Assert.Contains("      carol@contoso.com (copy 2): outcome: expected changed, got unchanged", lines);
        Assert.Contains("        rules: expected [Disclaimer for outside recipients], got []", lines);
        Assert.Contains(lines, line => line.StartsWith("          - Disclaimer for outside recipients: not applied", StringComparison.Ordinal));
        Assert.Contains("        blocks: expected [disclaimer@top], got []", lines);
        Assert.Contains("        header X-Tag: expected \"yes\", got absent", lines);
        Assert.Contains(lines, line => line.Contains("nobody@contoso.com: not an envelope recipient of this case (recipients: pat@fabrikam.com)", StringComparison.Ordinal));
        Assert.Contains("PASS  Passes", lines);
        Assert.Contains("3 case(s): 1 passed, 2 failed.", lines);
    }

    [Fact]
    public void Test_FailClosedRuleThatCannotBeEvaluated_IsExpectedAsDeferred()
    {
        var exit = Run("test", Fixture("failclosed-cases.json"));

        Assert.True(exit == TestCommand.Passed, _output.ToString());
    }

    [Fact]
    public void Test_RulesOption_OverridesTheCasesFileAndTheChangeIsCaught()
    {
        var exit = Run("test", "--rules", Fixture("new-rules.xml"), Fixture("cases.json"));

        Assert.Equal(TestCommand.Failed, exit);
        Assert.Contains("carol@contoso.com (copy 2): outcome: expected unchanged, got changed", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("subject: expected \"Mixed\", got \"[INT] Mixed\"", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Test_MisspeltProperty_IsASetupErrorNamingFileLineAndColumn()
    {
        var exit = Run("test", Fixture("typo-cases.json"));

        Assert.Equal(TestCommand.SetupFailed, exit);
        Assert.Contains(Fixture("typo-cases.json") + ":8:", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains("outcom", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Test_ExpectationThatChecksNothingOrMissingMessage_IsRejectedBeforeAnythingRuns()
    {
        var exit = Run("test", Fixture("empty-expectation-cases.json"));

        Assert.Equal(TestCommand.SetupFailed, exit);
        var error = _error.ToString();
        Assert.Contains("$.cases[0] \"Checks nothing\": expect[\"*\"] checks nothing", error, StringComparison.Ordinal);
        Assert.Contains("$.cases[1] \"Missing message\": message file 'messages/none.eml' does not exist", error, StringComparison.Ordinal);
        Assert.DoesNotContain("PASS", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Test_InvalidRules_AreASetupErrorWithTheirLocation()
    {
        var broken = Path.Combine(AppContext.BaseDirectory, "TestData", "Apply", "broken-rules.xml");

        var exit = Run("test", "--rules", broken, Fixture("cases.json"));

        Assert.Equal(TestCommand.SetupFailed, exit);
        Assert.Contains(broken + ":5:", _error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _output.Dispose();
        _error.Dispose();
    }

    internal static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "Replay", name);

    /// <summary>The repository's samples/rules/cases.json, found by walking up from the test output folder.</summary>
    private static string SampleCases() => Path.Combine(TestRepository.Root, "samples", "rules", "cases.json");

    private int Run(params string[] args)
    {
        var root = new RootCommand { TestCommand.Create(() => new MimeMessageEditor()), DiffCommand.Create(() => new MimeMessageEditor()) };
        return root.Parse(args).Invoke(new InvocationConfiguration { Output = _output, Error = _error });
    }
}
