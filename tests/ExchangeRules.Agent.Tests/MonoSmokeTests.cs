using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using ExchangeRules.Testing;
using MimeKit;
using Xunit;

namespace ExchangeRules.Agent.Tests;

/// <summary>
/// .NET Framework reality check: the shipped net48 agent, loaded by the harness's ExchangeTransport inside a net48
/// host (tests/ExchangeRules.Agent.MonoSmoke) running under Mono, with its real configuration, the sample rules and
/// the LDIF directory beside it. Catches net48-only breakage (missing APIs, assembly loading, binding redirects).
/// Needs `mono` on the PATH (Debian mono-complete).
/// </summary>
public sealed class MonoSmokeTests
{
    [Fact]
    public void Net48Agent_UnderMono_StampsSignatureAndDisclaimerFromTheDirectoryAndMarksTheMessage()
    {
        var (output, delivered) = Run("onprem", "megan.bowen@contoso.com", "partner@external.example", "outgoing.eml");

        Assert.Contains("runtime\tMono", output, StringComparison.Ordinal);
        Assert.Contains("partner@external.example\tInternet\t1", output, StringComparison.Ordinal);
        var message = MimeMessage.Load(new MemoryStream(delivered));
        var text = message.TextBody ?? string.Empty;
        Assert.Contains("Hello from Mono.", text, StringComparison.Ordinal);
        Assert.Single(text.Split("Chief Executive Officer").Skip(1));
        Assert.Single(text.Split("This message and any attachments are confidential").Skip(1));

        // Nothing of ours leaves the organisation: no marker, no rule names, no server name on the internet copy.
        Assert.DoesNotContain(message.Headers, h => h.Field.StartsWith("X-ExchangeRules-", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("ex01.contoso.com", message.Headers.Where(h => !h.Field.Equals("Received", StringComparison.OrdinalIgnoreCase)).Select(h => h.Value));
    }

    [Fact]
    public void Net48Agent_UnderMono_InternetMailSpoofingAnInternalSenderWithAForgedMarker_GetsTheBanner()
    {
        var (output, delivered) = Run("internet", "megan.bowen@contoso.com", "bob@contoso.com", "spoofed.eml");

        Assert.Contains("bob@contoso.com\tOnPremisesMailbox\t1", output, StringComparison.Ordinal);
        var message = MimeMessage.Load(new MemoryStream(delivered));
        Assert.Equal("[EXT] Wire transfer", message.Subject);
        Assert.StartsWith("[External sender]", (message.TextBody ?? string.Empty).TrimStart(), StringComparison.Ordinal);
        Assert.DoesNotContain("Chief Executive Officer", message.TextBody ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal(new[] { "processed" }, message.Headers.Where(h => h.Field == "X-ExchangeRules-Processed").Select(h => h.Value));
    }

    [Theory]
    [InlineData("templates/signature|v2.html", "'|'")]
    [InlineData("templates/&lt;signature&gt;.html", "'<'")]
    [InlineData("templates/&quot;signature&quot;.html", "'\"'")]
    [InlineData("templates/signature.html:v2", "':'")]
    public void Net48Agent_UnderMono_RulesReloadedWithAFileNameDotNetFrameworkRejects_KeepsTheRulesAndLogsTheLocatedError(string reference, string character)
    {
        var root = RepositoryRoot();
        var rulesFolder = Path.Combine(Path.GetTempPath(), "exrules-mono-rules", Guid.NewGuid().ToString("N"));
        CopyTree(Path.Combine(root, "samples", "rules"), rulesFolder);
        var rulesPath = Path.Combine(rulesFolder, "rules.xml");
        var broken = Path.Combine(rulesFolder, "..", Path.GetFileName(rulesFolder) + "-broken.xml");
        File.WriteAllText(broken, File.ReadAllText(rulesPath).Replace("file=\"templates/signature.html\"", $"file=\"{reference}\"", StringComparison.Ordinal));

        var (output, install) = RunInstall("onprem", "megan.bowen@contoso.com", "partner@external.example", "outgoing.eml", rulesPath, broken);

        // Both messages went through: Transport (this process) survived the reload, and the old rules stayed in force.
        Assert.Equal(2, output.Split('\n').Count(line => line.StartsWith("partner@external.example\tInternet", StringComparison.Ordinal)));
        var second = MimeMessage.Load(Path.Combine(install, "out", "after-reload", "partner@external.example.eml"));
        Assert.Single((second.TextBody ?? string.Empty).Split("Chief Executive Officer").Skip(1));
        var log = string.Concat(System.IO.Directory.GetFiles(Path.Combine(install, "logs")).Select(File.ReadAllText));
        Assert.Contains("(4004)", log, StringComparison.Ordinal);
        Assert.Contains("rules.xml:11:", log, StringComparison.Ordinal);
        Assert.Contains("is not a valid file name on Windows", log, StringComparison.Ordinal);
        Assert.Contains(character, log, StringComparison.Ordinal);
    }

    [Fact]
    public void Net48Agent_UnderMono_GroupWithAnExternalMember_BothSplitBranchesStampedAndTheBccAddedOnce()
    {
        var (output, folder) = RunScenario("onprem", "megan.bowen@contoso.com", "sales@contoso.com", "outgoing.eml", Rules("split-and-bcc.xml"), null, null);

        Assert.Contains("partner@external.example\tInternet\t1", output, StringComparison.Ordinal);
        Assert.Contains("bob@contoso.com\tOnPremisesMailbox\t1", output, StringComparison.Ordinal);
        Assert.Single(output.Split('\n'), line => line.StartsWith("archive@contoso.com\t", StringComparison.Ordinal));
        var partner = MimeMessage.Load(Path.Combine(folder, "partner@external.example.eml"));
        var bob = MimeMessage.Load(Path.Combine(folder, "bob@contoso.com.eml"));
        var archive = MimeMessage.Load(Path.Combine(folder, "archive@contoso.com.eml"));
        Assert.Contains("External disclaimer: this message left Contoso.", partner.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Internal footer", partner.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(partner.Headers, h => h.Field.StartsWith("X-ExchangeRules-", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("Internal footer: for Contoso only.", bob.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("External disclaimer", bob.TextBody, StringComparison.Ordinal);
        Assert.Single((archive.TextBody ?? string.Empty).Split("Internal footer: for Contoso only.").Skip(1));
        Assert.Contains("OnRoutedMessage", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Net48Agent_UnderMono_WriteFailureHalfWay_LeavesTheOriginalAndDefers()
    {
        var (output, folder) = RunScenario("onprem", "megan.bowen@contoso.com", "bob@contoso.com", "outgoing.eml", Rules("split-and-bcc.xml"), null, 300);

        Assert.Contains("bob@contoso.com\tQueued", output, StringComparison.Ordinal);
        Assert.Contains("writing the edited message failed", output, StringComparison.Ordinal);
        var kept = MimeMessage.Load(Path.Combine(folder, "bob@contoso.com.eml"));
        Assert.Contains("Hello from Mono.", kept.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Internal footer", kept.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Net48Agent_UnderMono_MessageCrossingOnPremisesTwice_IsStampedOnceWithASignedMarker()
    {
        var key = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)(255 - i)).ToArray());

        var (output, folder) = RunScenario("onprem", "megan.bowen@contoso.com", "project-x@fabrikam.com", "outgoing.eml", Rules("split-and-bcc.xml"), key, null);

        Assert.Contains("bob@contoso.com\tOnPremisesMailbox\t2", output, StringComparison.Ordinal);
        var bob = MimeMessage.Load(Path.Combine(folder, "bob@contoso.com.eml"));
        Assert.Single((bob.TextBody ?? string.Empty).Split("Internal footer: for Contoso only.").Skip(1));
        Assert.StartsWith("v1; ", Assert.Single(bob.Headers, h => h.Field == "X-ExchangeRules-Processed").Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Net48Agent_UnderMono_StampsASummaryTnefHtmlReplyAndAnRtfMessageInsideTheTnef()
    {
        // Two of the Exchange-shape fixtures (tests/ExchangeRules.Harness.Tests/TestData/SummaryTnef), as Mailbox
        // Transport Submission hands Outlook mail to the agent: application/ms-tnef, binary, body inside the stream.
        var root = RepositoryRoot();
        var input = Path.Combine(Path.GetTempPath(), "exrules-mono-tnef", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(input);
        foreach (var name in new[] { "html-reply.eml", "rtf.eml" })
        {
            File.Copy(Path.Combine(root, "tests", "ExchangeRules.Harness.Tests", "TestData", "SummaryTnef", name), Path.Combine(input, name));
        }

        var (output, folder) = RunHost("onprem", "megan.bowen@contoso.com", "bob@contoso.com", input, Rules("tnef-signature-and-disclaimer.xml"));

        Assert.Contains("html-reply.eml\tOnPremisesMailbox\t1", output, StringComparison.Ordinal);
        Assert.Contains("rtf.eml\tOnPremisesMailbox\t1", output, StringComparison.Ordinal);
        var reply = Assert.IsType<MimeKit.Tnef.TnefPart>(MimeMessage.Load(Path.Combine(folder, "html-reply.eml")).Body);
        Assert.Equal(ContentEncoding.Binary, reply.ContentTransferEncoding);
        var html = reply.ConvertToMessage().HtmlBody ?? string.Empty;
        var signature = html.IndexOf("Contoso signature", StringComparison.Ordinal);
        Assert.True(signature > html.IndexOf("Thanks Megan", StringComparison.Ordinal) && signature < html.IndexOf("border-top:solid #E1E1E1", StringComparison.Ordinal), html);
        Assert.Single(html.Split("Contoso signature").Skip(1));

        var rtfMessage = Assert.IsType<MimeKit.Tnef.TnefPart>(MimeMessage.Load(Path.Combine(folder, "rtf.eml")).Body).ConvertToMessage();
        using var rtf = new MemoryStream();
        rtfMessage.BodyParts.OfType<MimePart>().Single(p => p.ContentType.IsMimeType("text", "rtf")).Content!.DecodeTo(rtf);
        var rtfText = System.Text.Encoding.ASCII.GetString(rtf.ToArray());
        Assert.Single(rtfText.Split("Contoso signature").Skip(1));
        Assert.True(rtfText.IndexOf("Contoso signature", StringComparison.Ordinal) > rtfText.IndexOf("ready for review", StringComparison.Ordinal), rtfText);
        Assert.Contains("runtime\tMono", output, StringComparison.Ordinal);
    }

    private static string Rules(string file) => Path.Combine(AppContext.BaseDirectory, "TestData", "mono", file);

    private static (string Output, byte[] Delivered) Run(string entry, string sender, string recipient, string messageFile)
    {
        var root = RepositoryRoot();
        var (output, install) = RunInstall(entry, sender, recipient, messageFile, Path.Combine(root, "samples", "rules", "rules.xml"), null);
        return (output, File.ReadAllBytes(Path.Combine(install, "out", recipient + ".eml")));
    }

    /// <summary>Runs the Mono host on a fresh install folder; with <paramref name="replacementRules"/> the rules file is replaced after the first message and the message sent again.</summary>
    private static (string Output, string Install) RunInstall(string entry, string sender, string recipient, string messageFile, string rulesPath, string? replacementRules) =>
        RunHost(entry, sender, recipient, messageFile, rulesPath, null, null, replacementRules);

    private static (string Output, string Folder) RunScenario(string entry, string sender, string recipient, string messageFile, string rulesPath, string? organizationKey, long? failWritesAfterBytes)
    {
        var (output, install) = RunHost(entry, sender, recipient, messageFile, rulesPath, organizationKey, failWritesAfterBytes, null);
        return (output, Path.Combine(install, "out"));
    }

    /// <summary>
    /// Runs the net48 host under Mono with the agent installed beside it (its configuration naming
    /// <paramref name="rulesPath"/> and the sample directory); <paramref name="input"/> is a message or a folder of them.
    /// </summary>
    /// <returns>What the host printed, and the folder it wrote the delivered copies to.</returns>
    internal static (string Output, string OutFolder) RunHost(string entry, string sender, string recipient, string input, string rulesPath)
    {
        var (output, install) = RunHost(entry, sender, recipient, input, rulesPath, null, null, null);
        return (output, Path.Combine(install, "out"));
    }

    private static (string Output, string Install) RunHost(string entry, string sender, string recipient, string messageFile, string rulesPath, string? organizationKey, long? failWritesAfterBytes, string? replacementRules)
    {
        var root = RepositoryRoot();
        var host = HostFolder(root);
        var install = Path.Combine(Path.GetTempPath(), "exrules-mono-smoke", Guid.NewGuid().ToString("N"));
        CopyFolder(host, install);
        File.WriteAllText(Path.Combine(install, "ExchangeRules.config.xml"), $"""
<?xml version="1.0" encoding="utf-8"?>
<agentConfiguration xmlns="urn:exchangerules:config:v1">
  <rules path="{rulesPath}" reloadDelaySeconds="1" />
  {(organizationKey is null ? string.Empty : $"<organizationKey value=\"{organizationKey}\" />")}
  <directory>
    <ldif path="{Path.Combine(root, "samples", "directory", "contoso.ldif")}" />
  </directory>
  <logging folder="{Path.Combine(install, "logs")}" level="Information" eventLog="false" />
</agentConfiguration>
""");
        var data = Path.Combine(AppContext.BaseDirectory, "TestData", "mono");
        var outFolder = Path.Combine(install, "out");
        var start = new ProcessStartInfo("mono")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var arguments = new List<string> { Path.Combine(install, "ExchangeRules.Agent.MonoSmoke.exe"), Path.Combine(data, "organization.xml"), entry, sender, recipient, Path.IsPathRooted(messageFile) ? messageFile : Path.Combine(data, messageFile), outFolder };
        if (failWritesAfterBytes is { } limit)
        {
            arguments.Add(limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        else if (replacementRules is not null)
        {
            arguments.Add(replacementRules);
            arguments.Add(rulesPath);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("mono could not be started (install Debian mono-complete).");
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(300_000), "mono did not finish within 300 s");
        Assert.True(process.ExitCode == 0, $"mono exited with {process.ExitCode}: {output}{stderr.Result}");
        return (output, install);
    }

    private static string HostFolder(string root)
    {
        var configuration = AppContext.BaseDirectory.Replace('\\', '/').Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var folder = Path.Combine(root, "tests", "ExchangeRules.Agent.MonoSmoke", "bin", configuration, "net48");
        Assert.True(File.Exists(Path.Combine(folder, "ExchangeRules.Agent.MonoSmoke.exe")), $"The Mono smoke host is not built in {folder}.");
        return folder;
    }

    private static string RepositoryRoot() => TestRepository.Root;

    private static void CopyTree(string source, string destination)
    {
        foreach (var file in System.IO.Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(source, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static void CopyFolder(string source, string destination)
    {
        System.IO.Directory.CreateDirectory(destination);
        foreach (var file in System.IO.Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }
    }
}
