using System;
using ExchangeRules.Engine.Evaluation;

namespace ExchangeRules.Engine.Reload;

/// <summary>A new plan is in force.</summary>
public sealed class RulePlanChangedEventArgs : EventArgs
{
    internal RulePlanChangedEventArgs(IRulePlan plan, string sourcePath, int ruleCount, bool fromCache)
    {
        Plan = plan;
        SourcePath = sourcePath;
        RuleCount = ruleCount;
        FromCache = fromCache;
    }

    /// <summary>The plan now in force.</summary>
    public IRulePlan Plan { get; }

    /// <summary>The rules file it was loaded from.</summary>
    public string SourcePath { get; }

    /// <summary>How many rules the plan has.</summary>
    public int RuleCount { get; }

    /// <summary>Whether the plan came from the last-good cache because the rules file could not be loaded.</summary>
    public bool FromCache { get; }
}
