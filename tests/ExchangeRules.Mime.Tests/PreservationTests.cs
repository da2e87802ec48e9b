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
}
