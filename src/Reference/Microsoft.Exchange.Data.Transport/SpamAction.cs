namespace Microsoft.Exchange.Data.Transport;

/// <summary>
/// An anti-spam action with a spam confidence level threshold.
/// See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa581482(v=exchg.150).
/// </summary>
public enum SpamAction
{
    /// <summary>Quarantine the message.</summary>
    Quarantine = 0,

    /// <summary>Reject the message.</summary>
    Reject = 1,

    /// <summary>Delete the message.</summary>
    Delete = 2,
}
