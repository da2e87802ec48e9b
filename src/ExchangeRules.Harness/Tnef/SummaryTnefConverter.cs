using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using ExchangeRules.Mime.Tnef;
using MimeKit;
using MimeKit.Tnef;

namespace ExchangeRules.Harness.Tnef;

/// <summary>
/// Turns what a mailbox client submitted into the Summary TNEF message that Exchange's Mailbox Transport Submission
/// service hands to transport agents ([MS-OXTNEF] 1.3, [MS-OXCMAIL] 2.1.3.4 "Summary TNEF"): the internet headers at
/// the top, and one body part, <c>application/ms-tnef; name="winmail.dat"</c> in binary transfer encoding, that
/// carries the body (HTML, RTF or plain), every attachment and the MAPI properties MIME has no place for (categories,
/// flags, voting buttons, meeting data). Which shape a given Exchange build produces at which event is an assumption
/// documented in docs/architecture.md, for a lab to confirm with the agent's diagnostics.
/// </summary>
public static class SummaryTnefConverter
{
    /// <summary>The TNEF version Exchange writes in attTnefVersion ([MS-OXTNEF] 2.1.3.3.1).</summary>
    private static readonly byte[] _tnefVersion = { 0x00, 0x00, 0x01, 0x00 };

    /// <summary>Converts a submitted message.</summary>
    /// <param name="submitted">The message as the client wrote it in MIME (bodies, attachments, inline images, calendar).</param>
    /// <param name="format">The body format the client saved.</param>
    /// <param name="extraProperties">Further message properties (voting buttons, categories, flags) to carry.</param>
    public static MimeMessage Convert(MimeMessage submitted, MailboxBodyFormat format, IEnumerable<MapiProperty>? extraProperties = null)
    {
        if (submitted is null)
        {
            throw new ArgumentNullException(nameof(submitted));
        }

        byte[] tnef = BuildTnef(submitted, format, extraProperties ?? Array.Empty<MapiProperty>());
        var converted = new MimeMessage();
        converted.Headers.Clear();
        foreach (Header header in submitted.Headers.Where(h => !h.Field.StartsWith("Content-", StringComparison.OrdinalIgnoreCase) && h.Id != HeaderId.MimeVersion))
        {
            converted.Headers.Add(header.Clone());
        }

        if (submitted.MessageId is { } messageId)
        {
            converted.Headers.Add("X-MS-TNEF-Correlator", "<" + messageId + ">");
        }

        var part = new TnefPart
        {
            ContentTransferEncoding = ContentEncoding.Binary,
            Content = new MimeContent(new MemoryStream(tnef, writable: false)),
        };
        part.ContentType.Name = "winmail.dat";
        part.Headers.Remove(HeaderId.ContentDisposition);
        converted.Body = part;
        converted.MimeVersion = new Version(1, 0);
        return converted;
    }

