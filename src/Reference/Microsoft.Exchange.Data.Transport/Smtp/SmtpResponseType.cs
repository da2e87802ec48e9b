namespace Microsoft.Exchange.Data.Transport.Smtp;

/// <summary>
/// The class of an SMTP response, from its status code.
/// See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa581176(v=exchg.150).
/// </summary>
public enum SmtpResponseType
{
    /// <summary>Not a valid status code.</summary>
    Unknown = 0,

    /// <summary>2yz: success.</summary>
    Success = 1,

    /// <summary>3yz: intermediate success.</summary>
    IntermediateSuccess = 2,

    /// <summary>4yz: transient failure.</summary>
    TransientError = 3,

    /// <summary>5yz: permanent failure.</summary>
    PermanentError = 4,
}
