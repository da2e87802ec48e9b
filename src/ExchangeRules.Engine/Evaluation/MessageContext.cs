using System;
using System.Threading;
using ExchangeRules.Engine.Directory;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Engine.Organization;

namespace ExchangeRules.Engine.Evaluation;

/// <summary>Everything evaluation may look at for one message (or one copy of it).</summary>
public sealed class MessageContext
{
    /// <summary>Creates a context.</summary>
    public MessageContext(MessageEnvelope envelope, IMessageContent content, IOrganization organization, IDirectory? directory, DateTimeOffset now)
    {
        Envelope = envelope ?? throw new ArgumentNullException(nameof(envelope));
        Content = content ?? throw new ArgumentNullException(nameof(content));
        Organization = organization ?? throw new ArgumentNullException(nameof(organization));
        Directory = directory;
        Now = now;
    }

    /// <summary>The SMTP envelope.</summary>
    public MessageEnvelope Envelope { get; }

    /// <summary>The lazily parsed content.</summary>
    public IMessageContent Content { get; }

    /// <summary>The organisation model (accepted domains, where recipients live).</summary>
    public IOrganization Organization { get; }

    /// <summary>Directory data, when configured.</summary>
    public IDirectory? Directory { get; }

    /// <summary>The time used for schedules and templates.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>
    /// Cancelled when the message's processing budget is spent or the host gives up: evaluation checks it before each
    /// rule and each recipient, and a rule it stops fails under its own failure policy.
    /// </summary>
    public CancellationToken CancellationToken { get; init; }
}
