using System;
using System.IO;
using System.Linq;
using System.Text;
using MimeKit;
using MimeKit.Text;

namespace ExchangeRules.Benchmarks.Fixtures;

/// <summary>
/// The benchmark messages, generated in memory (deterministically) so no large file is committed.
/// Every message is written with CRLF line endings, as it travels over SMTP.
/// </summary>
internal static class MessageFixtures
{
    /// <summary>The organisation's user who sends the benchmark mail.</summary>
    public const string Sender = "bob.jones@contoso.example";

    /// <summary>A colleague inside the organisation.</summary>
    public const string InternalRecipient = "carol.white@contoso.example";

    /// <summary>A recipient outside the organisation.</summary>
    public const string ExternalRecipient = "anna.schmidt@fabrikam.example";

    private static readonly FormatOptions _crlf = CreateFormat();

    /// <summary>
    /// A Word-generated Outlook desktop reply of about 40 KB: multipart/related (multipart/alternative of
    /// quoted-printable text and HTML, plus the image001.png signature logo) with Exchange's usual headers.
    /// </summary>
    public static byte[] OutlookReply40K(string to) => Write(BuildOutlookReply(to, 20 * 1024));

    /// <summary>The text of the 10 MB message without its attachments: a short Outlook reply (about 17 KB).</summary>
    public static byte[] ShortOutlookReply(string to) => Write(BuildOutlookReply(to, 6 * 1024));

    /// <summary>
    /// A 10 MB message: a short Outlook HTML reply with three attachments (PDF, XLSX, ZIP; about 7.3 MB
    /// decoded, base64 on the wire).
    /// </summary>
    public static byte[] LargeWithAttachments(string to)
    {
        var reply = BuildOutlookReply(to, 6 * 1024);
        var mixed = new Multipart("mixed") { reply.Body! };
        mixed.Add(Attachment("Q3 forecast.pdf", "application", "pdf", 3_500_000, 11));
        mixed.Add(Attachment("Q3 numbers.xlsx", "application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet", 2_300_000, 12));
        mixed.Add(Attachment("photos.zip", "application", "zip", 1_500_000, 13));
        reply.Body = mixed;
        return Write(reply);
    }

    /// <summary>A short US-ASCII plain-text message (7bit).</summary>
    public static byte[] SmallPlain(string to)
    {
        var message = NewMessage(to, "Lunch on Friday?");
        message.Body = new TextPart(TextFormat.Plain)
        {
            Text = "Hi Anna,\r\n\r\nAre you free for lunch on Friday? The usual place at 12:30.\r\n\r\nBob\r\n",
        };
        return Write(message);
    }

    /// <summary>A plain-text message in ISO-8859-1, quoted-printable, with accented words.</summary>
    public static byte[] Latin1QuotedPrintable(string to)
    {
        var message = NewMessage(to, "Réunion à Genève");
        var part = new TextPart(TextFormat.Plain);
        part.SetText(Encoding.Latin1, "Bonjour Anna,\r\n\r\nLa réunion de jeudi aura lieu à Genève, salle Léman.\r\nÀ bientôt,\r\nBob\r\n");
        part.ContentTransferEncoding = ContentEncoding.QuotedPrintable;
        message.Body = part;
        return Write(message);
    }

    /// <summary>A multipart/alternative message whose UTF-8 text and HTML parts are base64 encoded (as Apple Mail and many web clients send).</summary>
    public static byte[] Base64Alternative(string to)
    {
        var message = NewMessage(to, "Grüße aus München");
        var plain = new TextPart(TextFormat.Plain) { Text = "Hallo Anna,\r\n\r\nviele Grüße aus München – bis nächste Woche!\r\n\r\nBob\r\n" };
        plain.ContentTransferEncoding = ContentEncoding.Base64;
        var html = new TextPart(TextFormat.Html) { Text = "<html><body><p>Hallo Anna,</p><p>viele Grüße aus München – bis nächste Woche!</p><p>Bob</p></body></html>\r\n" };
        html.ContentTransferEncoding = ContentEncoding.Base64;
        message.Body = new MultipartAlternative { plain, html };
        return Write(message);
    }

