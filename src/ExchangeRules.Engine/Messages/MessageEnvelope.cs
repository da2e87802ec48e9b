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
    {
        Sender = sender ?? throw new ArgumentNullException(nameof(sender));
        Recipients = recipients ?? throw new ArgumentNullException(nameof(recipients));
        Origin = origin;
    }

    /// <summary>The envelope sender (MAIL FROM); empty for the null reverse path.</summary>
    public string Sender { get; }

    /// <summary>The envelope recipients.</summary>
    public IReadOnlyList<string> Recipients { get; }

    /// <summary>How the message entered on-premises transport.</summary>
    public SubmissionOrigin Origin { get; }
}
