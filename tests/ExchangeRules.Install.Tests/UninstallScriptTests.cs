using System;
using System.IO;
using System.Linq;
using Xunit;

namespace ExchangeRules.Install.Tests;

[Collection(InstallScenariosGroup.Name)]
public sealed class UninstallScriptTests
{
    private readonly InstallScenarios _scenarios;

    public UninstallScriptTests(InstallScenarios scenarios)
    {
        _scenarios = scenarios;
    }

    [Fact]
    public void Uninstall_Installed_DisablesUninstallsRestartsAndKeepsFiles()
    {
        var result = _scenarios["uninstall"];
        var bundle = _scenarios.BundleOf("uninstall");

        var step = result.Steps[1];
        Assert.Null(step.Error);
        var order = step.Calls.Select(call => call.Command).Where(command => !command.StartsWith("Get-", StringComparison.Ordinal)).ToList();
        Assert.Equal(new[] { "Disable-TransportAgent", "Uninstall-TransportAgent", "Restart-Service" }, order);
        Assert.DoesNotContain(result.Agents, agent => agent.Identity == "ExchangeRules");
        Assert.True(File.Exists(Path.Combine(bundle.Target, "ExchangeRules.Agent.dll")));
    }

    [Fact]
    public void Uninstall_RemoveFiles_KeepsConfigurationRulesAndLogs()
    {
        var result = _scenarios["uninstall-remove-files"];
        var bundle = _scenarios.BundleOf("uninstall-remove-files");

        Assert.Null(result.Steps[1].Error);
        Assert.False(File.Exists(Path.Combine(bundle.Target, "ExchangeRules.Agent.dll")));
        Assert.False(File.Exists(Path.Combine(bundle.Target, "MimeKit.dll")));
        Assert.True(File.Exists(Path.Combine(bundle.Target, "ExchangeRules.config.xml")));
        Assert.True(File.Exists(Path.Combine(bundle.Target, "Rules", "rules.xml")));
        Assert.True(File.Exists(Path.Combine(bundle.Target, "Logs", "ExchangeRules-20261127.log")));
    }

    [Fact]
    public void Uninstall_RemoveData_RemovesEverything()
    {
        var result = _scenarios["uninstall-remove-data"];
        var bundle = _scenarios.BundleOf("uninstall-remove-data");

        Assert.Null(result.Steps[1].Error);
        Assert.False(Directory.Exists(bundle.Target));
        Assert.Contains(result.Steps[1].Calls, call => call.Command == "Remove-EventLog");
    }

    [Fact]
    public void Uninstall_NoRestart_LeavesTheServiceAlone()
    {
        var result = _scenarios["uninstall-no-restart"];

        Assert.DoesNotContain(result.Steps[1].Calls, call => call.Command == "Restart-Service");
        Assert.DoesNotContain(result.Agents, agent => agent.Identity == "ExchangeRules");
    }

    [Fact]
    public void Uninstall_NotInstalled_DoesNothing()
    {
        var result = _scenarios["uninstall-not-installed"];

        var step = Assert.Single(result.Steps);
        Assert.Null(step.Error);
        Assert.All(step.Calls, call => Assert.StartsWith("Get-", call.Command, StringComparison.Ordinal));
        Assert.Equal("False", step.Property("AgentRemoved"));
    }

    [Fact]
    public void Uninstall_WhatIf_ChangesNothing()
    {
        var result = _scenarios["uninstall-whatif"];
        var bundle = _scenarios.BundleOf("uninstall-whatif");

        Assert.All(result.Steps[1].Calls, call => Assert.StartsWith("Get-", call.Command, StringComparison.Ordinal));
        Assert.True(result.Agents.Single(agent => agent.Identity == "ExchangeRules").Enabled);
        Assert.True(File.Exists(Path.Combine(bundle.Target, "ExchangeRules.Agent.dll")));
    }
}
