using System;
using System.Collections.Generic;

namespace ExchangeRules.Harness.Topology;

/// <summary>A message handed to the simulated organisation.</summary>
public sealed class Submission
{
    private byte[]? _mime;

    /// <summary>Creates a submission.</summary>
    public Submission(EntryPoint entry, string sender, IReadOnlyList<string> recipients, byte[] mime)
        : this(entry, sender, recipients, new ArraySegment<byte>(mime ?? throw new ArgumentNullException(nameof(mime))))
    {
        _mime = mime;
    }

    /// <summary>
    /// Creates a submission of the message in part of a buffer. <see cref="HybridTopology.Submit"/> reads these bytes
    /// while it runs and keeps no reference to them (every copy it delivers is a version of its own), so the caller may
    /// reuse the buffer once it returns: the SMTP front end receives a large message into a pooled buffer instead of an
    /// array of its own on the large object heap.
    /// </summary>
    public Submission(EntryPoint entry, string sender, IReadOnlyList<string> recipients, ArraySegment<byte> content)
    {
        if (content.Array is null)
        {
            throw new ArgumentNullException(nameof(content));
        }

        Entry = entry;
        Sender = sender ?? throw new ArgumentNullException(nameof(sender));
        Recipients = recipients ?? throw new ArgumentNullException(nameof(recipients));
        Content = content;
    }

    /// <summary>Where the message enters.</summary>
    public EntryPoint Entry { get; }

    /// <summary>The envelope sender.</summary>
    public string Sender { get; }

    /// <summary>The envelope recipients.</summary>
    public IReadOnlyList<string> Recipients { get; }

    /// <summary>The message as the client sent it (a copy of <see cref="Content"/> when it was submitted as part of a buffer).</summary>
    public byte[] Mime => _mime ??= Copy(Content);

    /// <summary>The bytes of the message as the client sent it.</summary>
    public ArraySegment<byte> Content { get; }

    /// <summary>
    /// The mailbox the client authenticated as (the SMTP AUTH identity), which decides how the message reaches transport
    /// (<see cref="Organization.OrganizationRecipient.Client"/>); <see langword="null"/> means the envelope sender.
    /// </summary>
    public string? AuthenticatedMailbox { get; init; }

    private static byte[] Copy(ArraySegment<byte> content)
    {
        var copy = new byte[content.Count];
        Buffer.BlockCopy(content.Array!, content.Offset, copy, 0, content.Count);
        return copy;
    }
}
