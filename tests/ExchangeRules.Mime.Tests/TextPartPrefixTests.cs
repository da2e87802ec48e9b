using System.IO;
using System.Linq;
using System.Text;
using ExchangeRules.Mime.Html;
using MimeKit;
using Xunit;

namespace ExchangeRules.Mime.Tests;

public class TextPartPrefixTests
{
    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    public void ReadPrefix_QuotedPrintable_CutsAfterTheFirstHardLineBreakPastTheMinimum(string newLine)
    {
        // Line 1 is soft-broken (=CRLF) right after the minimum: the cut goes on to the hard line break that ends it.
        var encoded = "first line of text=" + newLine + "continued =C3=A9t=C3=A9" + newLine + "second line" + newLine + "third line" + newLine;
        var part = Part(encoded, "utf-8", ContentEncoding.QuotedPrintable);

        var prefix = TextPartContent.ReadPrefix(part, 5, out var whole);

        Assert.Equal("first line of textcontinued été" + newLine, prefix);
        Assert.False(whole);
        Assert.StartsWith(prefix!, TextPartContent.Read(part, out _), System.StringComparison.Ordinal);
    }

    [Fact]
    public void ReadPrefix_MultiByteCharacterSplitBySoftBreaks_IsNeverCut()
    {
        // "é" is split over a soft line break ("=C3=" / "=A9"): no cut may fall between its bytes.
        var encoded = "caf=C3=\r\n=A9 au lait\r\nnext\r\n";
        var part = Part(encoded, "utf-8", ContentEncoding.QuotedPrintable);

        Assert.Equal("café au lait\r\n", TextPartContent.ReadPrefix(part, 1, out var whole));
        Assert.False(whole);
    }

    [Fact]
    public void ReadPrefix_NoHardLineBreakAfterTheMinimum_IsTheWholeText()
    {
        var part = Part("one line=\r\n that never ends", "us-ascii", ContentEncoding.QuotedPrintable);

        Assert.Equal("one line that never ends", TextPartContent.ReadPrefix(part, 2, out var whole));
        Assert.True(whole);
    }

    [Theory]
    [InlineData(ContentEncoding.Base64, "utf-8")]
    [InlineData(ContentEncoding.QuotedPrintable, "iso-8859-1")]
    public void ReadPrefix_PartOnlyTheWholePathReads_IsNull(ContentEncoding encoding, string charset)
    {
        var content = encoding == ContentEncoding.Base64 ? "aGVsbG8gd29ybGQNCm1vcmUNCg==\r\n" : "caf=E9\r\nnext\r\n";

        Assert.Null(TextPartContent.ReadPrefix(Part(content, charset, encoding), 1, out _));
    }

    [Fact]
    public void ReadPrefix_PrefixOutsideTheStrictGrammar_IsNull()
    {
        // Whitespace before a line end: decoders differ, so only the whole path (MimeKit's decoder) may read it.
        Assert.Null(TextPartContent.ReadPrefix(Part("trailing space \r\nnext\r\nmore\r\n", "us-ascii", ContentEncoding.QuotedPrintable), 1, out _));
    }

    [Fact]
    public void ReadPrefix_HtmlWithALongHead_CountsTheMinimumFromTheBodyTag()
    {
        var head = "<html><head><style>\r\n" + string.Concat(Enumerable.Repeat("p.MsoNormal {margin:0cm; font-size:11.0pt}\r\n", 100)) + "</style></head>\r\n";
        var body = "<body lang=3D\"EN-US\">\r\n" + string.Concat(Enumerable.Repeat("<p>line of the reply</p>\r\n", 20));
        var part = Part(head + body, "us-ascii", ContentEncoding.QuotedPrintable);
        part.ContentType.MediaSubtype = "html";

        var prefix = TextPartContent.ReadPrefix(part, 64, out var whole);

        Assert.False(whole);
        var bodyAt = prefix!.IndexOf("<body", System.StringComparison.Ordinal);
        Assert.True(bodyAt > 4000 && prefix.Length >= bodyAt + 64 && prefix.Length < bodyAt + 64 + 40, $"body at {bodyAt}, prefix {prefix.Length}");
    }

    [Fact]
    public void NewestPart_OnATopWithoutItsBodyTag_AsksForTheWholePart()
    {
        var head = "<html><head><style>" + new string('x', 200) + "</style></head>\n";

        var locator = new HtmlLocator(head, Mime.Markers.ReplyMarkerSet.Default, EditBudget.Unlimited, isPrefix: true);

        Assert.Throws<PrefixTooShortException>(() => locator.NewestPart);
    }

    [Fact]
    public void NewestPart_OnATopWhereTheMarkerAndItsWindowFit_IsTheWholePartsAnswer()
    {
        var top = "<html><body>\n<p>Thanks, see below.</p>\n<div id=\"divRplyFwdMsg\" dir=\"ltr\"><b>From:</b> Alice</div>\n"
            + string.Concat(Enumerable.Repeat("<p>quoted history line</p>\n", 120));
        var whole = top + string.Concat(Enumerable.Repeat("<p>more history</p>\n", 200)) + "</body></html>\n";

        var fromTop = new HtmlLocator(top, Mime.Markers.ReplyMarkerSet.Default, EditBudget.Unlimited, isPrefix: true).NewestPart;
        var fromWhole = new HtmlLocator(whole, Mime.Markers.ReplyMarkerSet.Default, EditBudget.Unlimited).NewestPart;

        Assert.Equal(fromWhole.End, fromTop.End);
        Assert.Equal(fromWhole.MarkerName, fromTop.MarkerName);
        Assert.NotNull(fromTop.MarkerName);
    }

    [Fact]
    public void NewestPart_OnATopThatEndsInsideTheLookAheadWindow_AsksForTheWholePart()
    {
        var top = "<html><body>\n<p>Thanks.</p>\n<div id=\"divRplyFwdMsg\" dir=\"ltr\"><b>From:</b> Alice</div>\n<p>short</p>\n";

        var locator = new HtmlLocator(top, Mime.Markers.ReplyMarkerSet.Default, EditBudget.Unlimited, isPrefix: true);

        Assert.Throws<PrefixTooShortException>(() => locator.NewestPart);
    }

    private static TextPart Part(string encoded, string charset, ContentEncoding encoding)
    {
        var part = new TextPart("plain");
        part.ContentType.Charset = charset;
        part.Content = new MimeContent(new MemoryStream(Encoding.ASCII.GetBytes(encoded)), encoding);
        part.ContentTransferEncoding = encoding;
        return part;
    }
}
