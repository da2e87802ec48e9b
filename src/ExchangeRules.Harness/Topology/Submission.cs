using System;
using System.Collections.Generic;

namespace ExchangeRules.Harness.Topology;

/// <summary>A message handed to the simulated organisation.</summary>
public sealed class Submission
{
    /// <summary>Creates a submission.</summary>
    public Submission(EntryPoint entry, string sender, IReadOnlyList<string> recipients, byte[] mime)
    {
        Entry = entry;
        Sender = sender ?? throw new ArgumentNullException(nameof(sender));
        Recipients = recipients ?? throw new ArgumentNullException(nameof(recipients));
        Mime = mime ?? throw new ArgumentNullException(nameof(mime));
    }

    /// <summary>Where the message enters.</summary>
    public EntryPoint Entry { get; }

    /// <summary>The envelope sender.</summary>
    public string Sender { get; }

    /// <summary>The envelope recipients.</summary>
    public IReadOnlyList<string> Recipients { get; }

    /// <summary>The message as the client sent it.</summary>
    public byte[] Mime { get; }

    /// <summary>
    /// The mailbox the client authenticated as (the SMTP AUTH identity), which decides how the message reaches transport
    /// (<see cref="Organization.OrganizationRecipient.Client"/>); <see langword="null"/> means the envelope sender.
    /// </summary>
    public string? AuthenticatedMailbox { get; init; }
}
