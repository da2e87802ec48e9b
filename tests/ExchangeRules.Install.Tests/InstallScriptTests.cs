using System;
using System.IO;
using System.Linq;
using Xunit;

namespace ExchangeRules.Install.Tests;

[Collection(InstallScenariosGroup.Name)]
public sealed class InstallScriptTests
{
    private static readonly string[] _mutatingCommands =
    {
        "Install-TransportAgent", "Uninstall-TransportAgent", "Enable-TransportAgent", "Disable-TransportAgent",
        "Set-TransportAgent", "Restart-Service", "Stop-Service", "Start-Service", "New-EventLog", "Remove-EventLog", "Unblock-File",
    };

    private readonly InstallScenarios _scenarios;

    public InstallScriptTests(InstallScenarios scenarios)
    {
        _scenarios = scenarios;
    }

    [Fact]
    public void FreshInstall_RegistersEnablesRunsBeforeDkimAndRestarts()
    {
        var result = _scenarios["fresh"];
        var bundle = _scenarios.BundleOf("fresh");

        var step = Assert.Single(result.Steps);
        Assert.Null(step.Error);
        Assert.Equal("Installed", step.Property("Action"));
        var install = Assert.Single(step.Calls, call => call.Command == "Install-TransportAgent");
        Assert.Equal("ExchangeRules", install.Parameters["Name"]);
        Assert.Equal("ExchangeRules.Agent.ExchangeRulesRoutingAgentFactory", install.Parameters["TransportAgentFactory"]);
        Assert.Equal(Path.Combine(bundle.Target, "ExchangeRules.Agent.dll"), install.Parameters["AssemblyPath"]);
        Assert.Equal("Hub", install.Parameters["TransportService"]);
        Assert.Equal("2", Assert.Single(step.Calls, call => call.Command == "Set-TransportAgent").Parameters["Priority"]);
        Assert.Single(step.Calls, call => call.Command == "Enable-TransportAgent");
        var eventLog = Assert.Single(step.Calls, call => call.Command == "New-EventLog");
        Assert.Equal("ExchangeRules", eventLog.Parameters["Source"]);
        Assert.Equal("Application", eventLog.Parameters["LogName"]);
        Assert.Equal("MSExchangeTransport", Assert.Single(step.Calls, call => call.Command == "Restart-Service").Parameters["Name"]);
        Assert.Equal(new[] { "Transport Rule Agent", "ExchangeRules", "Exchange DkimSigner", "Malware Agent" }, result.Agents.OrderBy(a => a.Priority).Select(a => a.Identity));
        Assert.True(result.Agents.Single(a => a.Identity == "ExchangeRules").Enabled);
        Assert.Equal("agent v1", bundle.ReadTarget("ExchangeRules.Agent.dll"));
        Assert.Equal(3, step.Calls.Count(call => call.Command == "Unblock-File"));
    }

    [Fact]
    public void FreshInstall_EnablesOnlyAfterFilesAndRegistration()
    {
        var result = _scenarios["fresh"];

        var order = result.Steps[0].Calls.Select(call => call.Command).Where(_mutatingCommands.Contains).Distinct().ToList();
        Assert.Equal(new[] { "Unblock-File", "Install-TransportAgent", "Set-TransportAgent", "Enable-TransportAgent", "New-EventLog", "Restart-Service" }, order);
    }

    [Fact]
    public void FreshInstall_WithoutDkimAgent_StaysLastWithoutSettingPriority()
    {
        var result = _scenarios["fresh-no-dkim"];

        var step = Assert.Single(result.Steps);
        Assert.Null(step.Error);
        Assert.DoesNotContain(step.Calls, call => call.Command == "Set-TransportAgent");
        Assert.Equal(2, result.Agents.Single(a => a.Identity == "ExchangeRules").Priority);
    }

    [Fact]
    public void FreshInstall_ExplicitPriority_Wins()
    {
        var result = _scenarios["fresh-priority"];

        Assert.Equal(1, result.Agents.Single(a => a.Identity == "ExchangeRules").Priority);
    }

    [Fact]
    public void FreshInstall_NoRestart_LeavesTheServiceAloneAndSaysSo()
    {
        var result = _scenarios["fresh-no-restart"];

        var step = Assert.Single(result.Steps);
        Assert.Null(step.Error);
        Assert.DoesNotContain(step.Calls, call => call.Command.EndsWith("-Service", StringComparison.Ordinal));
        Assert.Equal("False", step.Property("Restarted"));
        Assert.Contains(step.Warnings, warning => warning.Contains("Restart MSExchangeTransport", StringComparison.Ordinal));
    }

    [Fact]
    public void ReRun_NothingChanged_ChangesNothing()
    {
        var result = _scenarios["rerun"];

        var second = result.Steps[1];
        Assert.Null(second.Error);
        Assert.Equal("UpToDate", second.Property("Action"));
        Assert.DoesNotContain(second.Calls, call => _mutatingCommands.Contains(call.Command));
    }

