using System;
using System.Collections.Generic;
using System.Linq;

namespace ExchangeRules.Engine.Loading;

/// <summary>
/// The rules file (or a file it references) is not valid. Carries every error found, each with its location;
/// the running rules, if any, stay in force.
/// </summary>
public sealed class RuleConfigurationException : Exception
{
    internal RuleConfigurationException(string path, IReadOnlyList<RuleError> errors)
        : base(BuildMessage(path, errors))
    {
        RulesPath = path;
        Errors = errors;
    }

    /// <summary>The rules file that was loaded.</summary>
    public string RulesPath { get; }

    /// <summary>Every error, in document order.</summary>
    public IReadOnlyList<RuleError> Errors { get; }

    private static string BuildMessage(string path, IReadOnlyList<RuleError> errors) =>
        $"The rules file is not valid ({errors.Count} error(s)). Path={path}" + Environment.NewLine +
        string.Join(Environment.NewLine, errors.Select(error => error.ToString()));
}
