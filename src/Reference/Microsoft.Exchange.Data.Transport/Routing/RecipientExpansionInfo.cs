using Microsoft.Exchange.Data.Transport.Smtp;

namespace Microsoft.Exchange.Data.Transport.Routing;

/// <summary>
/// One recipient to replace by a list of addresses (QueuedMessageEventSource.ExpandRecipients).
/// See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa581241(v=exchg.150).
/// </summary>
public struct RecipientExpansionInfo
{
    /// <summary>Creates the expansion of <paramref name="removeRecipient"/> into <paramref name="addresses"/>.</summary>
    public RecipientExpansionInfo(EnvelopeRecipient removeRecipient, RoutingAddress[] addresses)
        : this(removeRecipient, addresses, SmtpResponse.Empty)
    {
    }

    /// <summary>Creates the expansion, with the response tracked for the removed recipient.</summary>
    public RecipientExpansionInfo(EnvelopeRecipient removeRecipient, RoutingAddress[] addresses, SmtpResponse smtpResponse)
    {
        RemoveRecipient = removeRecipient;
        Addresses = addresses;
        SmtpResponse = smtpResponse;
    }

    /// <summary>The recipient to remove.</summary>
    public EnvelopeRecipient RemoveRecipient { get; }

    /// <summary>The addresses that replace it.</summary>
    public RoutingAddress[] Addresses { get; }

    /// <summary>The response recorded for the removed recipient.</summary>
    public SmtpResponse SmtpResponse { get; }
}
