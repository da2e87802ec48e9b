namespace Microsoft.Exchange.Data.Transport;

/// <summary>
/// The DSN types (NOTIFY) requested for a recipient.
/// See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa567057(v=exchg.150).
/// </summary>
public enum DsnTypeRequested
{
    /// <summary>Not specified.</summary>
    NotSpecified = 0,

    /// <summary>Report successful delivery.</summary>
    Success = 1,

    /// <summary>Report failed delivery.</summary>
    Failure = 2,

    /// <summary>Report delayed delivery.</summary>
    Delay = 4,

    /// <summary>Never report.</summary>
    Never = 8,
}
