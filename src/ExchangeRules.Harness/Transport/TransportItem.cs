using System;
using System.Collections.Generic;

namespace ExchangeRules.Harness.Transport;

/// <summary>One mail item in on-premises transport: envelope and content.</summary>
public sealed class TransportItem
{
    /// <summary>Creates an item.</summary>
    public TransportItem(string sender, IReadOnlyList<string> recipients, byte[] mime)
    {
        Sender = sender ?? throw new ArgumentNullException(nameof(sender));
        Recipients = recipients ?? throw new ArgumentNullException(nameof(recipients));
        Mime = mime ?? throw new ArgumentNullException(nameof(mime));
    }

    /// <summary>The envelope sender (MAIL FROM); empty for the null reverse path.</summary>
    public string Sender { get; }

    /// <summary>The envelope recipients.</summary>
    public IReadOnlyList<string> Recipients { get; }

    /// <summary>The message bytes.</summary>
    public byte[] Mime { get; }

    /// <summary>A copy of this item with other recipients and, optionally, other content.</summary>
    public TransportItem With(IReadOnlyList<string> recipients, byte[]? mime = null) => new(Sender, recipients, mime ?? Mime);
}
