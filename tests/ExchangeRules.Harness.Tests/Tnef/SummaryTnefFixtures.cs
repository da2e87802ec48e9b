using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using ExchangeRules.Harness.Tnef;
using ExchangeRules.Mime.Tnef;
using MimeKit;
using MimeKit.Tnef;

namespace ExchangeRules.Harness.Tests.Tnef;

/// <summary>
/// The generator of the Summary TNEF fixtures in TestData/SummaryTnef: each one a message in a shape Outlook and OWA
/// users send (docs/architecture.md, "TNEF"), built here in MIME as the client would write it and converted with the
/// harness's <see cref="SummaryTnefConverter"/> into what Mailbox Transport Submission hands to transport agents.
/// Everything is fixed (dates, Message-IDs, Content-IDs, attachment bytes), so the output is the same bytes on every
/// run: <c>SummaryTnefFixtureTests</c> holds the committed files to it, and regenerates them when the environment
/// variable <c>EXRULES_REGENERATE_FIXTURES</c> is 1 (after a deliberate change of the converter or of a fixture here).
/// </summary>
internal static class SummaryTnefFixtures
{
    /// <summary>The folder of the committed fixtures, relative to TestData.</summary>
    public const string Folder = "SummaryTnef";

    private static readonly DateTimeOffset _sent = new(2026, 12, 7, 9, 15, 0, TimeSpan.Zero);

    // windows-1251 and windows-1252 bodies; MimeKit's TNEF reader needs code page 1252 too.
    static SummaryTnefFixtures() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Every fixture with the shape it must have.</summary>
    public static IReadOnlyList<SummaryTnefFixture> All { get; } = new[]
    {
        new SummaryTnefFixture("html-reply.eml", "IPM.Note", MailboxBodyFormat.Html, 0, HtmlReply, "An Outlook HTML reply: the newest text above Outlook's From:/Sent: block and the quoted message."),
        new SummaryTnefFixture("html-new.eml", "IPM.Note", MailboxBodyFormat.Html, 0, HtmlNew, "A new HTML message in Outlook's Word markup (WordSection1, MsoNormal)."),
        new SummaryTnefFixture("rtf.eml", "IPM.Note", MailboxBodyFormat.Rtf, 0, RtfMessage, "A rich-text message: PR_RTF_COMPRESSED (LZFu) and PR_BODY."),
        new SummaryTnefFixture("plain.eml", "IPM.Note", MailboxBodyFormat.Plain, 0, PlainMessage, "A plain-text message: PR_BODY only."),
        new SummaryTnefFixture("html-attachments.eml", "IPM.Note", MailboxBodyFormat.Html, 2, HtmlWithAttachments, "An HTML message with a PDF and a spreadsheet attached."),
        new SummaryTnefFixture("html-inline-image.eml", "IPM.Note", MailboxBodyFormat.Html, 1, HtmlWithInlineImage, "An HTML message showing an embedded image (cid:, hidden attachment)."),
        new SummaryTnefFixture("meeting-request.eml", "IPM.Schedule.Meeting.Request", MailboxBodyFormat.Rtf, 0, MeetingRequest, "A meeting request, RTF body as Outlook sends them, with start, end and location."),
        new SummaryTnefFixture("meeting-response.eml", "IPM.Schedule.Meeting.Resp.Pos", MailboxBodyFormat.Plain, 0, MeetingResponse, "An accepted meeting response."),
        new SummaryTnefFixture("voting-buttons.eml", "IPM.Note", MailboxBodyFormat.Html, 0, VotingButtons, "An HTML message with voting buttons (PidLidVerbStream: Approve;Reject)."),
        new SummaryTnefFixture("categories-flag.eml", "IPM.Note", MailboxBodyFormat.Html, 0, CategoriesAndFlag, "An HTML message with two categories and a follow-up flag."),
        new SummaryTnefFixture("western-1252.eml", "IPM.Note", MailboxBodyFormat.Html, 0, Western1252, "An HTML body in windows-1252 (PR_HTML and attOemCodepage 1252)."),
        new SummaryTnefFixture("cyrillic-1251.eml", "IPM.Note", MailboxBodyFormat.Html, 0, Cyrillic1251, "An HTML body in windows-1251, Cyrillic (PR_HTML and attOemCodepage 1251)."),
        new SummaryTnefFixture("large-html-reply.eml", "IPM.Note", MailboxBodyFormat.Html, 0, LargeHtmlReply, "A 40 KB Outlook HTML reply: a long thread of quoted replies (the benchmark's message)."),
    };

    /// <summary>The voting options of voting-buttons.eml.</summary>
    public static readonly string[] VotingOptions = { "Approve", "Reject" };

    /// <summary>The categories of categories-flag.eml.</summary>
    public static readonly string[] Categories = { "Finance", "Red category" };

