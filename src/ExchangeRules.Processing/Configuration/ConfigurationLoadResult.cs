using System.Collections.Generic;
using ExchangeRules.Engine.Loading;

namespace ExchangeRules.Processing.Configuration;

/// <summary>The configuration in force and why: found or not, and every error when it was invalid.</summary>
internal sealed class ConfigurationLoadResult
{
    public ConfigurationLoadResult(string path, bool found, AgentConfiguration configuration, IReadOnlyList<RuleError> errors)
    {
        Path = path;
        Found = found;
        Configuration = configuration;
        Errors = errors;
    }

    public string Path { get; }

    /// <summary>Whether the file exists.</summary>
    public bool Found { get; }

    /// <summary>The configuration to run with: the file's when valid; otherwise defaults with no rules.</summary>
    public AgentConfiguration Configuration { get; }

    public IReadOnlyList<RuleError> Errors { get; }

    public bool IsValid => Errors.Count == 0;
}
