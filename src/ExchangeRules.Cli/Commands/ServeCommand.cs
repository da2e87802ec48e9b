using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using ExchangeRules.Harness.Delivery;
using ExchangeRules.Harness.Organization;
using ExchangeRules.Harness.Smtp;
using ExchangeRules.Harness.Topology;
using ExchangeRules.Processing.Transport;

namespace ExchangeRules.Cli.Commands;

/// <summary>
/// <c>exrules serve --org ORG [--rules RULES] [--config AGENTCONFIG] [--listen 127.0.0.1:2525] [--deliver DIR]</c>: runs the harness's SMTP
/// front end until Ctrl+C and logs each message's path and the agent's decisions (with <c>--rules</c> the real
/// rules run on every crossing of on-premises transport; without, the agent only writes its processed marker). Anonymous sessions are internet mail; SMTP AUTH as a mailbox of
/// the organisation submits from that mailbox's side (any password).
/// </summary>
public static class ServeCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var org = new Option<string>("--org") { Description = "The organisation file (see docs/hybrid.md).", Required = true };
        var rules = new Option<string?>("--rules") { Description = "The rules file the agent runs (without it the agent matches no rule and only writes its processed marker)." };
        var configuration = AgentConfigurationOption.Create("Used with --rules; its <ldif> directory is used when the organisation file gives none.");
        var listen = new Option<string>("--listen") { Description = "Loopback address and port to listen on.", DefaultValueFactory = _ => "127.0.0.1:2525" };
        var deliver = new Option<string>("--deliver") { Description = "Folder for delivered copies.", DefaultValueFactory = _ => "harness-mail" };
        var command = new Command("serve", "Run the fake Exchange transport pipeline on loopback SMTP until Ctrl+C.");
        command.Options.Add(org);
        command.Options.Add(rules);
        command.Options.Add(configuration);
        command.Options.Add(listen);
        command.Options.Add(deliver);
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(org)!, parseResult.GetValue(rules), parseResult.GetValue(configuration), parseResult.GetValue(listen)!, parseResult.GetValue(deliver)!,
            parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    internal static async Task<int> RunAsync(string organizationPath, string? rulesPath, string? configurationPath, string listen, string deliver, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        OrganizationModel organization;
        try
        {
            organization = OrganizationFile.Load(organizationPath);
        }
        catch (OrganizationFileException ex)
        {
            error.WriteLine(ex.Message);
            return 1;
        }

        if (!IPEndPoint.TryParse(listen, out var endPoint) || !IPAddress.IsLoopback(endPoint.Address))
        {
            error.WriteLine($"--listen must be a loopback address and port such as 127.0.0.1:2525, not '{listen}'.");
            return 1;
        }

        var transport = HarnessRules.CreateTransport(rulesPath, configurationPath, organization, error);
        if (transport is null)
        {
            return 1;
        }

        var topology = new HybridTopology(organization, transport);
        var drop = new MailDrop(deliver);
        var gate = new object();
        await using var server = await HarnessSmtpServer.StartAsync(topology, drop, endPoint, message =>
        {
            lock (gate)
            {
                Print(output, message);
            }
        }, keptMessages: 0, cancellationToken).ConfigureAwait(false);
        output.WriteLine($"Harness for {organization.Name} listening on {server.EndPoint}; delivering to {drop.Root}; agent {(rulesPath is null ? "with no rules (writes " + ProcessedMarker.Name + " only)" : "running " + rulesPath)}. Ctrl+C stops.");
        output.WriteLine($"Internet mail: send anonymously. Mailbox mail: AUTH as the mailbox, e.g. swaks --server {server.EndPoint} --auth-user alice@contoso.com --auth-password x --to bob@contoso.com");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            output.WriteLine("Stopping.");
        }

        return 0;
    }

    internal static void Print(TextWriter output, HarnessMessage message)
    {
        output.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {message.Entry}: {message.Sender} → {string.Join(", ", message.Recipients)}");
        foreach (var copy in message.Copies)
        {
            var rules = copy.Passes.SelectMany(p => p.AppliedRules).Distinct(StringComparer.Ordinal).ToList();
            output.WriteLine($"  {copy.Recipient}: {HarnessOutput.Where(copy.Target)}; {HarnessOutput.Agent(copy)}{(rules.Count > 0 ? "; rules: " + string.Join(", ", rules) : string.Empty)}; {copy.File}");
            HarnessOutput.WritePath(output, copy, "    ");
        }
    }
}
