using System.CommandLine;
using System.IO;
using ExchangeRules.Engine.Loading;
using ExchangeRules.Engine.Templates;

namespace ExchangeRules.Cli.Commands;

/// <summary>
/// <c>exrules validate [--config ExchangeRules.config.xml] RULES.xml...</c>: runs the agent's own validator (XSD plus
/// semantic checks) and prints every error as <c>path:line:column: message</c>. With <c>--config</c> the agent
/// configuration is validated too and templates are checked against the directory attributes it declares, with the
/// compiler the agent builds from it. Exit code 0 when every file is valid, 1 otherwise.
/// </summary>
public static class ValidateCommand
{
    /// <summary>Exit code when every file is valid.</summary>
    public const int Valid = 0;

    /// <summary>Exit code when at least one file has errors.</summary>
    public const int Invalid = 1;

    /// <summary>Creates the command.</summary>
    /// <param name="templateCompiler">
    /// Compiles templates so template errors are reported too; when null, template files are only checked to
    /// exist, be readable and stay within their limits.
    /// </param>
    public static Command Create(ITemplateCompiler? templateCompiler = null)
    {
        var files = new Argument<string[]>("RULES")
        {
            Description = "The rules XML file(s) to validate.",
            Arity = ArgumentArity.OneOrMore,
        };
        var configuration = AgentConfigurationOption.Create();
        var command = new Command("validate", "Validate rules files: every error as path:line:column: message; exit 0 when valid, 1 otherwise.");
        command.Arguments.Add(files);
        command.Options.Add(configuration);
        command.SetAction(parseResult => Run(
            parseResult.GetValue(files) ?? System.Array.Empty<string>(),
            parseResult.GetValue(configuration),
            templateCompiler,
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string[] paths, string? configurationPath, ITemplateCompiler? templateCompiler, TextWriter output, TextWriter error)
    {
        if (!AgentConfigurationOption.TryLoad(configurationPath, "the rules were not validated (their templates depend on the directory attributes it declares)", error.WriteLine, out var configuration))
        {
            return Invalid;
        }

        if (configuration is not null)
        {
            output.WriteLine($"{configurationPath}: valid{(configuration.CustomFields.Count > 0 ? ", declares " + string.Join(", ", configuration.CustomFields) : string.Empty)}");
            templateCompiler = configuration.CreateTemplateCompiler();
        }

        var exitCode = Valid;
        foreach (var path in paths)
        {
            var errors = ValidateSafely(path, templateCompiler);
            if (errors.Count == 0)
            {
                output.WriteLine($"{path}: valid");
                continue;
            }

            exitCode = Invalid;
            foreach (var each in errors)
            {
                error.WriteLine(each.ToString());
            }

            error.WriteLine($"{path}: {errors.Count} error(s)");
        }

        return exitCode;
    }

    /// <summary>Validation never ends the tool: whatever fails is reported as an error of that file.</summary>
    private static System.Collections.Generic.IReadOnlyList<RuleError> ValidateSafely(string path, ITemplateCompiler? templateCompiler)
    {
        try
        {
            return RuleSetLoader.Validate(path, templateCompiler);
        }
#pragma warning disable CA1031 // One file's failure is reported as its error; the other files are still validated.
        catch (System.Exception exception)
#pragma warning restore CA1031
        {
            return new[] { new RuleError(path, 0, 0, $"the file could not be validated ({exception.GetType().Name}: {exception.Message})") };
        }
    }
}