    /// <summary>The Summary TNEF message of a fixture, as the bytes committed in TestData.</summary>
    public static byte[] Generate(SummaryTnefFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);

        var (source, extras) = fixture.Build();
        var converted = SummaryTnefConverter.Convert(source, fixture.BodyFormat, extras);
        var options = FormatOptions.Default.Clone();
        options.NewLineFormat = NewLineFormat.Dos;
        using var output = new MemoryStream();
        converted.WriteTo(options, output);
        return output.ToArray();
    }

    /// <summary>
    /// Outlook's reply HTML: the newest text, then the reply header block (From:, Sent:, To:, Subject: in a div with a
    /// top border) and the message replied to. <paramref name="earlier"/> quoted replies make the thread longer.
    /// </summary>
    public static string OutlookReplyHtml(string newest, int earlier)
    {
        var html = new StringBuilder();
        html.Append("<html xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:w=\"urn:schemas-microsoft-com:office:word\">\r\n")
            .Append("<head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"><meta name=\"Generator\" content=\"Microsoft Word 15 (filtered medium)\">\r\n")
            .Append("<style><!--p.MsoNormal, li.MsoNormal, div.MsoNormal {margin:0cm;font-size:11.0pt;font-family:\"Calibri\",sans-serif;}\r\n")
            .Append("a:link, span.MsoHyperlink {color:#0563C1;text-decoration:underline;} div.WordSection1 {page:WordSection1;}--></style></head>\r\n")
            .Append("<body lang=\"EN-US\" link=\"#0563C1\" vlink=\"#954F72\"><div class=\"WordSection1\">\r\n")
            .Append("<p class=\"MsoNormal\">").Append(newest).Append("<o:p></o:p></p>\r\n<p class=\"MsoNormal\"><o:p>&nbsp;</o:p></p>\r\n");
        for (var i = 0; i <= earlier; i++)
        {
            var from = i % 2 == 0 ? "Megan Bowen &lt;megan@contoso.com&gt;" : "Adele Vance &lt;adele@contoso.com&gt;";
            var to = i % 2 == 0 ? "Adele Vance &lt;adele@contoso.com&gt;" : "Megan Bowen &lt;megan@contoso.com&gt;";
            html.Append("<div style=\"border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm\">\r\n")
                .Append("<p class=\"MsoNormal\"><b><span lang=\"EN-US\">From:</span></b><span lang=\"EN-US\"> ").Append(from)
                .Append(" <br><b>Sent:</b> Monday, December 7, 2026 ").Append(8 - (i / 60)).Append(':').Append((59 - (i % 60)).ToString("00", System.Globalization.CultureInfo.InvariantCulture))
                .Append(" AM<br><b>To:</b> ").Append(to).Append("<br><b>Subject:</b> ").Append(i == earlier ? "Budget review" : "RE: Budget review")
                .Append("<o:p></o:p></span></p>\r\n</div>\r\n<p class=\"MsoNormal\"><o:p>&nbsp;</o:p></p>\r\n")
                .Append("<p class=\"MsoNormal\">").Append(i == earlier ? "Can you check the Q4 figures before Friday?" : ThreadText(i)).Append("<o:p></o:p></p>\r\n")
                .Append("<p class=\"MsoNormal\"><o:p>&nbsp;</o:p></p>\r\n");
        }

        return html.Append("</div>\r\n</body>\r\n</html>\r\n").ToString();
    }

    /// <summary>
    /// The verb stream of voting buttons ([MS-OXOMSG] 2.2.1.74, PidLidVerbStream): version 0x0102, the options as
    /// VoteOption structures (verb type 4 = voting), then version 0x0104 and the display names again in UTF-16LE.
    /// </summary>
    public static byte[] VerbStream(IReadOnlyList<string> options)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write((ushort)0x0102);
        writer.Write(options.Count);
        for (var i = 0; i < options.Count; i++)
        {
            var name = Encoding.ASCII.GetBytes(options[i]);
            writer.Write(4);                                   // VerbType: voting button
            writer.Write((byte)name.Length);
            writer.Write(name);                                // DisplayName
            writer.Write((byte)8);
            writer.Write(Encoding.ASCII.GetBytes("IPM.Note"));  // MsgClsName
            writer.Write((byte)0);                             // Internal1String (empty)
            writer.Write((byte)name.Length);
            writer.Write(name);                                // DisplayNameRepeat
            writer.Write(0);                                   // Internal2
            writer.Write((byte)0);                             // Internal3
            writer.Write(0);                                   // fUseUSHeaders
            writer.Write(1);                                   // Internal4
            writer.Write(1);                                   // SendBehavior: send without prompting
            writer.Write(2);                                   // Internal5
            writer.Write(i + 1);                               // ID
            writer.Write(-1);                                  // Internal6
        }

        writer.Write((ushort)0x0104);
        foreach (var option in options)
        {
            var name = Encoding.Unicode.GetBytes(option);
            writer.Write((byte)option.Length);
            writer.Write(name);
            writer.Write((byte)option.Length);
            writer.Write(name);
        }

        writer.Flush();
        return stream.ToArray();
    }

    private static string ThreadText(int index) =>
        "Point " + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)
        + ": the travel line is over by 4%, the training budget is under by 2%, and the contractors' invoices for November are still open. "
        + "Finance wants the revised sheet by Thursday noon so the board pack can go out on Friday morning.";

    private static MimeMessage Message(string id, string subject, MimeEntity body, string from = "Adele Vance <adele@contoso.com>", string to = "Megan Bowen <megan@contoso.com>")
    {
        var message = new MimeMessage();
        message.Headers.Clear();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Date = _sent;
        message.MessageId = id + "@contoso.com";
        message.Body = body;
        return message;
    }

    private static MultipartAlternative Alternative(string text, string html, string charset = "utf-8")
    {
        var plain = new TextPart("plain");
        plain.SetText(charset, text);
        var rich = new TextPart("html");
        rich.SetText(charset, html);
        return new MultipartAlternative { plain, rich };
    }

    private static (MimeMessage, IEnumerable<MapiProperty>?) HtmlReply() =>
        (Message("AM0PR07MB3522F01", "RE: Budget review", Alternative(
            "Thanks Megan, the numbers look right.\r\n\r\nFrom: Megan Bowen <megan@contoso.com>\r\nSent: Monday, December 7, 2026 8:59 AM\r\nTo: Adele Vance <adele@contoso.com>\r\nSubject: Budget review\r\n\r\nCan you check the Q4 figures before Friday?\r\n",
            OutlookReplyHtml("Thanks Megan, the numbers look right.", 0))), null);

    private static (MimeMessage, IEnumerable<MapiProperty>?) HtmlNew() =>
        (Message("AM0PR07MB3522F02", "Team offsite", Alternative(
            "Hi all,\r\n\r\nThe offsite is on 14 January in Lisbon. Agenda to follow.\r\n\r\nAdele\r\n",
            "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head><body lang=\"EN-US\"><div class=\"WordSection1\">"
            + "<p class=\"MsoNormal\">Hi all,<o:p></o:p></p><p class=\"MsoNormal\"><o:p>&nbsp;</o:p></p>"
            + "<p class=\"MsoNormal\">The offsite is on 14 January in Lisbon. Agenda to follow.<o:p></o:p></p>"
            + "<p class=\"MsoNormal\"><o:p>&nbsp;</o:p></p><p class=\"MsoNormal\">Adele<o:p></o:p></p></div></body></html>\r\n")), null);

    private static (MimeMessage, IEnumerable<MapiProperty>?) RtfMessage() =>
        (Message("AM0PR07MB3522F03", "Contract draft", new TextPart("plain") { Text = "Megan,\r\n\r\nThe contract draft is ready for review.\r\n\r\nAdele\r\n" }), null);

    private static (MimeMessage, IEnumerable<MapiProperty>?) PlainMessage() =>
        (Message("AM0PR07MB3522F04", "Parking", new TextPart("plain") { Text = "The car park is closed on Saturday.\r\n" }), null);

    private static (MimeMessage, IEnumerable<MapiProperty>?) HtmlWithAttachments()
    {
        var mixed = new Multipart("mixed")
        {
            Alternative("Both files attached.\r\n", "<html><body><p class=\"MsoNormal\">Both files attached.</p></body></html>\r\n"),
            Attachment("application", "pdf", "Q4 report.pdf", Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")),
            Attachment("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Q4 budget.xlsx", Enumerable.Range(0, 512).Select(i => (byte)(i * 7)).ToArray()),
        };
        return (Message("AM0PR07MB3522F05", "Q4 report and budget", mixed), null);
    }

    private static (MimeMessage, IEnumerable<MapiProperty>?) HtmlWithInlineImage()
    {
        var image = Attachment("image", "png", "image001.png", Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="));
        image.ContentDisposition = new ContentDisposition(ContentDisposition.Inline) { FileName = "image001.png" };
        image.ContentId = "image001.png@01DB4812.ABCDEF00";
        var related = new MultipartRelated
        {
            Alternative("The new logo:\r\n", "<html><body><p class=\"MsoNormal\">The new logo: <img width=\"1\" height=\"1\" src=\"cid:image001.png@01DB4812.ABCDEF00\"></p></body></html>\r\n"),
            image,
        };
        return (Message("AM0PR07MB3522F06", "New logo", related), null);
    }

    private static (MimeMessage, IEnumerable<MapiProperty>?) MeetingRequest() =>
        (Message("AM0PR07MB3522F07", "Quarterly planning", Calendar("Let's plan Q1 in the big room.\r\n", "REQUEST", "NEEDS-ACTION")), null);

    private static (MimeMessage, IEnumerable<MapiProperty>?) MeetingResponse() =>
        (Message("AM0PR07MB3522F08", "Accepted: Quarterly planning", Calendar("See you there.\r\n", "REPLY", "ACCEPTED"), "Megan Bowen <megan@contoso.com>", "Adele Vance <adele@contoso.com>"), null);

    private static (MimeMessage, IEnumerable<MapiProperty>?) VotingButtons() =>
        (Message("AM0PR07MB3522F09", "Approve the travel policy?", Alternative("Please vote.\r\n", "<html><body><p class=\"MsoNormal\">Please vote.</p></body></html>\r\n")),
            new[] { new MapiProperty(MapiNames.Named(0, TnefPropertyType.Binary), MapiNames.VerbStream, new[] { VerbStream(VotingOptions) }) });

    private static (MimeMessage, IEnumerable<MapiProperty>?) CategoriesAndFlag() =>
        (Message("AM0PR07MB3522F10", "Invoices to check", Alternative("Three invoices need a second look.\r\n", "<html><body><p class=\"MsoNormal\">Three invoices need a second look.</p></body></html>\r\n")),
            new[]
            {
                new MapiProperty(MapiNames.Named(0, (TnefPropertyType)0x101F), MapiNames.Keywords, Categories.Select(MapiProperty.UnicodeValue).ToArray()),
                MapiProperty.Int32(MapiNames.FlagStatus, 2),
                MapiProperty.Unicode(MapiNames.Named(1, TnefPropertyType.Unicode), "Follow up", new TnefNameId(MapiNames.Common, 0x8530)),
            });

    private static (MimeMessage, IEnumerable<MapiProperty>?) Western1252() =>
        (Message("AM0PR07MB3522F11", "Grüße aus Zürich – Café", Alternative(
            "Grüße aus Zürich, à bientôt – Café crème für 4,50 €.\r\n",
            "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"></head><body><p class=\"MsoNormal\">Grüße aus Zürich, à bientôt – Café crème für 4,50 €.</p></body></html>\r\n",
            "windows-1252")), null);

    private static (MimeMessage, IEnumerable<MapiProperty>?) Cyrillic1251() =>
        (Message("AM0PR07MB3522F12", "Отчёт за квартал", Alternative(
            "Добрый день! Отчёт за четвёртый квартал во вложении.\r\n",
            "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"></head><body><p class=\"MsoNormal\">Добрый день! Отчёт за четвёртый квартал во вложении.</p></body></html>\r\n",
            "windows-1251")), null);

    private static (MimeMessage, IEnumerable<MapiProperty>?) LargeHtmlReply()
    {
        var html = OutlookReplyHtml("Agreed, let's go with the revised numbers.", 0);
        for (var earlier = 1; html.Length < 40 * 1024; earlier++)
        {
            html = OutlookReplyHtml("Agreed, let's go with the revised numbers.", earlier);
        }

        return (Message("AM0PR07MB3522F13", "RE: Budget review", Alternative("Agreed, let's go with the revised numbers.\r\n", html)), null);
    }

    private static MimePart Attachment(string mediaType, string subtype, string fileName, byte[] content) =>
        new(mediaType, subtype)
        {
            Content = new MimeContent(new MemoryStream(content, writable: false)),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = fileName },
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = fileName,
        };

    internal static MultipartAlternative Calendar(string text, string method, string participation)
    {
        var calendar = new TextPart("calendar");
        calendar.ContentType.Parameters.Add("method", method);
        calendar.SetText("utf-8",
            "BEGIN:VCALENDAR\r\nMETHOD:" + method + "\r\nPRODID:Microsoft Exchange Server 2010\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n"
            + "ORGANIZER;CN=Adele Vance:mailto:adele@contoso.com\r\n"
            + "ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=" + participation + ";RSVP=TRUE;CN=Megan Bowen:mailto:megan@contoso.com\r\n"
            + "SUMMARY;LANGUAGE=en-US:Quarterly planning\r\nDTSTART:20261210T140000Z\r\nDTEND:20261210T153000Z\r\n"
            + "UID:040000008200E00074C5B7101A82E00800000000\r\nLOCATION;LANGUAGE=en-US:Big room\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
        return new MultipartAlternative { new TextPart("plain") { Text = text }, calendar };
    }
}

/// <summary>One Summary TNEF fixture: file name, the shape it must have, and how its source message is built.</summary>
internal sealed record SummaryTnefFixture(
    string Name,
    string MessageClass,
    MailboxBodyFormat BodyFormat,
    int AttachmentCount,
    Func<(MimeMessage Source, IEnumerable<MapiProperty>? Extras)> Build,
    string Description)
{
    public override string ToString() => Name;
}
