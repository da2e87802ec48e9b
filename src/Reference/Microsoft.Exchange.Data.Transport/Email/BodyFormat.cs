namespace Microsoft.Exchange.Data.Transport.Email;

/// <summary>
/// The format of a message body.
/// See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa563872(v=exchg.150).
/// </summary>
public enum BodyFormat
{
    /// <summary>No body.</summary>
    None = 0,

    /// <summary>Plain text.</summary>
    Text = 1,

    /// <summary>Rich text.</summary>
    Rtf = 2,

    /// <summary>HTML.</summary>
    Html = 3,
}
