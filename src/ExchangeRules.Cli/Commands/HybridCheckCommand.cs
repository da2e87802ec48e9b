using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using ExchangeRules.Harness.HybridCheck;
using ExchangeRules.Harness.Organization;

namespace ExchangeRules.Cli.Commands;

/// <summary>
/// <c>exrules hybrid-check --org ORG [--rules RULES] [--config AGENTCONFIG]</c>: sends a synthetic message through the simulated hybrid
/// topology for every flow and prints the path, whether the agent processes it and why, what to change (with the
/// PowerShell) and, with <c>--rules</c>, which rules act on the flow's message.
/// Exit code 0 when every flow is processed and nothing bounces, 2 when some flow needs attention, 1 on bad input.
/// </summary>
public static class HybridCheckCommand
{
    /// <summary>Every flow is processed.</summary>
    public const int AllProcessed = 0;

    /// <summary>The organisation file is invalid.</summary>
    public const int InvalidInput = 1;

    /// <summary>At least one flow is not processed, bounces or loops.</summary>
    public const int NeedsAttention = 2;

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var org = new Option<string>("--org") { Description = "The organisation file (see docs/hybrid.md).", Required = true };
        var rules = new Option<string?>("--rules") { Description = "A rules file: per flow, also show which rules act on the synthetic message." };
        var configuration = AgentConfigurationOption.Create("Used with --rules; its <ldif> directory is used when the organisation file gives none.");
        var command = new Command("hybrid-check", "Show which hybrid mail flows pass on-premises transport (and so the agent), why, and what to change.");
        command.Options.Add(org);
        command.Options.Add(rules);
        command.Options.Add(configuration);
        command.SetAction((parseResult, cancellationToken) => System.Threading.Tasks.Task.FromResult(Run(
            parseResult.GetValue(org)!, parseResult.GetValue(rules), parseResult.GetValue(configuration), parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error, cancellationToken)));
        return command;
    }

    internal static int Run(string organizationPath, string? rulesPath, string? configurationPath, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        OrganizationModel organization;
        try
        {
            organization = OrganizationFile.Load(organizationPath);
        }
        catch (OrganizationFileException ex)
        {
            error.WriteLine(ex.Message);
            return InvalidInput;
        }

        var transport = HarnessRules.CreateTransport(rulesPath, configurationPath, organization, error);
        if (transport is null)
        {
            return InvalidInput;
        }

        var report = HybridChecker.Run(organization, transport, cancellationToken);
        var agent = rulesPath is null ? $"agent simulated with no rule matching (it writes only {HybridChecker.DefaultMarkerHeader})" : $"agent running the rules in {rulesPath}";
        output.WriteLine($"Hybrid check of {organization.Name} ({organizationPath})");
        output.WriteLine(organization.Hybrid is null
            ? "On-premises only: every message passes on-premises transport."
            : $"CMT {(organization.Hybrid.CentralizedMailTransport ? "on" : "off")}, MX at {organization.Hybrid.Mx}, redirect rule {(organization.Hybrid.RedirectRule is { Enabled: true } r ? $"'{r.Name}'" : "none")}; {agent}.");
        output.WriteLine();
        var number = 0;
        foreach (var flow in report.Flows)
        {
            number++;
            var mark = flow.Failed ? "FAIL" : flow.Processed ? " OK " : "MISS";
            output.WriteLine($"[{mark}] {number}. {flow.Name}: {flow.Sender} → {flow.Recipient}");
            output.WriteLine($"       {flow.Verdict}");
            if (rulesPath is not null)
            {
                var idle = flow.IdleRules;
                output.WriteLine(flow.AppliedRules.Count > 0
                    ? $"       rules that act: {string.Join(", ", flow.AppliedRules)}"
                    : !flow.Processed ? "       rules that act: none (the agent never sees this message)"
                    : idle.Count > 0 ? "       rules that act: none (a rule matches but changes nothing, see below)"
                    : "       rules that act: none (no rule matches this message)");
                foreach (var rule in idle)
                {
                    output.WriteLine($"       rule that matches without effect: {rule}");
                }
            }

            foreach (var copy in flow.Copies)
            {
                output.WriteLine($"       path to {copy.Recipient} ({HarnessOutput.Where(copy.Target)}):");
                HarnessOutput.WritePath(output, copy, "         ");
            }

            foreach (var advice in flow.Advice)
            {
                output.WriteLine($"       → {advice}");
            }

            output.WriteLine();
        }

        var processed = report.Flows.Count(f => f.Processed && !f.Failed);
        output.WriteLine($"{processed} of {report.Flows.Count} flows are processed by the agent.");
        if (report.BouncingObjects.Count > 0)
        {
            output.WriteLine("Would bounce:");
            foreach (var bounce in report.BouncingObjects)
            {
                output.WriteLine("  " + bounce);
            }
        }

        if (report.Commands.Count > 0)
        {
            output.WriteLine("PowerShell to consider:");
            foreach (var line in report.Commands)
            {
                output.WriteLine("  " + line);
            }
        }

        return processed == report.Flows.Count ? AllProcessed : NeedsAttention;
    }
}
