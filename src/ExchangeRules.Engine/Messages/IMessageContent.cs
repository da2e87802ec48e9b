using System.Collections.Generic;

namespace ExchangeRules.Engine.Messages;

/// <summary>
/// The product-owned view of a message's content that conditions read. Implementations parse
/// lazily: headers first, the body only when a condition asks for it, so messages that no rule
/// matches are decided without parsing or rewriting the body.
/// </summary>
public interface IMessageContent
{
    /// <summary>The decoded Subject header, or an empty string.</summary>
    string Subject { get; }

    /// <summary>The size of the whole message in bytes.</summary>
    long Size { get; }

    /// <summary>The decoded values of every header with this name (ordinal, case-insensitive), in order.</summary>
    IReadOnlyList<string> GetHeaderValues(string name);

    /// <summary>The addresses in the From, To and Cc headers, as bare SMTP addresses.</summary>
    IReadOnlyList<string> GetHeaderAddresses(string headerName);

    /// <summary>The decoded text of the message body (the plain-text part, or the HTML part reduced to text).</summary>
    string GetBodyText();

    /// <summary>
    /// The decoded text of the newest part of the body: the text above the topmost quoted-history marker (the
    /// whole body text when there is none), as plain text.
    /// </summary>
    string GetNewestPartText();

    /// <summary>The attachments and inline parts; attached messages count as attachments.</summary>
    IReadOnlyList<AttachmentInfo> GetAttachments();

    /// <summary>The message's kind and security traits.</summary>
    MessageTraits Traits { get; }
}
