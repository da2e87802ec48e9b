using System;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Editing;
using Xunit;

namespace ExchangeRules.Mime.Tests;

public class PlacementTests
{
    private const string _stampAttribute = "data-exr-rule=\"Corporate signature\"";

    [Theory]
    [InlineData("outlook-word-reply.eml", "border-top:solid #E1E1E1", "outlook-desktop-header", "Viele Gr")]
    [InlineData("outlook-word-forward.eml", "border-top:solid #E1E1E1", "outlook-desktop-header", "see the contract below")]
    [InlineData("owa-reply-appendonsend.eml", "<div id=\"appendonsend\">", "owa-appendonsend", "see you on Thursday")]
    [InlineData("outlook-mobile-reply.eml", "mail-editor-reference-message-container", "outlook-mobile-reference", "Get Outlook for iOS")]
    [InlineData("gmail-reply.eml", "gmail_quote", "gmail-quote", "Tuesday works")]
    [InlineData("apple-mail-reply.eml", "<blockquote type=\"cite\">", "cite-blockquote", "Works for me")]
    [InlineData("ios-mail-reply.eml", "On 14. Nov 2023", "attribution-en", "Sent from my iPhone")]
    [InlineData("thunderbird-reply.eml", "moz-cite-prefix", "thunderbird-cite-prefix", "Fine by me")]
    [InlineData("yahoo-reply.eml", "yahoo_quoted", "yahoo-quoted", "Yes please")]
    [InlineData("html-original-message-text.eml", "-----Original Message-----", "original-message", "Agreed.")]
    public void Apply_HtmlReply_InsertsUnderNewestReplyBeforeTopmostMarker(string fixture, string quoteStart, string marker, string newestText)
    {
        var run = Stamping.Run(fixture, Stamping.Signature());

        Assert.True(run.Result.Changed, run.Details);
        Assert.Contains($"'{marker}'", run.Outcome().Detail, StringComparison.Ordinal);
        var html = run.Html;
        var stamp = html.IndexOf(_stampAttribute, StringComparison.Ordinal);
        Assert.True(stamp > html.IndexOf(newestText, StringComparison.Ordinal), "the signature must follow the newest text");
        Assert.True(stamp < html.IndexOf(quoteStart, StringComparison.Ordinal), "the signature must precede the quoted history");
        Assert.Equal(stamp, html.LastIndexOf(_stampAttribute, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("plain-reply-en.eml", "On Tue, Nov 14", "Tuesday works.")]
    [InlineData("plain-reply-de.eml", "Am 14.11.2023", "Dienstag passt.")]
    [InlineData("plain-reply-fr.eml", "Le mar. 14 nov.", "Mardi me va.")]
    [InlineData("plain-reply-es.eml", "El mar, 14 nov", "El martes me va bien.")]
    [InlineData("plain-reply-nl.eml", "Op di 14 nov.", "Dinsdag is goed.")]
    [InlineData("plain-outlook-original.eml", "-----Original Message-----", "Approved.")]
    [InlineData("plain-outlook-original-de.eml", "-----Ursprüngliche Nachricht-----", "Genehmigt.")]
    [InlineData("plain-outlook-underscore.eml", "______________", "Approved.")]
    public void Apply_PlainTextReply_InsertsBeforeAttributionLine(string fixture, string quoteStart, string newestText)
    {
        var run = Stamping.Run(fixture, Stamping.Signature());

        Assert.True(run.Result.Changed, run.Details);
        var text = run.Text;
        var stamp = text.IndexOf(Stamping.SignatureText, StringComparison.Ordinal);
        Assert.True(stamp > text.IndexOf(newestText, StringComparison.Ordinal), text);
        Assert.True(stamp < text.IndexOf(quoteStart, StringComparison.Ordinal), text);
        Assert.Equal(stamp, text.LastIndexOf(Stamping.SignatureText, StringComparison.Ordinal));
    }

    [Fact]
    public void Apply_NewHtmlMessage_InsertsAtEndOfBody()
    {
        var html = Stamping.Run("html-new-message.eml", Stamping.Signature()).Html;

        var stamp = html.IndexOf(_stampAttribute, StringComparison.Ordinal);
        Assert.True(stamp > html.IndexOf("the numbers are in", StringComparison.Ordinal));
        Assert.True(stamp < html.IndexOf("</body>", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Apply_BannerAtTop_GoesRightAfterBodyTag()
    {
        var html = Stamping.Run("outlook-word-reply.eml", Stamping.Banner()).Html;

        var body = html.IndexOf("<body", StringComparison.Ordinal);
        var banner = html.IndexOf("data-exr-rule=\"External banner\"", StringComparison.Ordinal);
        Assert.True(banner > body && banner < html.IndexOf("WordSection1", body, StringComparison.Ordinal), html);
    }

    [Fact]
    public void Apply_DisclaimerAtBottom_GoesAfterQuotedHistory()
    {
        var run = Stamping.Run("outlook-word-reply.eml", Stamping.Disclaimer());

        var html = run.Html;
        Assert.True(html.IndexOf("data-exr-rule=\"Legal disclaimer\"", StringComparison.Ordinal) > html.IndexOf("k&ouml;nnen Sie", StringComparison.Ordinal));
        Assert.EndsWith("This e-mail is confidential. If you are not the intended recipient, please\ndelete it.", run.Text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_OutlookReply_EditsHtmlAndPlainAlternativesConsistently()
    {
        var run = Stamping.Run("outlook-word-reply.eml", Stamping.Signature());

        Assert.Contains("text/html at line", run.Outcome().Detail, StringComparison.Ordinal);
        Assert.Contains("text/plain at line", run.Outcome().Detail, StringComparison.Ordinal);
        var text = run.Text;
        Assert.True(text.IndexOf(Stamping.SignatureText, StringComparison.Ordinal) < text.IndexOf("Von: Anna", StringComparison.Ordinal), text);
    }

    [Fact]
    public void Apply_LongSignatureText_IsWrappedForPlainText()
    {
        var longText = string.Join(" ", new string('x', 10), "Contoso Ltd., Registered office Munich, Commercial register HRB 123456, Managing directors: A. Example, B. Example, C. Example");
        var run = Stamping.Run("plain-new-message.eml", Stamping.Signature(text: longText));

        foreach (var line in run.Text.Split('\n'))
        {
            Assert.True(line.TrimEnd('\r').Length <= 76, line);
        }
    }

    [Fact]
    public void Apply_CustomMarkerList_IsUsedInsteadOfBuiltIn()
    {
        using var xml = new System.IO.MemoryStream(System.Text.Encoding.UTF8.GetBytes(
            "<replyMarkers><text name=\"custom-separator\" pattern=\"^=== earlier ===$\" /></replyMarkers>"));
        var options = new MessageEditorOptions { ReplyMarkers = Mime.Markers.ReplyMarkerSet.Load(xml) };
        var original = System.Text.Encoding.ASCII.GetBytes("From: a@b.example\r\nSubject: x\r\nContent-Type: text/plain\r\n\r\nNew.\r\n=== earlier ===\r\nOld.\r\n");

        var run = Stamping.Run(original, new MimeMessageEditor(options), Engine.Messages.SubmissionOrigin.Authenticated, Stamping.Signature());

        Assert.Equal(ActionStatus.Applied, run.Outcome().Status);
        Assert.Contains("'custom-separator'", run.Outcome().Detail, StringComparison.Ordinal);
        Assert.True(run.Text.IndexOf(Stamping.SignatureText, StringComparison.Ordinal) < run.Text.IndexOf("=== earlier", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_InvalidMarkerPattern_NamesTheLine()
    {
        using var xml = new System.IO.MemoryStream(System.Text.Encoding.UTF8.GetBytes("<replyMarkers>\n<text name=\"bad\" pattern=\"(\" />\n</replyMarkers>"));

        var error = Assert.Throws<System.IO.InvalidDataException>(() => Mime.Markers.ReplyMarkerSet.Load(xml));

        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }
}
