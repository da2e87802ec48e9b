using System;
using System.Collections.Generic;

namespace ExchangeRules.Engine.Evaluation;

/// <summary>Why one rule applied or did not.</summary>
public sealed class RuleTrace
{
    private static readonly IReadOnlyList<string> _noRecipients = Array.Empty<string>();

    /// <summary>Creates a rule trace.</summary>
    public RuleTrace(string ruleName, bool applied, string reason)
        : this(ruleName, applied, reason, _noRecipients, false)
    {
    }

    /// <summary>Creates a rule trace with the recipients the rule applied to and whether it failed.</summary>
    /// <param name="ruleName">The rule's name.</param>
    /// <param name="applied">Whether the rule applied to at least one copy.</param>
    /// <param name="reason">What decided it, in words an admin understands.</param>
    /// <param name="recipients">The envelope recipients the rule applied to (empty when it did not apply).</param>
    /// <param name="failed">Whether evaluating the rule or rendering its templates failed.</param>
    public RuleTrace(string ruleName, bool applied, string reason, IReadOnlyList<string> recipients, bool failed)
    {
        RuleName = ruleName;
        Applied = applied;
        Reason = reason;
        Recipients = recipients ?? _noRecipients;
        Failed = failed;
    }

    /// <summary>The rule's name.</summary>
    public string RuleName { get; }

    /// <summary>Whether the rule applied (to at least one copy).</summary>
    public bool Applied { get; }

    /// <summary>The first condition or exception that decided it, in words an admin understands.</summary>
    public string Reason { get; }

    /// <summary>The envelope recipients the rule applied to; empty when it did not apply.</summary>
    public IReadOnlyList<string> Recipients { get; }

    /// <summary>Whether evaluating the rule or rendering its templates failed (see <see cref="Reason"/>).</summary>
    public bool Failed { get; }

    /// <summary>The trace as one line: <c>name: reason</c>.</summary>
    public override string ToString() => RuleName + ": " + Reason;
}
