namespace Microsoft.Exchange.Data.Transport.Email;

/// <summary>
/// A recipient or originator in a message header. See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa566504(v=exchg.150).
/// </summary>
public class EmailRecipient
{
    /// <summary>Creates a recipient.</summary>
    public EmailRecipient(string displayName, string smtpAddress)
    {
        DisplayName = displayName;
        SmtpAddress = smtpAddress;
    }

    /// <summary>The display name.</summary>
    public string DisplayName { get; set; }

    /// <summary>The SMTP address.</summary>
    public string SmtpAddress { get; set; }

    /// <summary>The native (for example X.500) address.</summary>
    public string NativeAddress { get; set; }

    /// <summary>The type of <see cref="NativeAddress"/>.</summary>
    public string NativeAddressType { get; set; }
}
