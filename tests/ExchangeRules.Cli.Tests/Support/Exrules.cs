using System.CommandLine;
using System.IO;
using ExchangeRules.Cli.Commands;

namespace ExchangeRules.Cli.Tests.Support;

/// <summary>Runs <c>exrules</c> in process with every command exactly as the tool ships them (<see cref="CommandCatalog"/>).</summary>
internal static class Exrules
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var root = new RootCommand();
        foreach (var command in CommandCatalog.Create())
        {
            root.Subcommands.Add(command);
        }

        var exitCode = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}
