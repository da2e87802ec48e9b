using System;
using System.Collections.Generic;
using System.IO;
using Xunit;

namespace ExchangeRules.Install.Tests;

/// <summary>
/// Every install and uninstall scenario, run once in a single PowerShell process; the tests then assert on
/// their scenario's result. Each scenario has its own bundle and target folder and a freshly reset server.
/// </summary>
public sealed class InstallScenarios : IDisposable
{
    public const string ExchangeWithDkim =
        "Add-FakeTransportAgent -Identity 'Transport Rule Agent'\n" +
        "Add-FakeTransportAgent -Identity 'Exchange DkimSigner' -TransportAgentFactory 'Exchange.DkimSigner.DkimSigningRoutingAgentFactory'\n" +
        "Add-FakeTransportAgent -Identity 'Malware Agent'";

    /// <summary>The agents an Edge Transport server ships with (anti-spam and address rewriting).</summary>
    public const string EdgeAgents =
        "Add-FakeTransportAgent -Identity 'Connection Filtering Agent'\n" +
        "Add-FakeTransportAgent -Identity 'Address Rewriting Inbound Agent'\n" +
        "Add-FakeTransportAgent -Identity 'Edge Rule Agent'";

    private readonly Dictionary<string, Bundle> _bundles = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, ScenarioResult> _results;

    public InstallScenarios()
    {
        var scenarios = new List<PowerShellScenario>
        {
            Scenario("fresh", b => new PowerShellScenario("fresh").Setup(ExchangeWithDkim).Step(b.InstallCommand())),
            Scenario("fresh-no-dkim", b => new PowerShellScenario("fresh-no-dkim").Setup("Add-FakeTransportAgent -Identity 'Transport Rule Agent'").Step(b.InstallCommand())),
            Scenario("fresh-priority", b => new PowerShellScenario("fresh-priority").Setup(ExchangeWithDkim).Step(b.InstallCommand("-Priority 1"))),
            Scenario("fresh-no-restart", b => new PowerShellScenario("fresh-no-restart").Setup(ExchangeWithDkim).Step(b.InstallCommand("-NoRestart"))),
            Scenario("rerun", b => new PowerShellScenario("rerun").Setup(ExchangeWithDkim).Step(b.InstallCommand()).Step(b.InstallCommand())),
            Scenario("upgrade", b => new PowerShellScenario("upgrade").Setup(ExchangeWithDkim).Step(b.InstallCommand())
                .Step(AdminEdits(b) + "; " + NewBuild(b, "agent v2") + "; " + b.InstallCommand())),
            Scenario("fail-fresh", b => new PowerShellScenario("fail-fresh").Setup(ExchangeWithDkim)
                .Setup("Set-FakeExchangeFailure -Command 'Enable-TransportAgent' -Message 'Active Directory operation failed.'")
                .Step(b.InstallCommand())),
            Scenario("fail-upgrade", b => new PowerShellScenario("fail-upgrade").Setup(ExchangeWithDkim).Step(b.InstallCommand())
                .Step(AdminEdits(b) + "; " + NewBuild(b, "agent v2") + "; Set-FakeExchangeFailure -Command 'Enable-TransportAgent' -Count 1; " + b.InstallCommand())),
            Scenario("whatif", b => new PowerShellScenario("whatif").Setup(ExchangeWithDkim).Step(b.InstallCommand("-WhatIf"))),
            Scenario("old-exchange", b => new PowerShellScenario("old-exchange").Setup("Reset-FakeExchange -Major 15 -Minor 0 -Build 1497").Step(b.InstallCommand())),
            Scenario("old-dotnet", b => new PowerShellScenario("old-dotnet").Setup("Reset-FakeExchange -DotNetRelease 461808").Step(b.InstallCommand())),
            Scenario("no-transport", b => new PowerShellScenario("no-transport").Setup("Reset-FakeExchange -IsHubTransportServer $false").Step(b.InstallCommand())),
            Scenario("edge-fresh", b => new PowerShellScenario("edge-fresh").Setup("Reset-FakeExchange -IsEdgeServer $true").Setup(EdgeAgents).Step(b.InstallCommand())),
            Scenario("edge-upgrade", b => new PowerShellScenario("edge-upgrade").Setup("Reset-FakeExchange -IsEdgeServer $true").Setup(EdgeAgents).Step(b.InstallCommand())
                .Step(NewBuild(b, "agent v2") + "; " + b.InstallCommand())),
            Scenario("edge-uninstall", b => new PowerShellScenario("edge-uninstall").Setup("Reset-FakeExchange -IsEdgeServer $true").Setup(EdgeAgents).Step(b.InstallCommand()).Step(b.UninstallCommand())),
            Scenario("key-generated", b => new PowerShellScenario("key-generated").Setup(ExchangeWithDkim).Step(b.InstallCommand())),
            Scenario("key-shared-first", b => new PowerShellScenario("key-shared-first").Setup(SharedFolder(b)).Step(b.InstallCommand("-OrganizationKeyPath " + PowerShellScenario.Quote(SharedKeyPath(b))))),
            Scenario("key-shared-next", b => new PowerShellScenario("key-shared-next").Setup(SharedFolder(b) + $"; Set-Content -LiteralPath {PowerShellScenario.Quote(SharedKeyPath(b))} -Value '{SharedKey}'")
                .Step(b.InstallCommand("-OrganizationKeyPath " + PowerShellScenario.Quote(SharedKeyPath(b))))),
            Scenario("key-given", b => new PowerShellScenario("key-given").Step(b.InstallCommand($"-OrganizationKey '{SharedKey}'"))),
            Scenario("key-invalid", b => new PowerShellScenario("key-invalid").Step(b.InstallCommand("-OrganizationKey 'AAAA'"))),
            Scenario("key-kept", b => new PowerShellScenario("key-kept").Step(b.InstallCommand()).Step(b.InstallCommand($"-OrganizationKey '{SharedKey}'"))),
            Scenario("key-added-on-rerun", b => new PowerShellScenario("key-added-on-rerun").Step(b.InstallCommand())
                .Step($"Set-Content -LiteralPath {PowerShellScenario.Quote(Path.Combine(b.Target, "ExchangeRules.config.xml"))} -Value '<agentConfiguration xmlns=\"urn:exchangerules:config:v1\" />' -NoNewline; " + b.InstallCommand())),
            Scenario("uninstall", b => new PowerShellScenario("uninstall").Step(b.InstallCommand()).Step(b.UninstallCommand())),
            Scenario("uninstall-remove-files", b => new PowerShellScenario("uninstall-remove-files").Step(b.InstallCommand()).Setup(AddRulesAndLogs(b)).Step(b.UninstallCommand("-RemoveFiles"))),
            Scenario("uninstall-remove-data", b => new PowerShellScenario("uninstall-remove-data").Step(b.InstallCommand()).Setup(AddRulesAndLogs(b)).Step(b.UninstallCommand("-RemoveData"))),
            Scenario("uninstall-no-restart", b => new PowerShellScenario("uninstall-no-restart").Step(b.InstallCommand()).Step(b.UninstallCommand("-NoRestart"))),
            Scenario("uninstall-not-installed", b => new PowerShellScenario("uninstall-not-installed").Step(b.UninstallCommand())),
            Scenario("uninstall-whatif", b => new PowerShellScenario("uninstall-whatif").Step(b.InstallCommand()).Step(b.UninstallCommand("-RemoveData -WhatIf"))),
        };
        _results = PowerShellScenario.RunAll(scenarios);
    }

