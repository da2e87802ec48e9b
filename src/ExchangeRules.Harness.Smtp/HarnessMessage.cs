using System;
using System.Collections.Generic;
using ExchangeRules.Harness.Topology;

namespace ExchangeRules.Harness.Smtp;

/// <summary>One message the SMTP front end accepted, with what happened to each copy.</summary>
public sealed class HarnessMessage
{
    /// <summary>Creates the record.</summary>
    public HarnessMessage(EntryPoint entry, string sender, IReadOnlyList<string> recipients, IReadOnlyList<DeliveredCopy> copies)
    {
        Entry = entry;
        Sender = sender ?? throw new ArgumentNullException(nameof(sender));
        Recipients = recipients ?? throw new ArgumentNullException(nameof(recipients));
        Copies = copies ?? throw new ArgumentNullException(nameof(copies));
    }

    /// <summary>Where the message entered (anonymous = internet; AUTH as a mailbox = that mailbox's side).</summary>
    public EntryPoint Entry { get; }

    /// <summary>The envelope sender.</summary>
    public string Sender { get; }

    /// <summary>The envelope recipients.</summary>
    public IReadOnlyList<string> Recipients { get; }

    /// <summary>One record per recipient copy.</summary>
    public IReadOnlyList<DeliveredCopy> Copies { get; }
}
