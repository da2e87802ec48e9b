using System;
using System.CommandLine;
using ExchangeRules.Engine.Editing;

namespace ExchangeRules.Cli.Commands;

/// <summary>
/// <c>exrules test CASES.json... [--rules RULES.xml] [--org ORG.xml] [--directory LDIF] [--config AGENTCONFIG]</c>: runs each case's message
/// through the agent's processor and checks what every recipient receives against the case.
/// </summary>
public static class TestCommand
{
    /// <summary>Exit code when every case passed.</summary>
    public const int Passed = 0;

    /// <summary>Exit code when at least one case failed (or its message could not be read).</summary>
    public const int Failed = 1;

    /// <summary>Exit code when a cases file, the rules, the organisation or the directory could not be loaded.</summary>
    public const int SetupFailed = 2;

    /// <summary>Creates the command.</summary>
    /// <param name="createEditor">Creates the message editor the agent uses.</param>
    public static Command Create(Func<IMessageEditor> createEditor)
    {
        var rules = new Option<string?>("--rules") { Description = "The rules file to test (default: the cases file's \"rules\")." };
        var organization = new Option<string?>("--org") { Description = "An organisation file (default: the cases file's \"org\"; without either, each sender's domain is the organisation)." };
        var directory = new Option<string?>("--directory") { Description = "An LDIF export (default: the cases file's \"directory\", else the organisation file's)." };
        var configuration = AgentConfigurationOption.Create("Its <ldif> directory is used when neither --directory nor the cases or organisation file give one.");
        var cases = new Argument<string[]>("CASES") { Description = "The cases files (JSON, format in docs/cli.md).", Arity = ArgumentArity.OneOrMore };

        var command = new Command("test", "Run a file of cases (message, envelope, origin, expected result per recipient) through the agent's processor; exit 1 with a diff when one fails.");
        command.Options.Add(rules);
        command.Options.Add(organization);
        command.Options.Add(directory);
        command.Options.Add(configuration);
        command.Arguments.Add(cases);
        command.SetAction(parseResult => new TestRunner(
            parseResult.GetValue(rules),
            parseResult.GetValue(organization),
            parseResult.GetValue(directory),
            parseResult.GetValue(configuration),
            createEditor,
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error).Run(parseResult.GetValue(cases) ?? Array.Empty<string>()));
        return command;
    }
}
