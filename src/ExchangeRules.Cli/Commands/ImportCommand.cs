using System.CommandLine;

namespace ExchangeRules.Cli.Commands;

/// <summary><c>exrules import ...</c>: bring existing configuration over from Exchange.</summary>
public static class ImportCommand
{
    /// <summary>Exit code when everything was imported.</summary>
    public const int Imported = 0;

    /// <summary>Exit code when the file was written but some parts were not imported, or some rules were written disabled.</summary>
    public const int PartlyImported = 1;

    /// <summary>Exit code when nothing was written: the export is unreadable, or the output exists (without <c>--force</c>).</summary>
    public const int Failed = 2;

    /// <summary>Creates the command with its sub-commands.</summary>
    public static Command Create()
    {
        var command = new Command("import", "Import configuration from Exchange.");
        command.Subcommands.Add(CreateTransportRules());
        return command;
    }

    private static Command CreateTransportRules()
    {
        var output = new Option<string>("--out") { Description = "The rules file to write.", Required = true };
        var force = new Option<bool>("--force") { Description = "Overwrite the output file when it exists." };
        var export = new Argument<string>("EXPORT") { Description = "The JSON written by install/Export-TransportRules.ps1 (or Get-TransportRule | ConvertTo-Json -Depth 6)." };
        var command = new Command("transport-rules", "Turn Exchange's transport rules (disclaimers, subject and header changes, recipients, conditions and exceptions) into a rules file; lists per rule what was not imported and why.");
        command.Options.Add(output);
        command.Options.Add(force);
        command.Arguments.Add(export);
        command.SetAction(parseResult => new TransportRuleImportRunner(parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error)
            .Run(parseResult.GetValue(export)!, parseResult.GetValue(output)!, parseResult.GetValue(force)));
        return command;
    }
}
