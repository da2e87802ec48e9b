using System;
using System.IO;
using System.Linq;
using ExchangeRules.Harness.Organization;
using ExchangeRules.Harness.Tnef;
using MimeKit;
using MimeKit.Cryptography;
using MimeKit.Tnef;

namespace ExchangeRules.Harness.Transport;

/// <summary>
/// What the Mailbox Transport Submission service hands to transport for a message a mailbox client (Outlook, OWA)
/// sent: the store driver writes the item with <c>ItemConversion.ConvertItemToSummaryTnef</c>, so the agent sees Summary
/// TNEF from OnSubmittedMessage on (docs/architecture.md, "TNEF"). An SMTP client's message is left as written.
/// </summary>
public static class MailboxTransportSubmission
{
    /// <summary>
    /// The content transport receives from <paramref name="mailbox"/>, with a line for the message's path (null when
    /// unchanged and unremarkable): <paramref name="content"/> itself unless the mailbox's client submits through
    /// Mailbox Transport Submission (only then are the bytes copied, to be parsed).
    /// </summary>
    /// <param name="mailbox">The submitting mailbox, or <see langword="null"/> when the organisation does not know it.</param>
    /// <param name="content">The message as the client wrote it.</param>
    public static (ArraySegment<byte> Content, string? Step) Submit(OrganizationRecipient? mailbox, ArraySegment<byte> content)
    {
        if (content.Array is null)
        {
            throw new ArgumentNullException(nameof(content));
        }

        if (mailbox is not { Kind: RecipientKind.OnPremisesMailbox, Client: SubmissionClient.Mailbox })
        {
            return (content, null);
        }

        var mime = content.Array;
        if (content.Offset != 0 || content.Count != mime.Length)
        {
            mime = new byte[content.Count];
            Buffer.BlockCopy(content.Array, content.Offset, mime, 0, content.Count);
        }

        var (submitted, step) = Submit(mailbox, mime);
        return (new ArraySegment<byte>(submitted), step);
    }

    /// <summary>The content transport receives from <paramref name="mailbox"/>, with a line for the message's path (null when unchanged and unremarkable).</summary>
    /// <param name="mailbox">The submitting mailbox, or <see langword="null"/> when the organisation does not know it.</param>
    /// <param name="mime">The message as the client wrote it.</param>
    public static (byte[] Mime, string? Step) Submit(OrganizationRecipient? mailbox, byte[] mime)
    {
        if (mime is null)
        {
            throw new ArgumentNullException(nameof(mime));
        }

        if (mailbox is not { Kind: RecipientKind.OnPremisesMailbox, Client: SubmissionClient.Mailbox })
        {
            return (mime, null);
        }

        MimeMessage message;
        try
        {
            using var stream = new MemoryStream(mime, writable: false);
            message = MimeMessage.Load(stream);
        }
        catch (FormatException ex)
        {
            return (mime, $"Mailbox Transport Submission: not converted, the message does not parse ({ex.Message}); submitted as MIME");
        }

        // Disposed on every path: an undisposed MimeKit entity is finalizable and keeps the parse alive a collection longer.
        using var parsed = message;
        if (KeptAsMime(message) is { } reason)
        {
            return (mime, $"Mailbox Transport Submission: not converted to Summary TNEF ({reason}); submitted as MIME");
        }

        try
        {
            using var converted = SummaryTnefConverter.Convert(message, mailbox.BodyFormat);
            using var output = new MemoryStream();
            converted.WriteTo(WireFormat.Options, output);
            return (output.ToArray(), $"Mailbox Transport Submission: converted to Summary TNEF ({mailbox.BodyFormat.ToString().ToUpperInvariant()} body, application/ms-tnef winmail.dat)");
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or ArgumentException or NotSupportedException)
        {
            return (mime, $"Mailbox Transport Submission: the harness could not convert the message ({ex.Message}); submitted as MIME");
        }
    }

    /// <summary>
    /// Why a message stays MIME: already TNEF; S/MIME or PGP (a conversion would break the signature or cannot read
    /// the content; assumed: Exchange submits such items in their MIME form); an attached message (the harness's
    /// converter does not write embedded messages, attach method 5).
    /// </summary>
    internal static string? KeptAsMime(MimeMessage message)
    {
        if (message.Body is TnefPart || message.BodyParts.OfType<TnefPart>().Any())
        {
            return "it already carries TNEF";
        }

        var secured = message.Body is MultipartSigned or MultipartEncrypted
            || message.Body is MimePart { ContentType: var type } && (type.IsMimeType("application", "pkcs7-mime") || type.IsMimeType("application", "x-pkcs7-mime"));
        if (secured)
        {
            return "signed or encrypted content";
        }

        return message.BodyParts.Any(p => p is MessagePart) ? "an attached message, which the harness's converter does not write as an embedded message" : null;
    }
}