    [Fact]
    public void Upgrade_NewBuild_DisablesReplacesEnablesAndKeepsConfigurationAndRules()
    {
        var result = _scenarios["upgrade"];
        var bundle = _scenarios.BundleOf("upgrade");

        var upgrade = result.Steps[1];
        Assert.Null(upgrade.Error);
        Assert.Equal("Upgraded", upgrade.Property("Action"));
        var order = upgrade.Calls.Select(call => call.Command).Where(_mutatingCommands.Contains).Distinct().ToList();
        Assert.Equal(new[] { "Disable-TransportAgent", "Stop-Service", "Unblock-File", "Enable-TransportAgent", "Restart-Service" }, order);
        Assert.DoesNotContain(upgrade.Calls, call => call.Command is "Install-TransportAgent" or "Uninstall-TransportAgent");
        Assert.Equal("agent v2", bundle.ReadTarget("ExchangeRules.Agent.dll"));
        Assert.Equal("admin's configuration", bundle.ReadTarget("ExchangeRules.config.xml"));
        Assert.Equal("admin's rules", bundle.ReadTarget(Path.Combine("Rules", "rules.xml")));
        Assert.Equal(2, result.Agents.Single(a => a.Identity == "ExchangeRules").Priority);
        Assert.True(result.ServiceRunning);
    }

    [Fact]
    public void FailureHalfway_FreshInstall_RollsEverythingBack()
    {
        var result = _scenarios["fail-fresh"];

        var step = Assert.Single(result.Steps);
        Assert.Contains("enabling the agent", step.Error, StringComparison.Ordinal);
        Assert.Contains("Active Directory operation failed.", step.Error, StringComparison.Ordinal);
        Assert.Contains(step.Calls, call => call.Command == "Uninstall-TransportAgent");
        Assert.DoesNotContain(result.Agents, agent => agent.Identity == "ExchangeRules");
        Assert.Equal(new[] { "Transport Rule Agent", "Exchange DkimSigner", "Malware Agent" }, result.Agents.OrderBy(a => a.Priority).Select(a => a.Identity));
        Assert.False(Directory.Exists(_scenarios.BundleOf("fail-fresh").Target));
        Assert.DoesNotContain(step.Calls, call => call.Command == "Restart-Service");
    }

    [Fact]
    public void FailureHalfway_Upgrade_RestoresThePreviousWorkingState()
    {
        var result = _scenarios["fail-upgrade"];
        var bundle = _scenarios.BundleOf("fail-upgrade");

        var upgrade = result.Steps[1];
        Assert.Contains("The previous state was restored", upgrade.Error, StringComparison.Ordinal);
        Assert.Equal("agent v1", bundle.ReadTarget("ExchangeRules.Agent.dll"));
        Assert.Equal("admin's configuration", bundle.ReadTarget("ExchangeRules.config.xml"));
        Assert.Equal("admin's rules", bundle.ReadTarget(Path.Combine("Rules", "rules.xml")));
        var agent = result.Agents.Single(a => a.Identity == "ExchangeRules");
        Assert.True(agent.Enabled);
        Assert.Equal(2, agent.Priority);
        Assert.True(result.ServiceRunning);
    }

    [Fact]
    public void WhatIf_ShowsThePlanAndChangesNothing()
    {
        var result = _scenarios["whatif"];

        var step = Assert.Single(result.Steps);
        Assert.Null(step.Error);
        Assert.DoesNotContain(step.Calls, call => _mutatingCommands.Contains(call.Command));
        Assert.DoesNotContain(result.Agents, agent => agent.Identity == "ExchangeRules");
        Assert.False(Directory.Exists(_scenarios.BundleOf("whatif").Target));
    }

    [Theory]
    [InlineData("old-exchange", "Exchange Server 2016, 2019 or Subscription Edition is required")]
    [InlineData("old-dotnet", ".NET Framework 4.8 or later is required")]
    [InlineData("no-transport", "no Transport service")]
    public void Prerequisites_NotMet_RefusesBeforeChangingAnything(string scenario, string expected)
    {
        var result = _scenarios[scenario];

        var step = Assert.Single(result.Steps);
        Assert.Contains(expected, step.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(step.Calls, call => _mutatingCommands.Contains(call.Command));
        Assert.False(Directory.Exists(_scenarios.BundleOf(scenario).Target));
    }

    [Fact]
    public void Scripts_NeverBuildCommandsFromStrings()
    {
        foreach (var script in new[] { PowerShellScenario.InstallScript, PowerShellScenario.UninstallScript })
        {
            var text = File.ReadAllText(script);
            Assert.DoesNotContain("Invoke-Expression", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("iex ", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Format-List", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Read-Host", text, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("SupportsShouldProcess = $true", text, StringComparison.Ordinal);
        }
    }
}
