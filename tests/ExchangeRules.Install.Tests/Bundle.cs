using System;
using System.IO;

namespace ExchangeRules.Install.Tests;

/// <summary>A fake agent bundle and target folder on disk for one test.</summary>
public sealed class Bundle : IDisposable
{
    public Bundle()
    {
        Root = Path.Combine(Path.GetTempPath(), "exrules-bundle-" + Guid.NewGuid().ToString("N"));
        Source = Path.Combine(Root, "agent");
        Target = Path.Combine(Root, "TransportRoles", "agents", "ExchangeRules");
        Directory.CreateDirectory(Source);
        WriteSource("ExchangeRules.Agent.dll", "agent v1");
        WriteSource("MimeKit.dll", "mimekit");
        WriteSource("ExchangeRules.config.xml", "<agentConfiguration xmlns=\"urn:exchangerules:config:v1\" />");
    }

    public string Root { get; }

    public string Source { get; }

    public string Target { get; }

    public string InstallCommand(string extra = "") =>
        $"& {PowerShellScenario.Quote(PowerShellScenario.InstallScript)} -SourcePath {PowerShellScenario.Quote(Source)} -TargetPath {PowerShellScenario.Quote(Target)} {extra}";

    public string UninstallCommand(string extra = "") =>
        $"& {PowerShellScenario.Quote(PowerShellScenario.UninstallScript)} -TargetPath {PowerShellScenario.Quote(Target)} {extra}";

    public void WriteSource(string name, string content) => File.WriteAllText(Path.Combine(Source, name), content);

    public string ReadTarget(string name) => File.ReadAllText(Path.Combine(Target, name));

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
