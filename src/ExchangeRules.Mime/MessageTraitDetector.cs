using System;
using System.Buffers;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Mime.Tnef;
using MimeKit;

namespace ExchangeRules.Mime;

/// <summary>Works out a message's kind and security traits from its headers and MIME structure.</summary>
internal static class MessageTraitDetector
{
    private static readonly TimeSpan _timeout = TimeSpan.FromMilliseconds(100);

    private static readonly Regex _replyPrefix = new(
        @"^\s*(\[[^\]]{0,40}\]\s*)?(re|aw|sv|vs|antw|odp|rif|res|ynt|vá|atb|ref|vl|απ|השב|回复|回覆|答复)\s*(\[\d+\]|\(\d+\))?\s*[:：]",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
        _timeout);

    private static readonly Regex _forwardPrefix = new(
        @"^\s*(\[[^\]]{0,40}\]\s*)?(fw|fwd|wg|tr|rv|enc|doorst|vb|vs|vl|pd|fs|i|wt|προώθ|转发|轉寄)\s*(\[\d+\]|\(\d+\))?\s*[:：]",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
        _timeout);

    private static readonly Regex _method = new(@"^METHOD:\s*([A-Z-]+)", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, _timeout);

    /// <summary>The organisation header Exchange stamps with the MAPI message class; its header firewall strips it from mail of untrusted origin.</summary>
    private const string _organizationMessageClass = "X-MS-Exchange-Organization-MessageClass";

    /// <summary>The traits the headers show. From outside (<paramref name="trustsSender"/> false) only Exchange's own organisation headers count for the kinds that exempt.</summary>
    public static MessageTraits FromHeaders(HeaderList headers, string subject, bool trustsSender) => FromHeaders(TopLevelFields.Of(headers), subject, trustsSender);

    /// <summary>
    /// <see cref="FromHeaders(HeaderList, string, bool)"/> over fields read from a <see cref="HeaderList"/> or straight
    /// from the indexed block (no <see cref="HeaderList"/> is built for the few names read here).
    /// </summary>
    public static MessageTraits FromHeaders(TopLevelFields headers, string subject, bool trustsSender)
    {
        var traits = MessageTraits.None;
        if (headers.Contains("In-Reply-To") || SafeMatch(_replyPrefix, subject))
        {
            traits |= MessageTraits.Reply;
        }

        if (SafeMatch(_forwardPrefix, subject))
        {
            traits |= MessageTraits.Forward;
        }

        if (trustsSender ? IsAutoReply(headers) : IsAutoReplyClass((headers[_organizationMessageClass] ?? string.Empty).Trim()))
        {
            traits |= MessageTraits.AutoReply;
        }

        var messageClass = trustsSender ? MessageClass(headers) : (headers[_organizationMessageClass] ?? string.Empty).Trim();
        return traits | MeetingTraitsOf(messageClass);
    }

    /// <summary>The meeting traits a MAPI message class (PR_MESSAGE_CLASS) names.</summary>
    private static MessageTraits MeetingTraitsOf(string messageClass)
    {
        if (messageClass.StartsWith("IPM.Schedule.Meeting.Request", StringComparison.OrdinalIgnoreCase)
            || messageClass.StartsWith("IPM.Schedule.Meeting.Canceled", StringComparison.OrdinalIgnoreCase))
        {
            return MessageTraits.MeetingRequest;
        }

        return messageClass.StartsWith("IPM.Schedule.Meeting.Resp", StringComparison.OrdinalIgnoreCase) ? MessageTraits.MeetingResponse : MessageTraits.None;
    }

