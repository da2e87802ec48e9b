using System;
using System.IO;
using Microsoft.Exchange.Data.Mime;

namespace Microsoft.Exchange.Data.Transport.Email;

/// <summary>
/// A message in the Exchange message model. In this reference assembly it is a plain holder of values: the
/// host (the harness) fills what the real parser would through the internal setters. Of the MIME DOM only
/// <see cref="RootPart"/> is kept (its <c>Headers</c>, from our Microsoft.Exchange.Data.Common reference), so an
/// agent can read and add top-level headers without rewriting the message; MimeDocument, TnefPart and
/// CalendarPart are left out. Agents read and write whole messages through MailItem streams.
/// See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa563185(v=exchg.150).
/// </summary>
public class EmailMessage : IDisposable
{
    /// <summary>Created through <see cref="Create()"/> or by the host.</summary>
    internal EmailMessage(BodyFormat bodyFormat, string charsetName)
    {
        Body = new Body(bodyFormat, charsetName);
    }

    /// <summary>The From header.</summary>
    public EmailRecipient From { get; set; }

    /// <summary>The To recipients.</summary>
    public EmailRecipientCollection To { get; } = new();

    /// <summary>The Cc recipients.</summary>
    public EmailRecipientCollection Cc { get; } = new();

    /// <summary>The Bcc recipients.</summary>
    public EmailRecipientCollection Bcc { get; } = new();

    /// <summary>The Reply-To recipients.</summary>
    public EmailRecipientCollection ReplyTo { get; } = new();

    /// <summary>The Disposition-Notification-To header.</summary>
    public EmailRecipient DispositionNotificationTo { get; set; }

    /// <summary>The Sender header.</summary>
    public EmailRecipient Sender { get; set; }

    /// <summary>The Date header.</summary>
    public DateTime Date { get; set; }

    /// <summary>The Expires header.</summary>
    public DateTime Expires { get; set; }

    /// <summary>The Reply-By header.</summary>
    public DateTime ReplyBy { get; set; }

    /// <summary>The Subject header.</summary>
    public string Subject { get; set; }

    /// <summary>The Message-ID header.</summary>
    public string MessageId { get; set; }

    /// <summary>The importance.</summary>
    public Importance Importance { get; set; }

    /// <summary>The priority.</summary>
    public Priority Priority { get; set; }

    /// <summary>The sensitivity.</summary>
    public Sensitivity Sensitivity { get; set; }

    /// <summary>The MAPI message class, for example <c>IPM.Note</c>.</summary>
    public string MapiMessageClass { get; internal set; } = "IPM.Note";

    /// <summary>The body.</summary>
    public Body Body { get; }

    /// <summary>
    /// The top-level MIME part, whose <c>Headers</c> are the message headers; <see langword="null"/> for embedded
    /// TNEF messages. Changing its headers changes the mail item's content (set by the host).
    /// </summary>
    public MimePart RootPart { get; internal set; }

    /// <summary>The attachments.</summary>
    public AttachmentCollection Attachments { get; } = new();

    /// <summary>Whether the message is a person-to-person message.</summary>
    public bool IsInterpersonalMessage { get; internal set; } = true;

    /// <summary>Whether the message is a system message (for example a DSN, journal report or recall); such messages are read-only.</summary>
    public bool IsSystemMessage { get; internal set; }

    /// <summary>Whether the content is opaque (signed or encrypted) and cannot be changed.</summary>
    public bool IsOpaqueMessage { get; internal set; }

    /// <summary>The S/MIME security of the message.</summary>
    public MessageSecurityType MessageSecurityType { get; internal set; }

    /// <summary>Creates an empty plain-text message.</summary>
    public static EmailMessage Create() => Create(BodyFormat.Text);

    /// <summary>Creates an empty message with a body of <paramref name="bodyFormat"/>.</summary>
    public static EmailMessage Create(BodyFormat bodyFormat) => Create(bodyFormat, false);

    /// <summary>Creates an empty message; <paramref name="createAlternative"/> asks for a text alternative to an HTML body.</summary>
    public static EmailMessage Create(BodyFormat bodyFormat, bool createAlternative) => Create(bodyFormat, createAlternative, "utf-8");

    /// <summary>Creates an empty message whose body uses <paramref name="charsetName"/>.</summary>
    public static EmailMessage Create(BodyFormat bodyFormat, bool createAlternative, string charsetName) => new(bodyFormat, charsetName);

    /// <summary>Creates a message from MIME content; this reference assembly keeps the content as the text body only.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    public static EmailMessage Create(Stream source)
    {
        if (source is null)
        {
            throw new ArgumentNullException(nameof(source));
        }

        var message = new EmailMessage(BodyFormat.Text, "utf-8");
        using (Stream body = message.Body.GetContentWriteStream())
        {
            source.CopyTo(body);
        }

        return message;
    }

    /// <summary>Normalizes the message content.</summary>
    public void Normalize() => Normalize(false);

    /// <summary>Normalizes the message content, allowing UTF-8 headers when <paramref name="allowUTF8"/> is set.</summary>
    public void Normalize(bool allowUTF8)
    {
    }

    /// <summary>Releases the message.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the message.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}
