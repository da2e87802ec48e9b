using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
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
        Assert.Equal("ex01.contoso.com", message.Headers["X-ExchangeRules-Processed"]);
        Assert.Equal("Signature for internal and outgoing mail, Legal disclaimer for external recipients", message.Headers["X-ExchangeRules-Stamped"]);
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
        Assert.Equal(new[] { "ex01.contoso.com" }, message.Headers.Where(h => h.Field == "X-ExchangeRules-Processed").Select(h => h.Value));
    }

    private static (string Output, byte[] Delivered) Run(string entry, string sender, string recipient, string messageFile)
    {
        var root = RepositoryRoot();
        var data = Path.Combine(AppContext.BaseDirectory, "TestData", "mono");
        var (output, outFolder) = RunHost(entry, sender, recipient, Path.Combine(data, messageFile), Path.Combine(root, "samples", "rules", "rules.xml"));
        return (output, File.ReadAllBytes(Path.Combine(outFolder, recipient + ".eml")));
    }

    /// <summary>
    /// Runs the net48 host under Mono with the agent installed beside it (its configuration naming
    /// <paramref name="rulesPath"/> and the sample directory); <paramref name="input"/> is a message or a folder of them.
    /// </summary>
    /// <returns>What the host printed, and the folder it wrote the delivered copies to.</returns>
    internal static (string Output, string OutFolder) RunHost(string entry, string sender, string recipient, string input, string rulesPath)
    {
        var root = RepositoryRoot();
        var host = HostFolder(root);
        var install = Path.Combine(Path.GetTempPath(), "exrules-mono-smoke", Guid.NewGuid().ToString("N"));
        CopyFolder(host, install);
        File.WriteAllText(Path.Combine(install, "ExchangeRules.config.xml"), $"""
<?xml version="1.0" encoding="utf-8"?>
<agentConfiguration xmlns="urn:exchangerules:config:v1">
  <rules path="{rulesPath}" />
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
        foreach (var argument in new[] { Path.Combine(install, "ExchangeRules.Agent.MonoSmoke.exe"), Path.Combine(data, "organization.xml"), entry, sender, recipient, input, outFolder })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("mono could not be started (install Debian mono-complete).");
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(300_000), "mono did not finish within 300 s");
        Assert.True(process.ExitCode == 0, $"mono exited with {process.ExitCode}: {output}{stderr.Result}");
        return (output, outFolder);
    }

    private static string HostFolder(string root)
    {
        var configuration = AppContext.BaseDirectory.Replace('\\', '/').Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var folder = Path.Combine(root, "tests", "ExchangeRules.Agent.MonoSmoke", "bin", configuration, "net48");
        Assert.True(File.Exists(Path.Combine(folder, "ExchangeRules.Agent.MonoSmoke.exe")), $"The Mono smoke host is not built in {folder}.");
        return folder;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "samples", "rules", "rules.xml")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("The repository root (samples/rules/rules.xml) was not found above " + AppContext.BaseDirectory);
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
