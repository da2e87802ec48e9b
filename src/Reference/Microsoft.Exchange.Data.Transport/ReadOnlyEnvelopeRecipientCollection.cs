using System.Collections;
using System.Collections.Generic;

namespace Microsoft.Exchange.Data.Transport;

/// <summary>
/// A read-only view of the envelope recipients of a mail item. See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa563150(v=exchg.150).
/// </summary>
public abstract class ReadOnlyEnvelopeRecipientCollection : IEnumerable<EnvelopeRecipient>
{
    /// <summary>Created by the transport runtime only.</summary>
    internal ReadOnlyEnvelopeRecipientCollection()
    {
    }

    /// <summary>The number of recipients.</summary>
    public abstract int Count { get; }

    /// <summary>The recipient at <paramref name="index"/>.</summary>
    public abstract EnvelopeRecipient this[int index] { get; }

    /// <summary>Whether a recipient has <paramref name="address"/>.</summary>
    public abstract bool Contains(RoutingAddress address);

    /// <summary>Returns an enumerator over the recipients.</summary>
    public abstract EnvelopeRecipientCollection.Enumerator GetEnumerator();

    IEnumerator<EnvelopeRecipient> IEnumerable<EnvelopeRecipient>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
