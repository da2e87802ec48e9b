using System.Collections.ObjectModel;

namespace Microsoft.Exchange.Data.Transport;

/// <summary>
/// The organisation's recipients as seen from transport. Lookups may throw AddressBookTransientException.
/// See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa563650(v=exchg.150).
/// </summary>
public abstract class AddressBook
{
    /// <summary>Created by the transport runtime only.</summary>
    internal AddressBook()
    {
    }

    /// <summary>Whether a recipient with <paramref name="smtpAddress"/> exists.</summary>
    public abstract bool Contains(RoutingAddress smtpAddress);

    /// <summary>Finds the recipient with <paramref name="smtpAddress"/>, or <see langword="null"/>.</summary>
    public abstract AddressBookEntry Find(RoutingAddress smtpAddress);

    /// <summary>Finds the recipients of <paramref name="smtpAddresses"/> (null entries for unknown ones).</summary>
    public abstract ReadOnlyCollection<AddressBookEntry> Find(params RoutingAddress[] smtpAddresses);

    /// <summary>Finds the recipients of <paramref name="recipients"/> (null entries for unknown ones).</summary>
    public abstract ReadOnlyCollection<AddressBookEntry> Find(EnvelopeRecipientCollection recipients);

    /// <summary>Whether the recipient is a member of the group. See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa580904(v=exchg.150).</summary>
    public abstract bool IsMemberOf(RoutingAddress recipientSmtpAddress, RoutingAddress groupSmtpAddress);

    /// <summary>Whether both proxy addresses belong to the same recipient.</summary>
    public abstract bool IsSameRecipient(RoutingAddress proxyAddressA, RoutingAddress proxyAddressB);

    /// <summary>Whether <paramref name="address"/> is internal to the organisation. See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/ff436927(v=exchg.150).</summary>
    public abstract bool IsInternal(RoutingAddress address);

    /// <summary>Whether <paramref name="domain"/> is internal to the organisation.</summary>
    public abstract bool IsInternal(RoutingDomain domain);

    /// <summary>Whether <paramref name="address"/> is internal to the organisation of <paramref name="organizationAddress"/>. See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/ff436993(v=exchg.150).</summary>
    public abstract bool IsInternalTo(RoutingAddress address, RoutingAddress organizationAddress);

    /// <summary>Whether <paramref name="address"/> is internal to the organisation of <paramref name="organizationDomain"/>.</summary>
    public abstract bool IsInternalTo(RoutingAddress address, RoutingDomain organizationDomain);
}
