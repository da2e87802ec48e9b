namespace Microsoft.Exchange.Data.Transport.Email;

/// <summary>
/// The S/MIME security of a message.
/// See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa563872(v=exchg.150).
/// </summary>
public enum MessageSecurityType
{
    /// <summary>Not secured.</summary>
    None = 0,

    /// <summary>Clear-signed.</summary>
    ClearSigned = 1,

    /// <summary>Opaque-signed.</summary>
    OpaqueSigned = 2,

    /// <summary>Encrypted.</summary>
    Encrypted = 3,
}
