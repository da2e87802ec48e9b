using System;
using System.Collections.Generic;
using System.Linq;
using ExchangeRules.Harness.Organization;
using Microsoft.Exchange.Data.Transport;
using Microsoft.Exchange.Data.Transport.Smtp;

namespace ExchangeRules.Harness.Exchange;

/// <summary>MailItem.Recipients: adding is allowed only while OnSubmittedMessage runs, as in Exchange.</summary>
internal sealed class HarnessRecipientCollection : EnvelopeRecipientCollection
{
    private readonly HarnessMailItem _owner;
    private readonly OrganizationModel _organization;
    private readonly List<EnvelopeRecipient> _items = new();

    public HarnessRecipientCollection(HarnessMailItem owner, OrganizationModel organization, IEnumerable<string> addresses)
    {
        _owner = owner;
        _organization = organization;
        _items.AddRange(addresses.Select(a => (EnvelopeRecipient)new HarnessRecipient(owner, organization, new RoutingAddress(a))));
    }

    public bool AddAllowed { get; set; }

    public List<string> Bounced { get; } = new();

    public override bool CanAdd => AddAllowed;

    public override int Count
    {
        get
        {
            _owner.ThrowIfClosed();
            return _items.Count;
        }
    }

    public override EnvelopeRecipient this[int index] => _items[index];

    public IEnumerable<string> Addresses => _items.Select(r => r.Address.ToString());

    public override void Add(RoutingAddress address)
    {
        _owner.ThrowIfClosed();
        if (!AddAllowed)
        {
            throw new NotSupportedException("Recipients can be added only in OnSubmittedMessage; use ExpandRecipients and Defer in later events.");
        }

        if (!address.IsValid)
        {
            throw new ArgumentException($"'{address}' is not a valid SMTP address.", nameof(address));
        }

        _items.Add(new HarnessRecipient(_owner, _organization, address));
    }

    public override void Clear()
    {
        _owner.ThrowIfClosed();
        _items.Clear();
    }

    public override bool Contains(RoutingAddress address) => _items.Any(r => r.Address == address);

    public override Enumerator GetEnumerator() => new(this);

    public override bool Remove(EnvelopeRecipient recipient)
    {
        _owner.ThrowIfClosed();
        return _items.Remove(recipient);
    }

    public override int Remove(RoutingAddress address)
    {
        _owner.ThrowIfClosed();
        return _items.RemoveAll(r => r.Address == address);
    }

    public override bool Remove(EnvelopeRecipient recipient, DsnType dsnType, SmtpResponse smtpResponse) =>
        Remove(recipient, dsnType, smtpResponse, string.Empty);

    public override bool Remove(EnvelopeRecipient recipient, DsnType dsnType, SmtpResponse smtpResponse, string sourceContext)
    {
        var removed = Remove(recipient);
        if (removed && dsnType == DsnType.Failure)
        {
            Bounced.Add($"{recipient.Address}: {smtpResponse.StatusCode} {smtpResponse.EnhancedStatusCode} {string.Join(" ", smtpResponse.StatusText ?? Array.Empty<string>())}".TrimEnd());
        }

        return removed;
    }

    internal void ReplaceAddresses(IEnumerable<string> addresses)
    {
        _items.Clear();
        _items.AddRange(addresses.Select(a => (EnvelopeRecipient)new HarnessRecipient(_owner, _organization, new RoutingAddress(a))));
    }

    internal void Replace(IEnumerable<EnvelopeRecipient> keep)
    {
        var kept = keep.ToList();
        _items.Clear();
        _items.AddRange(kept);
    }
}
