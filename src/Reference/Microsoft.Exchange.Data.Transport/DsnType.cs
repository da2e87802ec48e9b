namespace Microsoft.Exchange.Data.Transport;

/// <summary>
/// The kind of DSN generated when a recipient is removed.
/// See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa563632(v=exchg.150).
/// </summary>
public enum DsnType
{
    /// <summary>A non-delivery report.</summary>
    Failure = 1,

    /// <summary>An expansion report.</summary>
    Expanded = 2,
}
