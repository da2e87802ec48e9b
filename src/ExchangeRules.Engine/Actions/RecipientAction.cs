namespace ExchangeRules.Engine.Actions;

/// <summary>A recipient change: add a visible recipient (envelope and Cc header), a blind copy (envelope only) or redirect.</summary>
public sealed class RecipientAction : PlannedAction
{
    /// <summary>Creates the action (<paramref name="specialMessages"/>: see <see cref="PlannedAction.SpecialMessages"/>; <see langword="null"/> for the default).</summary>
    public RecipientAction(string ruleName, FailurePolicy failurePolicy, RecipientChange change, string address, SpecialMessagePolicy? specialMessages = null)
        : base(ruleName, failurePolicy, specialMessages)
    {
        Change = change;
        Address = address;
    }

    /// <summary>What to do.</summary>
    public RecipientChange Change { get; }

    /// <summary>The SMTP address to add or redirect to.</summary>
    public string Address { get; }
}
