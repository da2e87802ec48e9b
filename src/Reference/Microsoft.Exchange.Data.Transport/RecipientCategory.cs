namespace Microsoft.Exchange.Data.Transport;

/// <summary>
/// Where a recipient is relative to the organisation.
/// See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa567057(v=exchg.150).
/// </summary>
public enum RecipientCategory
{
    /// <summary>Not known.</summary>
    Unknown = 0,

    /// <summary>In the same organisation.</summary>
    InSameOrganization = 1,

    /// <summary>In another organisation.</summary>
    InDifferentOrganization = 2,

    /// <summary>An incoming recipient.</summary>
    Incoming = 3,
}
