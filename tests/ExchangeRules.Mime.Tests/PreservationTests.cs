using System;
using System.IO;
using System.Linq;
using System.Text;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Engine.Messages;
using MimeKit;
using Xunit;

namespace ExchangeRules.Mime.Tests;

public class PreservationTests
{
    [Fact]
    public void Apply_OutlookReply_KeepsConditionalCommentsVmlAndOfficeNamespacesByteForByte()
    {
        var run = Stamping.Run("outlook-word-reply.eml", Stamping.Signature());

        var before = MimeMessage.Load(new MemoryStream(run.Original)).HtmlBody!;
        var after = run.Html;
        var stamp = System.Text.RegularExpressions.Regex.Match(after, "\r?\n<div data-exr-rule=.*?</div>\r?\n", System.Text.RegularExpressions.RegexOptions.Singleline, TimeSpan.FromSeconds(1));
        Assert.True(stamp.Success);
        Assert.Equal(before, after.Remove(stamp.Index, stamp.Length));
        Assert.Contains("<!--[if gte mso 9]><xml>", after, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_OutlookReply_KeepsUntouchedPartsAndHeadersByteIdentical()
    {
        var run = Stamping.Run("outlook-word-reply.eml", Stamping.Signature());

        var original = Encoding.ASCII.GetString(run.Original);
        var output = Encoding.ASCII.GetString(run.Output);
        var headerEnd = original.IndexOf("Content-Type: multipart/related", StringComparison.Ordinal);
        Assert.StartsWith(original.Substring(0, headerEnd), output, StringComparison.Ordinal);
        var imagePart = original.Substring(original.IndexOf("Content-Type: image/png", StringComparison.Ordinal));
        Assert.EndsWith(imagePart, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_MixedMessage_AttachmentsAndAttachedMessageAreByteIdentical()
    {
        var run = Stamping.Run("mixed-with-embedded-message.eml", Stamping.Signature());

        var original = Encoding.ASCII.GetString(run.Original);
        var output = Encoding.ASCII.GetString(run.Output);
        var attachments = original.Substring(original.IndexOf("--_outer_\r\nContent-Type: message/rfc822", StringComparison.Ordinal));
        Assert.EndsWith(attachments, output, StringComparison.Ordinal);
        Assert.DoesNotContain("data-exr-rule", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_NothingChanges_NothingIsWritten()
    {
        var run = Stamping.Run("outlook-word-reply.eml", new SubjectAction("Tag", FailurePolicy.FailOpen, "Quartalszahlen", true));

        Assert.False(run.Result.Changed);
        Assert.Empty(run.Output);
    }

    [Fact]
    public void Apply_Latin1PartAndUnrepresentableText_ReencodesPartAsUtf8()
    {
        var action = Stamping.Signature(text: "Jan Schmidt – Контора – 東京", html: "<p>Jan Schmidt – Контора – 東京</p>");

        var run = Stamping.Run("plain-latin1.eml", action);

        var part = Assert.IsType<TextPart>(run.Parsed.Body);
        Assert.Equal("utf-8", part.ContentType.Charset);
        Assert.Equal(ContentEncoding.QuotedPrintable, part.ContentTransferEncoding);
        Assert.Contains("Café at 10?", part.Text, StringComparison.Ordinal);
        Assert.Contains("Контора", part.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_Latin1PartAndRepresentableText_KeepsDeclaredCharset()
    {
        var action = Stamping.Signature(text: "Jan Schmidt, Café Müller", html: "<p>Jan</p>");

        var run = Stamping.Run("plain-latin1.eml", action);

        var part = Assert.IsType<TextPart>(run.Parsed.Body);
        Assert.Equal("iso-8859-1", part.ContentType.Charset);
        Assert.Contains("Café Müller", part.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_SevenBitPartWithNonAsciiSignature_ChoosesSafeTransferEncoding()
    {
        var action = Stamping.Signature(text: "Grüße, Jan", html: "<p>Grüße</p>");

        var run = Stamping.Run("plain-new-message.eml", action);

        Assert.All(Encoding.ASCII.GetString(run.Output).Split("\r\n"), line => Assert.True(line.Length <= 998));
        Assert.True(run.Output.All(b => b < 128), "the output must be 7-bit clean");
        Assert.Contains("\r\n", Encoding.ASCII.GetString(run.Output), StringComparison.Ordinal);
        Assert.DoesNotContain("\n\n", Encoding.ASCII.GetString(run.Output).Replace("\r\n", "\r", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_MultipartsWithPreambleAndEpilogue_KeepsThemByteForByte()
    {
        // The writer copies a parsed multipart's preamble and epilogue from the source (no edit sets them), also when the
        // stamp reframes the multipart around a new image; 8-bit bytes in them must not pass through a charset.
        var original = Encoding.Latin1.GetBytes(
            "From: Ann <ann@contoso.example>\r\nTo: bob@fabrikam.example\r\nSubject: Figures\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/related; boundary=\"rel\"\r\n\r\n"
            + "Pr\u00e4ambel: this is a multi-part message.\r\n--rel\r\n"
            + "Content-Type: multipart/alternative; boundary=\"alt\"\r\n\r\nInner preamble\r\n--alt\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n\r\nThe figures are attached.\r\n--alt\r\n"
            + "Content-Type: text/html; charset=us-ascii\r\n\r\n<html><body><p>The figures are attached.</p></body></html>\r\n--alt--\r\n"
            + "Inner epilogue \u00e9\r\n--rel--\r\nOuter epilogue \u00fc\r\n");
        var logo = new InlineImage("logo.contoso@exchangerules", "logo.png", "image/png", new byte[] { 0x89, 0x50, 0x4E, 0x47, 1, 2, 3 });

        var run = Stamping.Run(original, new MimeMessageEditor(), SubmissionOrigin.Authenticated, Stamping.Signature(images: new[] { logo }));

        Assert.True(run.Result.Changed);
        var output = Encoding.Latin1.GetString(run.Output);
        Assert.Contains("\r\n\r\nPr\u00e4ambel: this is a multi-part message.\r\n--rel\r\n", output, StringComparison.Ordinal);
        Assert.Contains("\r\n\r\nInner preamble\r\n--alt\r\n", output, StringComparison.Ordinal);
        Assert.Contains("--alt--\r\nInner epilogue \u00e9\r\n--rel", output, StringComparison.Ordinal);
        Assert.EndsWith("--rel--\r\nOuter epilogue \u00fc\r\n", output, StringComparison.Ordinal);
        Assert.Contains("Content-Id: <logo.contoso@exchangerules>", output, StringComparison.OrdinalIgnoreCase);
    }
}
