namespace ExchangeRules.Engine.Actions;

/// <summary>
/// One concrete change that evaluation decided for a copy of a message, with every template already
/// rendered. The message editor (ExchangeRules.Mime) performs body, header and attachment edits; the host
/// (agent, harness, CLI) performs envelope changes.
/// </summary>
public abstract class PlannedAction
{
    /// <summary>Creates a planned action for a rule.</summary>
    /// <param name="ruleName">The rule that decided the action.</param>
    /// <param name="failurePolicy">What to do with the message when the action fails.</param>
    /// <param name="specialMessages">Which special messages the action may change; <see langword="null"/> for <see cref="SpecialMessagePolicy.Default"/>.</param>
    protected PlannedAction(string ruleName, FailurePolicy failurePolicy, SpecialMessagePolicy? specialMessages = null)
    {
        RuleName = ruleName;
        FailurePolicy = failurePolicy;
        SpecialMessages = specialMessages ?? SpecialMessagePolicy.Default;
    }

    /// <summary>The rule that decided this action.</summary>
    public string RuleName { get; }

    /// <summary>What to do with the message when this action fails.</summary>
    public FailurePolicy FailurePolicy { get; }

    /// <summary>Which special messages (signed, encrypted, meetings, auto-replies, reports, system messages) the action may change.</summary>
    public SpecialMessagePolicy SpecialMessages { get; }
}
