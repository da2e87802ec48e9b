using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ExchangeRules.Engine.Messages;
using MimeKit;

namespace ExchangeRules.Cli.Commands;

/// <summary>
/// What <c>exrules apply</c> hands the processor for one file: the bytes as Exchange would read them and the SMTP
/// envelope. The envelope comes from <c>--from</c>/<c>--to</c> when given (an SMTP envelope need not match the
/// headers: Bcc copies, mailing lists, journal and redirected mail), else from <c>From</c>/<c>Sender</c> and
/// <c>To</c>/<c>Cc</c>/<c>Bcc</c>.
/// </summary>
/// <remarks>
/// A file whose first line is empty has no header fields (RFC 5322 section 2.1: the header section ends at the first
/// empty line): the whole file is the body, as Exchange reads it — its own trace header (RFC 5321 section 4.4) goes
/// above that empty line and the file's lines stay in the body. A first line of only spaces or tabs is neither a header
/// field nor the empty line; Exchange writes its <c>Received</c> header above the message, so such a line continues
/// that header and the header fields below it stay header fields. The preview reads it the same way: the line is left
/// out and the rest is processed (an assumption: no Microsoft page describes it; see docs/cli.md).
/// </remarks>
internal sealed class ApplyEnvelope
{
    private ApplyEnvelope(byte[] message, string sender, IReadOnlyList<string> recipients, SubmissionOrigin origin, string? note)
    {
        Message = message;
        Sender = sender;
        Recipients = recipients;
        Origin = origin;
        Note = note;
    }

    /// <summary>The message bytes to process (the file's, without a leading whitespace-only line).</summary>
    public byte[] Message { get; }

    /// <summary>The envelope sender (MAIL FROM); empty for the null reverse path.</summary>
    public string Sender { get; }

    /// <summary>The envelope recipients (RCPT TO).</summary>
    public IReadOnlyList<string> Recipients { get; }

    /// <summary>How the message entered on-premises transport.</summary>
    public SubmissionOrigin Origin { get; }

    /// <summary>What the admin should know about how the file was read, or <see langword="null"/>.</summary>
    public string? Note { get; }

    /// <summary>Reads the file's envelope; <see langword="null"/> and <paramref name="error"/> when it cannot be processed.</summary>
    public static ApplyEnvelope? Read(byte[] file, ApplySettings settings, out string? error)
    {
        error = null;
        var message = file;
        string? note = null;
        var firstLine = FirstLineLength(file, out var lineBreak);
        if (firstLine == 0 && lineBreak > 0)
        {
            note = "the file starts with an empty line, which ends the header section (RFC 5322): the message has no header fields and the whole file is its body, as Exchange reads it";
        }
        else if (firstLine > 0 && lineBreak > 0 && file.Take(firstLine).All(b => b is (byte)' ' or (byte)'\t'))
        {
            message = file.AsSpan(firstLine + lineBreak).ToArray();
            note = "the file's first line holds only whitespace: Exchange writes its Received header above the message, so the line continues that header; it was left out and the header fields below it were read";
        }

        MimeMessage? headers = null;
        try
        {
            // Only the header block: the envelope comes from its address fields, and parsing a large message's
            // body (attachments included) here would cost more than processing it.
            headers = MimeMessage.Load(new MemoryStream(message, 0, HeaderBlockLength(message), writable: false));
        }
        catch (FormatException exception)
        {
            if (settings.EnvelopeRecipients.Count == 0)
            {
                error = $"its header cannot be parsed ({exception.Message}) and no envelope was given: pass --from and --to to preview it";
                return null;
            }

            note = (note is null ? string.Empty : note + "; ") + $"its header cannot be parsed ({exception.Message}): the envelope comes from --from/--to";
        }

        string sender;
        List<string> recipients;
        using (headers)
        {
            sender = settings.EnvelopeSender
                ?? headers?.From.Mailboxes.Concat(headers.Sender is null ? Enumerable.Empty<MailboxAddress>() : new[] { headers.Sender }).Select(mailbox => mailbox.Address).FirstOrDefault()
                ?? string.Empty;
            recipients = settings.EnvelopeRecipients.Count > 0
                ? settings.EnvelopeRecipients.Distinct(StringComparer.OrdinalIgnoreCase).ToList()
                : headers!.To.Mailboxes.Concat(headers.Cc.Mailboxes).Concat(headers.Bcc.Mailboxes)
                    .Select(mailbox => mailbox.Address).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        }
        if (recipients.Count == 0)
        {
            error = note is null
                ? "no recipient in To, Cc or Bcc: pass the envelope recipients with --to"
                : $"{note}; no recipient in To, Cc or Bcc: pass the envelope recipients with --to";
            return null;
        }

        return new ApplyEnvelope(message, sender, recipients, settings.Origin, note);
    }

    /// <summary>The length of the header block with the empty line that ends it (the whole message when it has none).</summary>
    private static int HeaderBlockLength(byte[] message)
    {
        var span = message.AsSpan();
        if (span.StartsWith("\n"u8))
        {
            return 1;
        }

        if (span.StartsWith("\r\n"u8))
        {
            return 2;
        }

        var lf = span.IndexOf("\n\n"u8);
        var crlf = span.IndexOf("\n\r\n"u8);
        if (lf < 0 && crlf < 0)
        {
            return message.Length;
        }

        return lf >= 0 && (crlf < 0 || lf < crlf) ? lf + 2 : crlf + 3;
    }

    /// <summary>The length of the first line without its line break, and the line break's length (0 when the file has none).</summary>
    private static int FirstLineLength(byte[] file, out int lineBreak)
    {
        var lf = Array.IndexOf(file, (byte)'\n');
        if (lf < 0)
        {
            lineBreak = 0;
            return file.Length;
        }

        var crlf = lf > 0 && file[lf - 1] == '\r';
        lineBreak = crlf ? 2 : 1;
        return crlf ? lf - 1 : lf;
    }
}
