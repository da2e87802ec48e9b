namespace ExchangeRules.Engine.Actions;

/// <summary>Delete the copy silently (no NDR); always logged.</summary>
public sealed class DeleteMessageAction : PlannedAction
{
    /// <summary>Creates the action.</summary>
    public DeleteMessageAction(string ruleName, FailurePolicy failurePolicy)
        : base(ruleName, failurePolicy)
    {
    }
}
