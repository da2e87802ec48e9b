using System;
using System.CommandLine;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Engine.Messages;

namespace ExchangeRules.Cli.Commands;

/// <summary>
/// <c>exrules diff --old RULES.xml --new RULES.xml [--org ORG.xml] [--directory LDIF] [--config AGENTCONFIG] [--origin ORIGIN] FOLDER</c>:
/// replays every message of a folder through both rule sets and lists each recipient whose result changes, and how.
/// </summary>
public static class DiffCommand
{
    /// <summary>Exit code when no message's result changes.</summary>
    public const int Same = 0;

    /// <summary>Exit code when at least one message's result changes.</summary>
    public const int Changed = 1;

    /// <summary>Exit code when a rules file, the organisation or the directory could not be loaded, or a message could not be read.</summary>
    public const int Failed = 2;

    /// <summary>Creates the command.</summary>
    /// <param name="createEditor">Creates the message editor the agent uses.</param>
    public static Command Create(Func<IMessageEditor> createEditor)
    {
        var oldRules = new Option<string>("--old") { Description = "The rules file in force now.", Required = true };
        var newRules = new Option<string>("--new") { Description = "The changed rules file.", Required = true };
        var organization = new Option<string?>("--org") { Description = "An organisation file (without it, each sender's domain is the organisation)." };
        var directory = new Option<string?>("--directory") { Description = "An LDIF export (default: the organisation file's directory, if any)." };
        var configuration = AgentConfigurationOption.Create("Both rule sets are compiled with it; its <ldif> directory is used when --directory and the organisation file give none.");
        var origin = new Option<SubmissionOrigin>("--origin") { Description = "How the messages enter on-premises transport: Unknown (default, treated as anonymous), Anonymous, Authenticated, HybridConnector." };
        var folder = new Argument<string>("FOLDER") { Description = "A folder of .eml files (searched recursively); the envelope of each comes from its From/Sender and To/Cc/Bcc." };

        var command = new Command("diff", "Replay a folder of messages through two rule sets and list every recipient whose result changes, and how.");
        command.Options.Add(oldRules);
        command.Options.Add(newRules);
        command.Options.Add(organization);
        command.Options.Add(directory);
        command.Options.Add(configuration);
        command.Options.Add(origin);
        command.Arguments.Add(folder);
        command.SetAction(parseResult => new DiffRunner(createEditor, parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error).Run(
            parseResult.GetValue(oldRules)!,
            parseResult.GetValue(newRules)!,
            parseResult.GetValue(organization),
            parseResult.GetValue(directory),
            parseResult.GetValue(configuration),
            parseResult.GetValue(origin),
            parseResult.GetValue(folder)!));
        return command;
    }
}
