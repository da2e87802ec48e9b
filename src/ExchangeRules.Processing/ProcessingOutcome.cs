namespace ExchangeRules.Processing;

/// <summary>What the host must do with the mail item.</summary>
public enum ProcessingOutcome
{
    /// <summary>Leave the message as it is (no rule applied, or a fail-open failure).</summary>
    Unchanged = 0,

    /// <summary>Write <see cref="ProcessingResult.Mime"/> back and apply the envelope changes.</summary>
    Changed = 1,

    /// <summary>
    /// Split first: keep only <see cref="ProcessingResult.SplitRecipients"/> on this item (Exchange's Fork); the
    /// rest become a new item that is processed again on its own. Then treat this item as <see cref="Changed"/>
    /// when <see cref="ProcessingResult.Mime"/> is set, else as unchanged.
    /// </summary>
    Split = 2,

    /// <summary>Delete the item silently (a delete action applied to every recipient).</summary>
    Delete = 3,

    /// <summary>Defer with a transient response so the host retries (a required rule failed).</summary>
    Defer = 4,

    /// <summary>
    /// Fail every recipient with a non-delivery report to the sender, <see cref="ProcessingResult.Reason"/> as the
    /// status text: a required (fail-closed) rule has kept failing for longer than
    /// <see cref="ProcessingOptions.MaxDeferral"/> and the policy is <see cref="FailClosedExpiry.Reject"/>. A host must
    /// never deliver such a message.
    /// </summary>
    Reject = 5,
}
