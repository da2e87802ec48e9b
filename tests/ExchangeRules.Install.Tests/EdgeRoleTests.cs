using System;
using System.Linq;
using Xunit;

namespace ExchangeRules.Install.Tests;

/// <summary>
/// On an Edge Transport server the agent belongs to the Edge Transport service: every transport agent cmdlet the
/// scripts call names <c>-TransportService Edge</c>. The fake server runs only that service and refuses Hub, as a
/// real Edge server has no Hub Transport service.
/// </summary>
[Collection(InstallScenariosGroup.Name)]
public sealed class EdgeRoleTests
{
    private static readonly string[] _agentCommands =
    {
        "Get-TransportAgent", "Install-TransportAgent", "Uninstall-TransportAgent", "Enable-TransportAgent", "Disable-TransportAgent", "Set-TransportAgent",
    };

    private readonly InstallScenarios _scenarios;

    public EdgeRoleTests(InstallScenarios scenarios)
    {
        _scenarios = scenarios;
    }

    private static void AssertEveryAgentCallNamesEdge(StepResult step)
    {
        var agentCalls = step.Calls.Where(call => _agentCommands.Contains(call.Command)).ToList();
        Assert.NotEmpty(agentCalls);
        Assert.All(agentCalls, call => Assert.Equal("Edge", call.Parameters["TransportService"]));
    }

    [Fact]
    public void Install_OnAnEdgeServer_RegistersAndEnablesTheAgentInTheEdgeTransportService()
    {
        var result = _scenarios["edge-fresh"];

        var step = Assert.Single(result.Steps);
        Assert.Null(step.Error);
        Assert.Equal("Installed", step.Property("Action"));
        AssertEveryAgentCallNamesEdge(step);
        Assert.Single(step.Calls, call => call.Command == "Install-TransportAgent");
        Assert.True(result.Agents.Single(a => a.Identity == "ExchangeRules").Enabled);
        Assert.Equal("MSExchangeTransport", Assert.Single(step.Calls, call => call.Command == "Restart-Service").Parameters["Name"]);
    }

    [Fact]
    public void Upgrade_OnAnEdgeServer_DisablesAndEnablesInTheEdgeTransportService()
    {
        var result = _scenarios["edge-upgrade"];

        var step = result.Steps[1];
        Assert.Null(step.Error);
        Assert.Equal("Upgraded", step.Property("Action"));
        AssertEveryAgentCallNamesEdge(step);
        Assert.Contains(step.Calls, call => call.Command == "Disable-TransportAgent");
        Assert.Contains(step.Calls, call => call.Command == "Enable-TransportAgent");
    }

    [Fact]
    public void Uninstall_OnAnEdgeServer_RemovesTheAgentFromTheEdgeTransportService()
    {
        var result = _scenarios["edge-uninstall"];

        var step = result.Steps[1];
        Assert.Null(step.Error);
        AssertEveryAgentCallNamesEdge(step);
        Assert.Contains(step.Calls, call => call.Command == "Uninstall-TransportAgent");
        Assert.DoesNotContain(result.Agents, agent => agent.Identity == "ExchangeRules");
    }

    [Fact]
    public void MailboxServer_StillUsesTheHubTransportService()
    {
        var step = Assert.Single(_scenarios["fresh"].Steps);

        Assert.All(step.Calls.Where(call => _agentCommands.Contains(call.Command)), call => Assert.Equal("Hub", call.Parameters["TransportService"]));
    }
}
