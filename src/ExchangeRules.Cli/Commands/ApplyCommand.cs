using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Processing;

namespace ExchangeRules.Cli.Commands;

/// <summary>
/// <c>exrules apply --rules RULES.xml [--org ORG] [--directory SOURCE] [--config AGENTCONFIG] [--origin ORIGIN | --sender-authenticated]
/// [--from ADDRESS] [--to ADDRESS...] [--out DIR] [--trace] [--report] MESSAGE.eml...</c>: an offline preview that runs each message through the agent's own processor (same engine,
/// same editing, same failure policy), prints the decision trace and writes the results.
/// </summary>
public static class ApplyCommand
{
    /// <summary>Exit code when every message was processed (changed or not).</summary>
    public const int Processed = 0;

    /// <summary>Exit code when at least one message could not be read.</summary>
    public const int SomeUnreadable = 1;

    /// <summary>Exit code when the rules, organisation or directory could not be loaded; no message was processed.</summary>
    public const int SetupFailed = 2;

    /// <summary>Creates the command.</summary>
    /// <param name="createEditor">Creates the message editor the agent uses, from the processing options of the preview (limits, organisation key).</param>
    public static Command Create(Func<ProcessingOptions, IMessageEditor> createEditor)
    {
        var rules = new Option<string>("--rules") { Description = "The rules XML file.", Required = true };
        var organization = new Option<string?>("--org") { Description = "An organisation file (accepted domains, recipients, directory). Without it the sender's domain is the only accepted domain." };
        var directory = new Option<string?>("--directory") { Description = "An LDIF export to read directory attributes from (default: the organisation file's directory, if any)." };
        var configuration = AgentConfigurationOption.Create("Its <ldif> directory is used when --directory and the organisation file give none.");
        var authenticated = new Option<bool>("--sender-authenticated") { Description = "Same as --origin authenticated." };
        var origin = new Option<string?>("--origin") { Description = "How the messages entered on-premises transport: unknown (default, treated as anonymous), anonymous (from the internet), authenticated (a mailbox or client inside), hybrid (from Exchange Online over the hybrid connector), partner (a partner connector: outside)." };
        origin.AcceptOnlyFromAmong(ApplyOrigin.Names);
        var from = new Option<string?>("--from") { Description = "The envelope sender (MAIL FROM); default: the From (or Sender) header. '<>' for the null reverse path." };
        var to = new Option<string[]>("--to") { Description = "An envelope recipient (RCPT TO); repeat it or separate addresses with commas. Default: the To, Cc and Bcc headers.", AllowMultipleArgumentsPerToken = true };
        var output = new Option<string?>("--out") { Description = "Write each result to DIR/<same file name> (split copies as DIR/<name>.copy2.eml ...). Without it nothing is written." };
        var trace = new Option<bool>("--trace") { Description = "Also write DIR/<name>.trace.json with the decision trace." };
        var report = new Option<bool>("--report") { Description = "After the messages, summarise where content placed under the newest reply went: the reply markers that decided, bottom-posted replies, and every part that fell back to its end because no marker was found." };
        var messages = new Argument<string[]>("MESSAGE") { Description = "The .eml files to process; a folder stands for every .eml file in it and its subfolders.", Arity = ArgumentArity.OneOrMore };

        var command = new Command("apply", "Preview rules on .eml files with the agent's own engine and editing; prints the decision trace per message.");
        command.Options.Add(rules);
        command.Options.Add(organization);
        command.Options.Add(directory);
        command.Options.Add(configuration);
        command.Options.Add(authenticated);
        command.Options.Add(origin);
        command.Options.Add(from);
        command.Options.Add(to);
        command.Options.Add(output);
        command.Options.Add(trace);
        command.Options.Add(report);
        command.Arguments.Add(messages);
        command.Validators.Add(result =>
        {
            if (result.GetValue(authenticated) && result.GetValue(origin) is { } named && !string.Equals(named, "authenticated", StringComparison.OrdinalIgnoreCase))
            {
                result.AddError($"--sender-authenticated contradicts --origin {named}: give one of them.");
            }
        });
        command.SetAction(parseResult =>
        {
            var settings = new ApplySettings
            {
                // Paths printed and combined with the platform's separator only (C:/mail/a.eml is C:\mail\a.eml on Windows).
                RulesPath = DisplayPath.Normalize(parseResult.GetValue(rules)!),
                OrganizationPath = Normalized(parseResult.GetValue(organization)),
                DirectorySource = Normalized(parseResult.GetValue(directory)),
                ConfigurationPath = Normalized(parseResult.GetValue(configuration)),
                Origin = parseResult.GetValue(authenticated) ? Engine.Messages.SubmissionOrigin.Authenticated : ApplyOrigin.Parse(parseResult.GetValue(origin)),
                EnvelopeSender = EnvelopeSender(parseResult.GetValue(from)),
                EnvelopeRecipients = Addresses(parseResult.GetValue(to)),
                OutputFolder = Normalized(parseResult.GetValue(output)),
                WriteTrace = parseResult.GetValue(trace),
                Report = parseResult.GetValue(report),
                Messages = PlacementReport.ExpandFolders((parseResult.GetValue(messages) ?? Array.Empty<string>()).Select(DisplayPath.Normalize)),
            };
            return new ApplyRunner(settings, createEditor, parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error).Run();
        });
        return command;
    }

    private static string? Normalized(string? path) => path is null ? null : DisplayPath.Normalize(path);

    /// <summary>The --from value: <c>&lt;&gt;</c> (or an empty value) is the null reverse path.</summary>
    private static string? EnvelopeSender(string? value) =>
        value is null ? null : value.Trim() is "<>" or "" ? string.Empty : value.Trim().Trim('<', '>');

    /// <summary>The --to values, each possibly a comma-separated list.</summary>
    private static string[] Addresses(string[]? values) =>
        (values ?? Array.Empty<string>()).SelectMany(value => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(address => address.Trim('<', '>')).ToArray();

    internal static string OutputName(string messagePath, int copy) =>
        copy == 1 ? Path.GetFileName(messagePath) : Path.GetFileNameWithoutExtension(messagePath) + ".copy" + copy + Path.GetExtension(messagePath);
}
