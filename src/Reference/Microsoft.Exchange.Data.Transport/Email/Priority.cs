namespace Microsoft.Exchange.Data.Transport.Email;

/// <summary>
/// The priority of a message.
/// See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa563872(v=exchg.150).
/// </summary>
public enum Priority
{
    /// <summary>Normal.</summary>
    Normal = 0,

    /// <summary>Urgent.</summary>
    Urgent = 1,

    /// <summary>Not urgent.</summary>
    NonUrgent = 2,
}
