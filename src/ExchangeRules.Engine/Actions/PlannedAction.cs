namespace ExchangeRules.Engine.Actions;

/// <summary>
/// One concrete change that evaluation decided for a copy of a message, with every template already
/// rendered. The message editor (ExchangeRules.Mime) performs body, header and attachment edits; the host
/// (agent, harness, CLI) performs envelope changes.
/// </summary>
public abstract class PlannedAction
{
    /// <summary>Creates a planned action for a rule.</summary>
    protected PlannedAction(string ruleName, FailurePolicy failurePolicy)
    {
        RuleName = ruleName;
        FailurePolicy = failurePolicy;
    }

    /// <summary>The rule that decided this action.</summary>
    public string RuleName { get; }

    /// <summary>What to do with the message when this action fails.</summary>
    public FailurePolicy FailurePolicy { get; }
}
