using System.Security.Principal;

namespace Microsoft.Exchange.Data.Transport;

/// <summary>
/// One recipient of the address book. See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa581482(v=exchg.150).
/// </summary>
public abstract class AddressBookEntry
{
    /// <summary>Created by the transport runtime only.</summary>
    internal AddressBookEntry()
    {
    }

    /// <summary>The primary SMTP address. See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa566539(v=exchg.150).</summary>
    public abstract RoutingAddress PrimaryAddress { get; }

    /// <summary>Whether only authenticated senders may send to the recipient.</summary>
    public abstract bool RequiresAuthentication { get; }

    /// <summary>Whether anti-spam filtering is bypassed for the recipient.</summary>
    public abstract bool AntispamBypass { get; }

    /// <summary>The kind of recipient.</summary>
    public abstract RecipientType RecipientType { get; }

    /// <summary>The security identifier of the recipient's account.</summary>
    public abstract SecurityIdentifier UserAccountSid { get; }

    /// <summary>The security identifier of the master account (linked mailboxes).</summary>
    public abstract SecurityIdentifier MasterAccountSid { get; }

    /// <summary>The Windows Live ID of the recipient.</summary>
    public abstract string WindowsLiveId { get; }

    /// <summary>The spam confidence level threshold of <paramref name="action"/>, or <paramref name="defaultValue"/>.</summary>
    public abstract int GetSpamConfidenceLevelThreshold(SpamAction action, int defaultValue);

    /// <summary>Whether <paramref name="senderAddress"/> is on the recipient's safe senders list.</summary>
    public abstract bool IsSafeSender(RoutingAddress senderAddress);

    /// <summary>Whether <paramref name="recipientAddress"/> is on the recipient's safe recipients list.</summary>
    public abstract bool IsSafeRecipient(RoutingAddress recipientAddress);

    /// <summary>Whether <paramref name="senderAddress"/> is on the recipient's blocked senders list.</summary>
    public abstract bool IsBlockedSender(RoutingAddress senderAddress);
}