    /// <summary>The TNEF stream of a submitted message.</summary>
    public static byte[] BuildTnef(MimeMessage submitted, MailboxBodyFormat format, IEnumerable<MapiProperty> extraProperties)
    {
        if (submitted is null)
        {
            throw new ArgumentNullException(nameof(submitted));
        }

        MimePart? calendar = submitted.BodyParts.OfType<MimePart>().FirstOrDefault(p => p.ContentType.IsMimeType("text", "calendar"));
        CalendarFacts? meeting = calendar is null ? null : CalendarFacts.Read(calendar);
        string messageClass = meeting?.MessageClass ?? "IPM.Note";

        // Non-Unicode values (PR_HTML) are in the message's code page, named by attOemCodepage and PR_INTERNET_CPID:
        // the HTML part's own charset where .NET can carry the text in it, UTF-8 otherwise.
        Encoding codePage = HtmlCodePage(submitted);
        var fields = new List<TnefField>
        {
            new(TnefAttributeLevel.Message, TnefAttributeTag.TnefVersion, _tnefVersion),
            new(TnefAttributeLevel.Message, TnefAttributeTag.OemCodepage, BitConverter.GetBytes((long)codePage.CodePage)),
            new(TnefAttributeLevel.Message, TnefAttributeTag.MessageClass, Encoding.ASCII.GetBytes(messageClass + "\0")),
        };

        List<MimePart> attachments = AttachmentsOf(submitted, calendar).ToList();
        var properties = new List<MapiProperty>
        {
            MapiProperty.Unicode(TnefPropertyTag.MessageClassW, messageClass),
            MapiProperty.Unicode(TnefPropertyTag.SubjectW, submitted.Subject ?? string.Empty),
            MapiProperty.Int32(TnefPropertyTag.Importance, 1),
            MapiProperty.Int32(TnefPropertyTag.InternetCPID, codePage.CodePage),
            MapiProperty.Boolean(TnefPropertyTag.Hasattach, attachments.Count > 0),
        };
        if (submitted.MessageId is { } messageId)
        {
            properties.Add(MapiProperty.Binary(TnefPropertyTag.TnefCorrelationKey, Encoding.ASCII.GetBytes("<" + messageId + ">\0")));
            properties.Add(MapiProperty.Unicode(TnefPropertyTag.InternetMessageIdW, "<" + messageId + ">"));
        }

        string? text = submitted.TextBody ?? (submitted.HtmlBody is null ? null : HtmlToText(submitted.HtmlBody));
        switch (format)
        {
            case MailboxBodyFormat.Html:
                properties.Add(MapiProperty.Binary(MapiNames.Html, codePage.GetBytes(submitted.HtmlBody ?? HtmlFromText(text ?? string.Empty))));
                break;
            case MailboxBodyFormat.Rtf:
                MimePart? rtfPart = submitted.BodyParts.OfType<MimePart>().FirstOrDefault(p => p.ContentType.IsMimeType("text", "rtf") || p.ContentType.IsMimeType("application", "rtf"));
                byte[] rtf = rtfPart is not null ? Decode(rtfPart) : RtfFromText(text ?? string.Empty);
                properties.Add(MapiProperty.Binary(TnefPropertyTag.RtfCompressed, CompressedRtf.Compress(rtf)));
                properties.Add(MapiProperty.Boolean(TnefPropertyTag.RtfInSync, true));
                break;
        }

        if (text is not null)
        {
            properties.Add(MapiProperty.Unicode(TnefPropertyTag.BodyW, text));
        }

        int named = 0;
        if (meeting is not null)
        {
            properties.Add(MapiProperty.Time(MapiNames.Named(named++, TnefPropertyType.SysTime), meeting.Start, MapiNames.AppointmentStartWhole));
            properties.Add(MapiProperty.Time(MapiNames.Named(named++, TnefPropertyType.SysTime), meeting.End, MapiNames.AppointmentEndWhole));
            if (meeting.Location is { } location)
            {
                properties.Add(MapiProperty.Unicode(MapiNames.Named(named++, TnefPropertyType.Unicode), location, MapiNames.Location));
            }
        }

        properties.AddRange(extraProperties);
        fields.Add(new TnefField(TnefAttributeLevel.Message, TnefAttributeTag.MapiProperties, MapiPropertyList.Encode(properties)));

        foreach (MimePart attachment in attachments)
        {
            fields.Add(new TnefField(TnefAttributeLevel.Attachment, TnefAttributeTag.AttachRenderData, RenderData()));
            fields.Add(new TnefField(TnefAttributeLevel.Attachment, TnefAttributeTag.Attachment, MapiPropertyList.Encode(AttachmentProperties(attachment))));
        }

        return new TnefDocument(0, fields).ToArray();
    }

    // Code pages a Windows client writes non-Unicode MAPI strings in; anything else (Mac, EBCDIC, UTF-7) goes as UTF-8.
    private static readonly HashSet<int> _windowsCodePages = new()
    {
        874, 932, 936, 949, 950, 1250, 1251, 1252, 1253, 1254, 1255, 1256, 1257, 1258, 20866, 21866,
        28591, 28592, 28593, 28594, 28595, 28596, 28597, 28598, 28599, 28603, 28605, 50220, 51932, 54936, 65001,
    };

