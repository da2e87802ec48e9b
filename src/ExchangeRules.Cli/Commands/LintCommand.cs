using System.CommandLine;

namespace ExchangeRules.Cli.Commands;

/// <summary>
/// <c>exrules lint --rules RULES.xml [--transport-rules EXPORT.json] [--transport-agents AGENTS.json] [--config AGENTCONFIG]</c>: warns
/// about what makes the agent and the rest of the server stamp twice, break signatures or misjudge external mail.
/// </summary>
public static class LintCommand
{
    /// <summary>Exit code when nothing was found.</summary>
    public const int Clean = 0;

    /// <summary>Exit code when there is at least one warning.</summary>
    public const int Warnings = 1;

    /// <summary>Exit code when the rules file or an export cannot be read.</summary>
    public const int Failed = 2;

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var rules = new Option<string>("--rules") { Description = "The rules file.", Required = true };
        var transportRules = new Option<string?>("--transport-rules") { Description = "Exchange's transport rules: the JSON of install/Export-TransportRules.ps1." };
        var transportAgents = new Option<string?>("--transport-agents") { Description = "Get-TransportAgent as JSON (Identity, Enabled, Priority, TransportAgentFactory)." };
        var agentName = new Option<string>("--agent-name") { Description = "The name ExchangeRules is installed under.", DefaultValueFactory = _ => "ExchangeRules" };
        var configuration = AgentConfigurationOption.Create();
        var command = new Command("lint", "Warn about double disclaimers with Exchange's rules, signing or encrypting agents that run first, 'external' decided by the From header, and two rules stamping the same part; each with its fix.");
        command.Options.Add(rules);
        command.Options.Add(transportRules);
        command.Options.Add(transportAgents);
        command.Options.Add(agentName);
        command.Options.Add(configuration);
        command.SetAction(parseResult => new LintRunner(parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error).Run(
            parseResult.GetValue(rules)!,
            parseResult.GetValue(configuration),
            parseResult.GetValue(transportRules),
            parseResult.GetValue(transportAgents),
            parseResult.GetValue(agentName)!));
        return command;
    }
}
