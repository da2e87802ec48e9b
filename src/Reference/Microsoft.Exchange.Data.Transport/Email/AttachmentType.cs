namespace Microsoft.Exchange.Data.Transport.Email;

/// <summary>
/// How an attachment is shown.
/// See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa563872(v=exchg.150).
/// </summary>
public enum AttachmentType
{
    /// <summary>A regular attachment.</summary>
    Regular = 0,

    /// <summary>An inline attachment.</summary>
    Inline = 1,
}
