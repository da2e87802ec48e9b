using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using ExchangeRules.Cli.Commands;
using ExchangeRules.Testing;
using Xunit;

namespace ExchangeRules.Cli.Tests.Commands;

public sealed class LintCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "exrules-lint-" + Guid.NewGuid().ToString("N"));
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    [Fact]
    public void Lint_ExchangeRuleThatAlsoAppendsADisclaimer_WarnsOfDoubleDisclaimersWithThePowerShellFix()
    {
        var exit = Run("--rules", Fixture("rules.xml"), "--transport-rules", Fixture("transport-rules.json"));

        Assert.Equal(LintCommand.Warnings, exit);
        var lines = Lines();
        var index = lines.FindIndex(line => line.StartsWith(Fixture("rules.xml") + ":38:4: warning: Exchange transport rule 'Company disclaimer'", StringComparison.Ordinal));
        Assert.True(index >= 0, _output.ToString());
        Assert.Contains("stamps with a disclaimer: recipients get both (double disclaimers)", lines[index], StringComparison.Ordinal);
        Assert.Equal("    fix: PowerShell: Disable-TransportRule -Identity 'Company disclaimer'   (bring it over first with exrules import transport-rules)", lines[index + 1]);
        Assert.DoesNotContain(lines, line => line.Contains("Old disclaimer (disabled)", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains("'Company disclaimer'", StringComparison.Ordinal) && line.Contains("rule 'Signature'", StringComparison.Ordinal));
    }

    [Fact]
    public void Lint_SameSubjectTagInAnExchangeRule_WarnsOfAStackedTag()
    {
        Run("--rules", Fixture("rules.xml"), "--transport-rules", Fixture("transport-rules.json"));

        Assert.Contains(Lines(), line => line.Contains("Exchange transport rule 'Tag external' also prepends '[EXT]'", StringComparison.Ordinal));
        Assert.Contains("    fix: PowerShell: Set-TransportRule -Identity 'Tag external' -FromScope NotInOrganization", Lines());
    }

    [Fact]
    public void Lint_SigningAgentBeforeOurs_WarnsWithTheSetTransportAgentFix()
    {
        var exit = Run("--rules", Fixture("clean-rules.xml"), "--transport-agents", Fixture("transport-agents.json"));

        Assert.Equal(LintCommand.Warnings, exit);
        var lines = Lines();
        Assert.Contains(Fixture("transport-agents.json") + ": warning: transport agent 'Exchange DkimSigner' (priority 2) signs or encrypts and runs before 'ExchangeRules' (priority 4): a DKIM signature breaks when we change the body after it, and an encrypted body cannot be stamped", lines);
        Assert.Contains("    fix: PowerShell: Set-TransportAgent -Identity 'ExchangeRules' -Priority 2; Restart-Service MSExchangeTransport", lines);
        Assert.DoesNotContain(lines, line => line.Contains("Malware Agent", StringComparison.Ordinal) || line.Contains("Transport Rule Agent", StringComparison.Ordinal));
        Assert.Contains("1 warning(s).", lines);
    }

    [Fact]
    public void Lint_OurAgentMissingFromTheExport_SaysNothingIsStamped()
    {
        System.IO.Directory.CreateDirectory(_folder);
        var agents = Path.Combine(_folder, "agents.json");
        File.WriteAllText(agents, """[ { "Identity": "Transport Rule Agent", "Enabled": true, "Priority": 1 } ]""");

        var exit = Run("--rules", Fixture("clean-rules.xml"), "--transport-agents", agents);

        Assert.Equal(LintCommand.Warnings, exit);
        Assert.Contains(agents + ": warning: no transport agent named 'ExchangeRules' in the export: on this server no message is stamped", Lines());
    }

    [Fact]
    public void Lint_ExternalRuleDecidedByTheFromHeader_WarnsWithTheXmlFix()
    {
        Run("--rules", Fixture("rules.xml"));

        var lines = Lines();
        var index = lines.FindIndex(line => line.StartsWith(Fixture("rules.xml") + ":46:4: warning: rule 'External warning' tells external mail from internal by the sender's address in the From header only", StringComparison.Ordinal));
        Assert.True(index >= 0, _output.ToString());
        Assert.StartsWith("    fix: XML: add <direction>incoming</direction>", lines[index + 1], StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_TwoOfOurRulesStampingASignatureOnTheSameMail_Warns()
    {
        Run("--rules", Fixture("rules.xml"));

        Assert.Contains(Fixture("rules.xml") + ":29:4: warning: rules 'Signature' and 'Sales signature' both stamp the signature on outgoing mail: a message both match gets it twice (their other conditions may keep them apart; check with exrules test)", Lines());
    }

    [Fact]
    public void Lint_RulesScopedByDirectionWithoutOverlap_AreClean()
    {
        var exit = Run("--rules", Fixture("clean-rules.xml"));

        Assert.Equal(LintCommand.Clean, exit);
        Assert.Equal("0 warning(s).", _output.ToString().Trim());
    }

    [Fact]
    public void Lint_TheSampleRules_AreClean()
    {
        var samples = Path.Combine(FindRepository(), "samples", "rules", "rules.xml");

        Assert.Equal(LintCommand.Clean, Run("--rules", samples));
    }

    [Fact]
    public void Lint_InvalidRules_AreReportedWithTheirLocation()
    {
        var broken = Path.Combine(AppContext.BaseDirectory, "TestData", "Apply", "broken-rules.xml");

        Assert.Equal(LintCommand.Failed, Run("--rules", broken));
        Assert.Contains(broken + ":5:", _error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _output.Dispose();
        _error.Dispose();
        if (System.IO.Directory.Exists(_folder))
        {
            System.IO.Directory.Delete(_folder, recursive: true);
        }
    }

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "Lint", name);

    private static string FindRepository() => TestRepository.Root;

    private System.Collections.Generic.List<string> Lines() => _output.ToString().Split('\n').Select(line => line.TrimEnd('\r')).ToList();

    private int Run(params string[] args)
    {
        var root = new RootCommand { LintCommand.Create() };
        return root.Parse(new[] { "lint" }.Concat(args).ToArray()).Invoke(new InvocationConfiguration { Output = _output, Error = _error });
    }
}
