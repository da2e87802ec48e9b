using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using ExchangeRules.Cli.Commands;
using ExchangeRules.Testing;
using Xunit;

namespace ExchangeRules.Cli.Tests.Commands;

public sealed class HarnessCommandsTests
{
    private static (int ExitCode, string Output) Invoke(Command command, params string[] args)
    {
        var root = new RootCommand { command };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output + error.ToString());
    }

    private static string SampleOrganization() => Path.Combine(TestRepository.Root, "samples", "org", "contoso-hybrid.xml");

    [Fact]
    public void Demo_SendsEverySampleOverSmtp_AndEveryCopyIsDeliveredStampedByTheSampleRules()
    {
        var folder = Path.Combine(Path.GetTempPath(), "exrules-demo-test-" + Guid.NewGuid().ToString("N"));

        var (exitCode, output) = Invoke(DemoCommand.Create(), "demo", "--deliver", folder);

        Assert.Equal(0, exitCode);
        var files = System.IO.Directory.GetFiles(folder, "*.eml", SearchOption.AllDirectories);
        Assert.Equal(9, files.Length);
        Assert.All(files, f => Assert.Contains(Path.GetRelativePath(folder, f), output, StringComparison.Ordinal));
        var internet = Path.Combine(folder, "internet");
        Assert.All(files.Where(f => !f.StartsWith(internet, StringComparison.Ordinal)), f => Assert.Contains("X-ExchangeRules-Stamped: ", File.ReadAllText(f), StringComparison.Ordinal));
        Assert.All(files.Where(f => f.StartsWith(internet, StringComparison.Ordinal)), f => Assert.DoesNotContain("X-ExchangeRules-", File.ReadAllText(f), StringComparison.Ordinal));
        Assert.Contains(files, f => f.StartsWith(internet, StringComparison.Ordinal));
        Assert.DoesNotContain(files, f => f.Contains("bounced", StringComparison.Ordinal) || f.Contains("queued", StringComparison.Ordinal));
        var spoofed = File.ReadAllText(System.IO.Directory.GetFiles(Path.Combine(folder, "on-premises", "bob@contoso.com")).Single(f => File.ReadAllText(f).Contains("wire transfer", StringComparison.Ordinal)));
        Assert.Contains("X-MS-Exchange-Organization-AuthAs: Anonymous", spoofed, StringComparison.Ordinal);
        Assert.DoesNotContain("AuthAs: Internal", spoofed, StringComparison.Ordinal);
    }

    [Fact]
    public void HybridCheck_SampleOrganization_ReportsMissedFlowsBouncesAndThePowerShellFix()
    {
        var (exitCode, output) = Invoke(HybridCheckCommand.Create(), "hybrid-check", "--org", SampleOrganization());

        Assert.Equal(HybridCheckCommand.NeedsAttention, exitCode);
        Assert.Matches(new Regex(@"\[ OK \] \d+\. cloud → cloud \(with redirect rule\)", RegexOptions.None, TimeSpan.FromSeconds(1)), output);
        Assert.Contains("[MISS]", output, StringComparison.Ordinal);
        Assert.Contains("Set-AcceptedDomain -Identity 'contoso.com' -DomainType InternalRelay", output, StringComparison.Ordinal);
        Assert.Contains("9 of 16 flows are processed by the agent.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void HybridCheck_InvalidOrganizationFile_NamesTheLine()
    {
        var file = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".xml");
        File.WriteAllText(file, "<organization xmlns=\"urn:exchangerules:organization:1\" name=\"x\">\n  <acceptedDomains>\n    <domain name=\"not a domain\" />\n  </acceptedDomains>\n</organization>\n");

        var (exitCode, output) = Invoke(HybridCheckCommand.Create(), "hybrid-check", "--org", file);

        Assert.Equal(HybridCheckCommand.InvalidInput, exitCode);
        Assert.Contains("Line=3", output, StringComparison.Ordinal);
    }
}