    /// <summary>
    /// The traits the MIME structure shows. From outside (<paramref name="trustsSender"/> false) a message is signed,
    /// encrypted or a report only when its structure really is one (<see cref="SecurityStructure"/>).
    /// </summary>
    public static MessageTraits FromStructure(MimeMessage message, bool trustsSender)
    {
        var traits = MessageTraits.None;
        traits |= trustsSender ? Security(message.Body) : SecurityStructure.Of(message.Body);
        foreach (var entity in MimeWalker.Walk(message.Body))
        {
            var type = entity.ContentType;
            if (type.IsMimeType("multipart", "report"))
            {
                var reportType = type.Parameters["report-type"] ?? string.Empty;
                var disposition = reportType.IndexOf("disposition-notification", StringComparison.OrdinalIgnoreCase) >= 0;
                if (!trustsSender && !(entity is Multipart report && SecurityStructure.IsWellFormedReport(report, disposition)))
                {
                    continue;
                }

                traits |= disposition ? MessageTraits.ReadReceipt : MessageTraits.DeliveryReport;
            }
            else if (!trustsSender && (type.IsMimeType("message", "delivery-status") || type.IsMimeType("message", "global-delivery-status") || type.IsMimeType("message", "disposition-notification")))
            {
                // From outside, only a whole report (checked above) counts; a lone status part proves nothing.
            }
            else if (type.IsMimeType("message", "delivery-status") || type.IsMimeType("message", "global-delivery-status"))
            {
                traits |= MessageTraits.DeliveryReport;
            }
            else if (type.IsMimeType("message", "disposition-notification"))
            {
                traits |= MessageTraits.ReadReceipt;
            }
            else if (IsTnef(entity))
            {
                // Outlook and OWA mail reaches agents as Summary TNEF: a meeting request is known only by the message
                // class inside the stream. From outside the class is the sender's claim, so it counts only from inside.
                traits |= MessageTraits.Tnef;
                if (trustsSender && entity is MimePart tnef)
                {
                    traits |= MeetingTraitsOf(TnefMessageClass.Read(tnef));
                }
            }
            else if (type.IsMimeType("text", "calendar") || type.IsMimeType("application", "ics"))
            {
                traits |= CalendarMethod(entity);
            }
        }

        return traits;
    }

    /// <summary>
    /// The security traits the top-level <c>Content-Type</c> header claims, for a message whose body is not parsed (over
    /// a limit). Only for mail from inside: from outside a claim is not evidence.
    /// </summary>
    public static MessageTraits FromTopLevelType(HeaderList headers, bool trustsSender)
    {
        if (!trustsSender || !ContentType.TryParse(headers[HeaderId.ContentType] ?? string.Empty, out var type))
        {
            return MessageTraits.None;
        }

        if (type.IsMimeType("multipart", "signed"))
        {
            return MessageTraits.Signed;
        }

        if (type.IsMimeType("multipart", "encrypted") || type.IsMimeType("application", "pgp-encrypted"))
        {
            return MessageTraits.Encrypted;
        }

        if (type.IsMimeType("application", "pkcs7-mime") || type.IsMimeType("application", "x-pkcs7-mime"))
        {
            var smimeType = type.Parameters["smime-type"] ?? string.Empty;
            return smimeType.IndexOf("signed-data", StringComparison.OrdinalIgnoreCase) >= 0 ? MessageTraits.Signed : MessageTraits.Encrypted;
        }

        return MessageTraits.None;
    }

