namespace Microsoft.Exchange.Data.Transport.Email;

/// <summary>
/// The sensitivity of a message.
/// See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa563872(v=exchg.150).
/// </summary>
public enum Sensitivity
{
    /// <summary>Not set.</summary>
    None = 0,

    /// <summary>Personal.</summary>
    Personal = 1,

    /// <summary>Private.</summary>
    Private = 2,

    /// <summary>Company confidential.</summary>
    CompanyConfidential = 3,
}
