namespace Microsoft.Exchange.Data.Transport;

/// <summary>
/// The DSN format (RET) requested by the sender.
/// See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa567036(v=exchg.150).
/// </summary>
public enum DsnFormatRequested
{
    /// <summary>Not specified.</summary>
    NotSpecified = 0,

    /// <summary>Return the full message.</summary>
    Full = 1,

    /// <summary>Return the headers only.</summary>
    Headers = 2,
}