    public static bool IsTnef(MimeEntity entity) =>
        entity.ContentType.IsMimeType("application", "ms-tnef")
        || entity.ContentType.IsMimeType("application", "vnd.ms-tnef")
        || (entity is MimePart part && string.Equals(part.FileName, "winmail.dat", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Whether the message is generated by a system rather than a person (bounces, notifications, Exchange-generated).
    /// Never for mail from outside (<paramref name="trustsSender"/> false): the headers that say so are the sender's.
    /// </summary>
    public static bool IsSystemMessage(HeaderList headers, bool trustsSender)
    {
        if (!trustsSender)
        {
            return false;
        }

        var autoSubmitted = headers[HeaderId.AutoSubmitted] ?? string.Empty;
        return autoSubmitted.Trim().StartsWith("auto-generated", StringComparison.OrdinalIgnoreCase)
            || autoSubmitted.Trim().StartsWith("auto-notified", StringComparison.OrdinalIgnoreCase)
            || headers.Contains("X-MS-Exchange-Generated-Message-Source");
    }

    private static bool IsAutoReply(TopLevelFields headers)
    {
        var autoSubmitted = (headers["Auto-Submitted"] ?? string.Empty).Trim();
        if (autoSubmitted.StartsWith("auto-replied", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var precedence = (headers["Precedence"] ?? string.Empty).Trim();
        if (string.Equals(precedence, "auto_reply", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return headers.Contains("X-Autoreply") || headers.Contains("X-Autorespond") || IsAutoReplyClass(MessageClass(headers));
    }

    private static bool IsAutoReplyClass(string messageClass) =>
        messageClass.StartsWith("IPM.Note.Rules.OofTemplate", StringComparison.OrdinalIgnoreCase)
        || messageClass.StartsWith("IPM.Note.Rules.ReplyTemplate", StringComparison.OrdinalIgnoreCase);

    private static string MessageClass(TopLevelFields headers) =>
        (headers["X-MS-Exchange-Organization-MessageClass"] ?? headers["X-MS-Exchange-MessageClass"] ?? headers["Content-Class"] ?? string.Empty).Trim();

    private static MessageTraits Security(MimeEntity? body)
    {
        if (body is null)
        {
            return MessageTraits.None;
        }

        var type = body.ContentType;
        if (type.IsMimeType("multipart", "signed"))
        {
            return MessageTraits.Signed;
        }

        if (type.IsMimeType("multipart", "encrypted"))
        {
            return MessageTraits.Encrypted;
        }

        if (type.IsMimeType("application", "pkcs7-mime") || type.IsMimeType("application", "x-pkcs7-mime"))
        {
            var smimeType = type.Parameters["smime-type"] ?? string.Empty;
            return smimeType.IndexOf("signed-data", StringComparison.OrdinalIgnoreCase) >= 0 ? MessageTraits.Signed : MessageTraits.Encrypted;
        }

        if (type.IsMimeType("application", "pgp-encrypted"))
        {
            return MessageTraits.Encrypted;
        }

        var traits = MessageTraits.None;
        if (body is Multipart multipart && !type.IsMimeType("multipart", "report"))
        {
            // Signed or encrypted content directly inside the body's own structure (not inside attached messages).
            foreach (var child in multipart)
            {
                traits |= Security(child);
            }
        }
        else if (body is TextPart text && !text.IsAttachment)
        {
            traits |= InlinePgp(text);
        }

        return traits;
    }

    private const string _pgpSigned = "-----BEGIN PGP SIGNED MESSAGE-----";
    private const string _pgpMessage = "-----BEGIN PGP MESSAGE-----";
    private const int _pgpScanLimit = 64 * 1024;
    private static readonly byte[] _pgpSignedBytes = Encoding.ASCII.GetBytes(_pgpSigned);
    private static readonly byte[] _pgpMessageBytes = Encoding.ASCII.GetBytes(_pgpMessage);
    private static readonly byte[] _pgp = Encoding.ASCII.GetBytes("PGP");

    /// <summary>
    /// Looks for PGP armour in the first 64 K of a text body. The armour is ASCII, so in every ASCII-compatible charset
    /// it is searched in the decoded bytes, in small pooled chunks: every text body is checked, and turning the bytes
    /// into characters cost more than parsing the message. UTF-16 and UTF-32 bodies are decoded to characters.
    /// </summary>
    private static MessageTraits InlinePgp(TextPart part)
    {
        if (part.Content is null)
        {
            return MessageTraits.None;
        }

        try
        {
            var charset = part.ContentType.Charset ?? string.Empty;
            return charset.IndexOf("utf-16", StringComparison.OrdinalIgnoreCase) >= 0
                || charset.IndexOf("utf-32", StringComparison.OrdinalIgnoreCase) >= 0
                || charset.IndexOf("ucs", StringComparison.OrdinalIgnoreCase) >= 0
                ? InlinePgpInCharacters(part)
                : InlinePgpInBytes(part.Content);
        }
        catch (Exception ex) when (ex is IOException or FormatException or NotSupportedException)
        {
            return MessageTraits.None;
        }
    }

    private static MessageTraits InlinePgpInBytes(IMimeContent content)
    {
        // Quoted-printable never needs to encode the letters of "PGP": where the raw bytes lack them, decoding is skipped.
        var raw = content.Encoding is ContentEncoding.Default or ContentEncoding.SevenBit or ContentEncoding.EightBit
            or ContentEncoding.Binary or ContentEncoding.QuotedPrintable;
        if (raw && !RawContains(content, _pgp))
        {
            return MessageTraits.None;
        }

        var encrypted = false;
        using var stream = content.Open();
        var signed = ScanWindows(stream, _pgpSignedBytes.Length - 1, window =>
        {
            encrypted |= window.IndexOf(_pgpMessageBytes) >= 0;
            return window.IndexOf(_pgpSignedBytes) >= 0;
        });
        return signed ? MessageTraits.Signed : encrypted ? MessageTraits.Encrypted : MessageTraits.None;
    }

    /// <summary>Whether the encoded bytes of the content (its first 64 K) contain <paramref name="value"/>.</summary>
    private static bool RawContains(IMimeContent content, byte[] value)
    {
        var stream = content.Stream;
        if (stream is null || !stream.CanSeek)
        {
            return true;
        }

        var position = stream.Position;
        try
        {
            stream.Position = 0;
            return ScanWindows(stream, value.Length - 1, window => window.IndexOf(value) >= 0);
        }
        finally
        {
            stream.Position = position;
        }
    }

    private delegate bool WindowCheck(ReadOnlySpan<byte> window);

    /// <summary>
    /// Reads the first 64 K of <paramref name="stream"/> in pooled chunks until <paramref name="check"/> is true for one;
    /// each chunk starts with the last <paramref name="overlap"/> bytes of the one before, so a match across two is seen.
    /// </summary>
    private static bool ScanWindows(Stream stream, int overlap, WindowCheck check)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(8192);
        try
        {
            var kept = 0;
            var total = 0;
            int read;
            while (total < _pgpScanLimit && (read = stream.Read(buffer, kept, Math.Min(buffer.Length - kept, _pgpScanLimit - total))) > 0)
            {
                total += read;
                var window = new ReadOnlySpan<byte>(buffer, 0, kept + read);
                if (check(window))
                {
                    return true;
                }

                kept = Math.Min(overlap, window.Length);
                window.Slice(window.Length - kept).CopyTo(buffer);
            }

            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static MessageTraits InlinePgpInCharacters(TextPart part)
    {
        var text = part.Text ?? string.Empty;
        var head = text.Length > _pgpScanLimit ? text.Substring(0, _pgpScanLimit) : text;
        return head.IndexOf(_pgpSigned, StringComparison.Ordinal) >= 0 ? MessageTraits.Signed
            : head.IndexOf(_pgpMessage, StringComparison.Ordinal) >= 0 ? MessageTraits.Encrypted
            : MessageTraits.None;
    }

    private static MessageTraits CalendarMethod(MimeEntity entity)
    {
        var method = entity.ContentType.Parameters["method"];
        if (string.IsNullOrEmpty(method) && entity is MimePart part)
        {
            var match = SafeMatchResult(_method, ReadHead(part, 16 * 1024));
            method = match?.Groups[1].Value;
        }

        return (method ?? string.Empty).Trim().ToUpperInvariant() switch
        {
            "REPLY" or "COUNTER" => MessageTraits.MeetingResponse,
            "REQUEST" or "CANCEL" or "ADD" or "DECLINECOUNTER" => MessageTraits.MeetingRequest,
            _ => MessageTraits.None,
        };
    }

    private static string ReadHead(MimePart part, int maxChars)
    {
        if (part.Content is null)
        {
            return string.Empty;
        }

        try
        {
            using var decoded = new MemoryStream();
            part.Content.DecodeTo(decoded);
            decoded.Position = 0;
            using var reader = new StreamReader(decoded);
            var buffer = new char[maxChars];
            var read = reader.ReadBlock(buffer, 0, buffer.Length);
            return new string(buffer, 0, read);
        }
        catch (Exception ex) when (ex is IOException or FormatException or NotSupportedException)
        {
            return string.Empty;
        }
    }

    /// <summary>Whether the expression matches, without building a <see cref="Match"/> (two of these run on every subject).</summary>
    private static bool SafeMatch(Regex regex, string input)
    {
        try
        {
            return regex.IsMatch(input ?? string.Empty);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static Match? SafeMatchResult(Regex regex, string input)
    {
        try
        {
            var match = regex.Match(input ?? string.Empty);
            return match.Success ? match : null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    public static bool HasAnyTrait(MessageTraits traits, MessageTraits wanted) => (traits & wanted) != 0;

    public static string Describe(MessageTraits traits) =>
        string.Join(", ", Enum.GetValues(typeof(MessageTraits)).Cast<MessageTraits>().Where(t => t != MessageTraits.None && traits.HasFlag(t)));
}
