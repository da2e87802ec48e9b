using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Exchange.Data.Transport;
using Microsoft.Exchange.Data.Transport.Smtp;

namespace ExchangeRules.Agent.Tests.Support;

/// <summary>Envelope recipients; <see cref="CanAdd"/> as in the event being simulated.</summary>
internal sealed class FakeRecipientCollection : EnvelopeRecipientCollection
{
    private readonly List<EnvelopeRecipient> _recipients;

    internal FakeRecipientCollection(bool canAdd, params string[] addresses)
    {
        CanAdd = canAdd;
        _recipients = addresses.Select(a => (EnvelopeRecipient)new FakeEnvelopeRecipient(a)).ToList();
    }

    public override bool CanAdd { get; }

    public override int Count => _recipients.Count;

    public override EnvelopeRecipient this[int index] => _recipients[index];

    internal IEnumerable<string> Addresses => _recipients.Select(r => r.Address.ToString());

    public override void Add(RoutingAddress address)
    {
        if (!CanAdd)
        {
            throw new NotSupportedException("Recipients can only be added in OnSubmittedMessage.");
        }

        _recipients.Add(new FakeEnvelopeRecipient(address.ToString()));
    }

    public override void Clear() => _recipients.Clear();

    public override bool Contains(RoutingAddress address) => _recipients.Any(r => r.Address == address);

    public override Enumerator GetEnumerator() => new(this);

    public override bool Remove(EnvelopeRecipient recipient) => _recipients.Remove(recipient);

    public override int Remove(RoutingAddress address) => _recipients.RemoveAll(r => r.Address == address);

    public override bool Remove(EnvelopeRecipient recipient, DsnType dsnType, SmtpResponse smtpResponse) => Remove(recipient);

    public override bool Remove(EnvelopeRecipient recipient, DsnType dsnType, SmtpResponse smtpResponse, string sourceContext) => Remove(recipient);
}
