namespace Microsoft.Exchange.Data.Transport;

/// <summary>
/// The kind of an address book recipient.
/// See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa563650(v=exchg.150).
/// </summary>
public enum RecipientType
{
    /// <summary>A mailbox user.</summary>
    User = 0,

    /// <summary>A mail-enabled public folder.</summary>
    PublicFolder = 1,

    /// <summary>A mail contact.</summary>
    Contact = 2,

    /// <summary>A distribution group.</summary>
    DistributionList = 3,

    /// <summary>A dynamic distribution group.</summary>
    DynamicDistributionList = 4,

    /// <summary>A room mailbox.</summary>
    ConferenceRoom = 5,

    /// <summary>An equipment mailbox.</summary>
    Equipment = 6,

    /// <summary>Not known.</summary>
    Unknown = 7,
}
