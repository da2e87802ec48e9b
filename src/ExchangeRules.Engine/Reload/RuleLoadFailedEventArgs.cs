using System;
using System.Collections.Generic;
using ExchangeRules.Engine.Loading;

namespace ExchangeRules.Engine.Reload;

/// <summary>A rules file could not be loaded; the plan in force did not change.</summary>
public sealed class RuleLoadFailedEventArgs : EventArgs
{
    internal RuleLoadFailedEventArgs(string sourcePath, IReadOnlyList<RuleError> errors, bool keptPreviousPlan)
    {
        SourcePath = sourcePath;
        Errors = errors;
        KeptPreviousPlan = keptPreviousPlan;
    }

    /// <summary>The rules file that failed.</summary>
    public string SourcePath { get; }

    /// <summary>Every error, each with its location (<see cref="RuleError.ToString"/> gives <c>path:line:column: message</c>).</summary>
    public IReadOnlyList<RuleError> Errors { get; }

    /// <summary>Whether a previously loaded plan stays in force (false: no rules run until a valid file appears).</summary>
    public bool KeptPreviousPlan { get; }
}