    private static Encoding HtmlCodePage(MimeMessage message)
    {
        string? html = message.HtmlBody;
        string? charset = BodyPart(message, html, html: true)?.ContentType.Charset;
        if (html is null || charset is null)
        {
            return Encoding.UTF8;
        }

        try
        {
            Encoding strict = Encoding.GetEncoding(charset, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
            if (!_windowsCodePages.Contains(strict.CodePage))
            {
                return Encoding.UTF8;
            }

            strict.GetByteCount(html);
            return Encoding.GetEncoding(strict.CodePage);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            return Encoding.UTF8;
        }
    }

    private static IEnumerable<MimePart> AttachmentsOf(MimeMessage message, MimePart? calendar)
    {
        // The bodies are the parts MimeKit's HtmlBody and TextBody come from; every other part is an attachment
        // (an inline text part after an image in multipart/mixed, too, as Outlook shows it).
        TextPart? html = BodyPart(message, message.HtmlBody, html: true);
        TextPart? text = BodyPart(message, message.TextBody, html: false);
        return message.BodyParts.OfType<MimePart>().Where(p => p != html && p != text && p != calendar
            && !p.ContentType.IsMimeType("text", "rtf"));
    }

    /// <summary>The part a message's HtmlBody or TextBody is read from, or null.</summary>
    public static TextPart? BodyPart(MimeMessage message, string? body, bool html) =>
        body is null
            ? null
            : (message ?? throw new ArgumentNullException(nameof(message))).BodyParts.OfType<TextPart>()
                .FirstOrDefault(p => (html ? p.IsHtml : p.IsPlain) && p.ContentDisposition?.IsAttachment != true && p.Text == body);

    private static List<MapiProperty> AttachmentProperties(MimePart attachment)
    {
        string name = attachment.FileName ?? (attachment.ContentId is null ? "attachment.dat" : attachment.ContentId + ExtensionOf(attachment));
        var properties = new List<MapiProperty>
        {
            MapiProperty.Int32(TnefPropertyTag.AttachMethod, 1),
            MapiProperty.Unicode(TnefPropertyTag.AttachLongFilenameW, name),
            MapiProperty.Unicode(TnefPropertyTag.AttachMimeTagW, attachment.ContentType.MimeType),
            MapiProperty.Binary(TnefPropertyTag.AttachDataBin, Decode(attachment)),
        };
        if (attachment.ContentId is { } contentId && attachment.ContentDisposition?.IsAttachment != true)
        {
            // An image the HTML body shows (cid:): ATT_MHTML_REF, and hidden from the attachment well.
            properties.Add(MapiProperty.Unicode(TnefPropertyTag.AttachContentIdW, contentId));
            properties.Add(MapiProperty.Int32(TnefPropertyTag.AttachFlags, 4));
            properties.Add(MapiProperty.Boolean(TnefPropertyTag.AttachmentHidden, true));
        }

        return properties;
    }

    // attAttachRendData ([MS-OXTNEF] 2.1.3.3.16): file attachment, position unknown (-1), no rendering size, default data flags.
    private static byte[] RenderData() => new byte[] { 0x01, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00 };

    private static string ExtensionOf(MimePart part) => MimeTypes.TryGetExtension(part.ContentType.MimeType, out string? extension) ? extension : ".bin";

    private static byte[] Decode(MimePart part)
    {
        using var output = new MemoryStream();
        part.Content?.DecodeTo(output);
        return output.ToArray();
    }

    private static string HtmlToText(string html) =>
        System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]*>", string.Empty, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(2))).Trim();

    private static string HtmlFromText(string text) =>
        "<html><body>" + string.Join("<br>\r\n", text.Split('\n').Select(l => System.Net.WebUtility.HtmlEncode(l.TrimEnd('\r')))) + "</body></html>";

    /// <summary>A minimal RTF document for a plain text, as a rich-text client saves it: code page 1252, \uN for the rest.</summary>
    internal static byte[] RtfFromText(string text) =>
        Encoding.ASCII.GetBytes("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss Calibri;}}\\f0\\fs22 " + RtfStamp.Paragraphs(text) + "}");
}
