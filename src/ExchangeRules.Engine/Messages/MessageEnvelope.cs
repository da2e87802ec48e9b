using System;
using System.Collections.Generic;

namespace ExchangeRules.Engine.Messages;

/// <summary>
/// The SMTP envelope of a message as transport sees it: reverse path, recipients and how it entered.
/// </summary>
public sealed class MessageEnvelope
{
    /// <summary>Creates an envelope.</summary>
    /// <param name="sender">The envelope sender (MAIL FROM); an empty string for the null reverse path.</param>
    /// <param name="recipients">The envelope recipients (RCPT TO).</param>
    /// <param name="origin">How the message entered on-premises transport.</param>
    public MessageEnvelope(string sender, IReadOnlyList<string> recipients, SubmissionOrigin origin)
        : this(sender, recipients, origin, null)
    {
    }

    /// <summary>Creates an envelope that knows when this server received the message.</summary>
    /// <param name="sender">The envelope sender (MAIL FROM); an empty string for the null reverse path.</param>
    /// <param name="recipients">The envelope recipients (RCPT TO).</param>
    /// <param name="origin">How the message entered on-premises transport.</param>
    /// <param name="receivedAt">When this server received the message (Exchange's <c>MailItem.DateTimeReceived</c>); <see langword="null"/> when not known.</param>
    public MessageEnvelope(string sender, IReadOnlyList<string> recipients, SubmissionOrigin origin, DateTimeOffset? receivedAt)
    {
        Sender = sender ?? throw new ArgumentNullException(nameof(sender));
        Recipients = recipients ?? throw new ArgumentNullException(nameof(recipients));
        Origin = origin;
        ReceivedAt = receivedAt;
    }

    /// <summary>
    /// When this server received the message, so a message deferred by a failing fail-closed rule can be given up on
    /// after the configured time; <see langword="null"/> when the host does not know (the message is then deferred
    /// every time, and Exchange's own message expiration ends it).
    /// </summary>
    public DateTimeOffset? ReceivedAt { get; }

    /// <summary>The envelope sender (MAIL FROM); empty for the null reverse path.</summary>
    public string Sender { get; }

    /// <summary>The envelope recipients.</summary>
    public IReadOnlyList<string> Recipients { get; }

    /// <summary>How the message entered on-premises transport.</summary>
    public SubmissionOrigin Origin { get; }
}
