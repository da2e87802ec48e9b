using System.CommandLine;
using ExchangeRules.Cli.Commands;
using ExchangeRules.Mime;

namespace ExchangeRules.Cli;

/// <summary>The <c>exrules</c> admin tool: validate and preview rules, run the fake transport pipeline.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static int Main(string[] args)
    {
        // Before anything reads a message: MimeKit remembers a charset it could not find.
        CodePageRegistration.Register();
        var root = new RootCommand("ExchangeRules admin tool: validate and preview rules, run the transport pipeline harness.");
        foreach (var command in CommandCatalog.Create())
        {
            root.Subcommands.Add(command);
        }

        return root.Parse(args).Invoke();
    }
}
