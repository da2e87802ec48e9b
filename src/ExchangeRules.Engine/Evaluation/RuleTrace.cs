namespace ExchangeRules.Engine.Evaluation;

/// <summary>Why one rule applied or did not.</summary>
public sealed class RuleTrace
{
    /// <summary>Creates a rule trace.</summary>
    public RuleTrace(string ruleName, bool applied, string reason)
    {
        RuleName = ruleName;
        Applied = applied;
        Reason = reason;
    }

    /// <summary>The rule's name.</summary>
    public string RuleName { get; }

    /// <summary>Whether the rule applied (to at least one copy).</summary>
    public bool Applied { get; }

    /// <summary>The first condition or exception that decided it, in words an admin understands.</summary>
    public string Reason { get; }
}
