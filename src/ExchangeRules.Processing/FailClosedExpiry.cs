namespace ExchangeRules.Processing;

/// <summary>
/// What happens to a message that a failing fail-closed rule has kept deferred for longer than
/// <see cref="ProcessingOptions.MaxDeferral"/>.
/// </summary>
public enum FailClosedExpiry
{
    /// <summary>
    /// The message is not delivered: every recipient fails and the sender gets a non-delivery report naming the reason
    /// (as Exchange does when a deferred message expires). The default: a message that must carry a legal disclaimer
    /// never leaves without it, and its sender learns it did not go.
    /// </summary>
    Reject = 0,

    /// <summary>
    /// The message is delivered without the failed rule, with the header <c>X-ExchangeRules-Unapplied: required-rule-failed</c>
    /// so that its absence can be found; for organisations that prefer late mail to no mail.
    /// </summary>
    DeliverWithHeader = 1,
}