    private static MimeMessage BuildOutlookReply(string to, int htmlBytes)
    {
        var message = NewMessage(to, "RE: Quarterly forecast");
        message.InReplyTo = "<DB9PR08MB6588A1B2C3D4E5F6@DB9PR08MB6588.eurprd08.prod.outlook.com>";
        message.References.Add("DB9PR08MB6588A1B2C3D4E5F6@DB9PR08MB6588.eurprd08.prod.outlook.com");
        message.Headers.Add("Thread-Topic", "Quarterly forecast");
        message.Headers.Add("Thread-Index", "AQHbPypYmkCw3Vn2Rk6cE5Rj2d8XjLKaQfNw");
        message.Headers.Add("Accept-Language", "en-GB, en-US");
        message.Headers.Add("Content-Language", "en-GB");
        message.Headers.Add("X-MS-Has-Attach", "yes");
        message.Headers.Add("X-MS-TNEF-Correlator", string.Empty);
        message.Headers.Add("X-MS-Exchange-Organization-SCL", "-1");
        message.Headers.Add("X-MS-Exchange-Organization-AuthAs", "Internal");
        message.Headers.Add("X-MS-Exchange-Organization-AuthMechanism", "04");
        message.Headers.Add("X-Originating-IP", "[10.0.4.17]");

        var (html, text) = OutlookReplyHtml.Build(htmlBytes);
        var htmlPart = new TextPart(TextFormat.Html) { Text = html };
        htmlPart.ContentType.Charset = "us-ascii";
        htmlPart.ContentTransferEncoding = ContentEncoding.QuotedPrintable;
        var textPart = new TextPart(TextFormat.Plain) { Text = text };
        textPart.ContentType.Charset = "us-ascii";
        textPart.ContentTransferEncoding = ContentEncoding.QuotedPrintable;

        var logo = new MimePart("image", "png")
        {
            Content = new MimeContent(new MemoryStream(Bytes(1500, 7)), ContentEncoding.Default),
            ContentDisposition = new ContentDisposition(ContentDisposition.Inline) { FileName = "image001.png" },
            ContentTransferEncoding = ContentEncoding.Base64,
            ContentId = "image001.png@01DB3F2A.5C1E0B70",
            FileName = "image001.png",
        };
        var related = new MultipartRelated { new MultipartAlternative { textPart, htmlPart }, logo };
        related.ContentType.Parameters.Add("type", "multipart/alternative");
        message.Body = related;
        return message;
    }

    private static MimeMessage NewMessage(string to, string subject)
    {
        var message = new MimeMessage();
        message.Headers.Add("Received", "from EXCH01.contoso.example (10.0.4.21) by EXCH02.contoso.example (10.0.4.22) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.2.1544.4; Fri, 27 Nov 2026 09:31:12 +0000");
        message.Headers.Add("Received", "from EXCH01.contoso.example ([fe80::5d2c:1e4a:9b7f:3c21]) by EXCH01.contoso.example ([fe80::5d2c:1e4a:9b7f:3c21%13]) with mapi id 15.02.1544.004; Fri, 27 Nov 2026 09:31:12 +0000");
        message.From.Add(new MailboxAddress("Bob Jones", Sender));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Date = new DateTimeOffset(2026, 11, 27, 9, 31, 10, TimeSpan.Zero);
        message.MessageId = "DB9PR08MB65880F1E2D3C4B5A@EXCH01.contoso.example";
        return message;
    }

    private static MimePart Attachment(string fileName, string mediaType, string subtype, int size, int seed) => new(mediaType, subtype)
    {
        Content = new MimeContent(new MemoryStream(Bytes(size, seed)), ContentEncoding.Default),
        ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = fileName },
        ContentTransferEncoding = ContentEncoding.Base64,
        FileName = fileName,
    };

    private static byte[] Bytes(int size, int seed)
    {
        var bytes = new byte[size];
#pragma warning disable CA5394 // Deterministic filler bytes for fixtures, not security.
        new Random(seed).NextBytes(bytes);
#pragma warning restore CA5394
        return bytes;
    }

    private static byte[] Write(MimeMessage message)
    {
        using var output = new MemoryStream();
        message.WriteTo(_crlf, output);
        return output.ToArray();
    }

    private static FormatOptions CreateFormat()
    {
        var options = FormatOptions.Default.Clone();
        options.NewLineFormat = NewLineFormat.Dos;
        return options;
    }
}
