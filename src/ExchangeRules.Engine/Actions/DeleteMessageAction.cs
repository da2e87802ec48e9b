namespace ExchangeRules.Engine.Actions;

/// <summary>Delete the copy silently (no NDR); always logged.</summary>
public sealed class DeleteMessageAction : PlannedAction
{
    /// <summary>Creates the action (<paramref name="specialMessages"/>: see <see cref="PlannedAction.SpecialMessages"/>; <see langword="null"/> for the default).</summary>
    public DeleteMessageAction(string ruleName, FailurePolicy failurePolicy, SpecialMessagePolicy? specialMessages = null)
        : base(ruleName, failurePolicy, specialMessages)
    {
    }
}