    public ScenarioResult this[string name] => _results[name];

    public Bundle BundleOf(string name) => _bundles[name];

    public void Dispose()
    {
        foreach (var bundle in _bundles.Values)
        {
            bundle.Dispose();
        }
    }

    /// <summary>A fixed organisation key (32 bytes of 0x2A in Base64) for the scenarios that provide one.</summary>
    public const string SharedKey = "KioqKioqKioqKioqKioqKioqKioqKioqKioqKioqKio=";

    public static string SharedKeyPath(Bundle bundle) => Path.Combine(bundle.Root, "share", "organization.key");

    private static string SharedFolder(Bundle bundle) =>
        $"New-Item -ItemType Directory -Path {PowerShellScenario.Quote(Path.GetDirectoryName(SharedKeyPath(bundle))!)} -Force | Out-Null";

    private static string AdminEdits(Bundle bundle) =>
        $"Set-Content -LiteralPath {PowerShellScenario.Quote(Path.Combine(bundle.Target, "ExchangeRules.config.xml"))} -Value \"admin's configuration\" -NoNewline; " +
        $"New-Item -ItemType Directory -Path {PowerShellScenario.Quote(Path.Combine(bundle.Target, "Rules"))} -Force | Out-Null; " +
        $"Set-Content -LiteralPath {PowerShellScenario.Quote(Path.Combine(bundle.Target, "Rules", "rules.xml"))} -Value \"admin's rules\" -NoNewline";

    private static string NewBuild(Bundle bundle, string content) =>
        $"Set-Content -LiteralPath {PowerShellScenario.Quote(Path.Combine(bundle.Source, "ExchangeRules.Agent.dll"))} -Value '{content}' -NoNewline";

    private static string AddRulesAndLogs(Bundle bundle) =>
        $"New-Item -ItemType Directory -Path {PowerShellScenario.Quote(Path.Combine(bundle.Target, "Rules"))}, {PowerShellScenario.Quote(Path.Combine(bundle.Target, "Logs"))} -Force | Out-Null; " +
        $"Set-Content -LiteralPath {PowerShellScenario.Quote(Path.Combine(bundle.Target, "Rules", "rules.xml"))} -Value 'rules'; " +
        $"Set-Content -LiteralPath {PowerShellScenario.Quote(Path.Combine(bundle.Target, "Logs", "ExchangeRules-20261127.log"))} -Value 'log'";

    private PowerShellScenario Scenario(string name, Func<Bundle, PowerShellScenario> build)
    {
        var bundle = new Bundle();
        _bundles.Add(name, bundle);
        return build(bundle);
    }
}

[CollectionDefinition(Name)]
public sealed class InstallScenariosGroup : ICollectionFixture<InstallScenarios>
{
    public const string Name = "Install scenarios";
}
