namespace Microsoft.Exchange.Data.Transport;

/// <summary>
/// How a message was received or is delivered.
/// See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa566737(v=exchg.150).
/// </summary>
public enum DeliveryMethod
{
    /// <summary>Not known.</summary>
    Unknown = 0,

    /// <summary>Through the pickup or replay directory.</summary>
    File = 1,

    /// <summary>To or from a mailbox.</summary>
    Mailbox = 2,

    /// <summary>Over SMTP.</summary>
    Smtp = 3,

    /// <summary>Through a delivery agent.</summary>
    DeliveryAgent = 4,
}
