using System;
using System.CommandLine;
using ExchangeRules.Engine.Templates;
using ExchangeRules.Processing;
using ExchangeRules.Templates;

namespace ExchangeRules.Cli.Commands;

/// <summary>
/// <c>--config ExchangeRules.config.xml</c>, the same on every command that compiles rules (validate, apply, test,
/// diff, lint, serve, hybrid-check): the agent configuration is validated and templates are compiled with the
/// compiler the agent builds from it, so a template field declared there (<c>&lt;directory&gt;&lt;attribute&gt;</c>)
/// is accepted exactly where the server accepts it, and refused without it.
/// </summary>
internal static class AgentConfigurationOption
{
    /// <summary>Creates the option.</summary>
    /// <param name="more">What else the command takes from the configuration, appended to the description; or <see langword="null"/>.</param>
    public static Option<string?> Create(string? more = null) => new("--config")
    {
        Description = "The agent configuration (ExchangeRules.config.xml): validated too, and templates may use the directory attributes it declares (<directory><attribute>), exactly as on the server."
            + (more is null ? string.Empty : " " + more),
    };

    /// <summary>
    /// Loads the configuration when one was given. When it is invalid, reports every error (<c>path:line:column: message</c>)
    /// and a summary ending in <paramref name="consequence"/>, and returns <see langword="false"/>.
    /// </summary>
    /// <param name="path">The --config value; <see langword="null"/> when not given (then <paramref name="configuration"/> is null too).</param>
    /// <param name="consequence">What the command did not do because of the errors, e.g. "no message was processed".</param>
    /// <param name="report">Writes one line of error output.</param>
    /// <param name="configuration">The valid configuration, or <see langword="null"/>.</param>
    public static bool TryLoad(string? path, string consequence, Action<string> report, out AgentConfigurationFile? configuration)
    {
        configuration = null;
        if (path is null)
        {
            return true;
        }

        var loaded = AgentConfigurationFile.Load(path);
        if (!loaded.IsValid)
        {
            foreach (var error in loaded.Errors)
            {
                report(error.ToString());
            }

            report($"{path}: {loaded.Errors.Count} error(s); {consequence}");
            return false;
        }

        configuration = loaded;
        return true;
    }

    /// <summary>The template compiler the agent builds from <paramref name="configuration"/>, or the built-in fields only without one.</summary>
    public static ITemplateCompiler Compiler(AgentConfigurationFile? configuration) =>
        configuration?.CreateTemplateCompiler() ?? new FluidTemplateCompiler();
}
