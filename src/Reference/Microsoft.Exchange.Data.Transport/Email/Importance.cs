namespace Microsoft.Exchange.Data.Transport.Email;

/// <summary>
/// The importance of a message.
/// See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa563872(v=exchg.150).
/// </summary>
public enum Importance
{
    /// <summary>Normal.</summary>
    Normal = 0,

    /// <summary>High.</summary>
    High = 1,

    /// <summary>Low.</summary>
    Low = 2,
}
