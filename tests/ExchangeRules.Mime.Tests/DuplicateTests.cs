using System;
using System.Linq;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Engine.Messages;
using Xunit;

namespace ExchangeRules.Mime.Tests;

public class DuplicateTests
{
    [Fact]
    public void Apply_NewestPartAlreadyCarriesOurStamp_SkipsAndDoesNotRewrite()
    {
        var run = Stamping.Run("html-already-stamped.eml", Stamping.Signature(skipIfPresent: false));

        Assert.False(run.Result.Changed);
        Assert.Empty(run.Output);
        Assert.Equal(ActionStatus.Skipped, run.Outcome().Status);
        Assert.Contains("stamp is already in the newest part", run.Outcome().Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_ReplyToStampedMessage_StampsTheNewReplyOnce()
    {
        var run = Stamping.Run("html-reply-to-stamped.eml", Stamping.Signature());

        Assert.True(run.Result.Changed, run.Details);
        var html = run.Html;
        var stamp = html.IndexOf("data-exr-rule", StringComparison.Ordinal);
        Assert.True(stamp < html.IndexOf("gmail_quote", StringComparison.Ordinal));
    }

    [Fact]
    public void Apply_ClientInsertedSignatureInNewestPart_SkipsWhenSkipIfPresent()
    {
        var action = Stamping.Signature(html: "<p>Jan Schmidt<br>Contoso Ltd.<br>+49 89 1234</p>", text: "Jan Schmidt\nContoso Ltd.\n+49 89 1234");

        var run = Stamping.Run("html-client-signature.eml", action);

        Assert.False(run.Result.Changed);
        Assert.Contains("already present", run.Outcome().Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_SecondCrossingOfOnPremisesTransport_DoesNotStampAgain()
    {
        var first = Stamping.Run("plain-new-message.eml", Stamping.Signature(skipIfPresent: false), Stamping.Banner());
        Assert.Contains("X-ExchangeRules-Stamped: Corporate signature, External banner", System.Text.Encoding.ASCII.GetString(first.Output), StringComparison.Ordinal);

        var second = Stamping.Run(first.Output, new MimeMessageEditor(), SubmissionOrigin.HybridConnector, Stamping.Signature(skipIfPresent: false), Stamping.Banner());

        Assert.False(second.Result.Changed, second.Details);
        Assert.All(second.Result.Outcomes, o => Assert.Contains("earlier hop", o.Detail, StringComparison.Ordinal));
    }

    [Fact]
    public void Apply_SpoofedStampHeaderFromInternet_IsIgnoredAndReplaced()
    {
        var original = System.IO.File.ReadAllBytes(Stamping.FixturePath("html-new-message.eml"));
        var spoofed = System.Text.Encoding.UTF8.GetBytes("X-ExchangeRules-Stamped: External banner\r\n").Concat(original).ToArray();

        var run = Stamping.Run(spoofed, new MimeMessageEditor(), SubmissionOrigin.Anonymous, Stamping.Banner());

        Assert.Equal(ActionStatus.Applied, run.Outcome().Status);
        Assert.Single(run.Parsed.Headers, h => h.Field == StampHeader.Name);
    }

    [Fact]
    public void Apply_PlainTextAlreadyStamped_RecognisesTheRenderedBlock()
    {
        var first = Stamping.Run("plain-reply-en.eml", Stamping.Signature(skipIfPresent: false));

        // The stamped message crosses transport again from inside (a stamp in the body of mail from outside proves nothing).
        var second = Stamping.Run(first.Output, new MimeMessageEditor(), SubmissionOrigin.Authenticated, Stamping.Signature(skipIfPresent: false));

        Assert.False(second.Result.Changed, second.Details);
    }

    [Fact]
    public void Apply_InlineImage_BuildsRelatedPartWithStableContentId()
    {
        var logo = new InlineImage("logo.contoso@exchangerules", "logo.png", "image/png", new byte[] { 0x89, 0x50, 0x4E, 0x47, 1, 2, 3 });
        var action = Stamping.Signature(images: new[] { logo }, html: "<p>Jan</p><img src=\"cid:logo.contoso@exchangerules\" alt=\"Contoso\">");

        var run = Stamping.Run("html-new-message.eml", action);

        var message = run.Parsed;
        var related = Assert.IsType<MimeKit.MultipartRelated>(message.Body);
        var image = Assert.IsType<MimeKit.MimePart>(related[1]);
        Assert.Equal("logo.contoso@exchangerules", image.ContentId);
        Assert.Contains("cid:logo.contoso@exchangerules", message.HtmlBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    public void Apply_InlineImage_IsWrittenAsMimeKitEncodesItWithTheMessagesLineBreaks(string newLine)
    {
        // Several lines of base64, so that the line breaks inside the encoded image count.
        var bytes = Enumerable.Range(0, 1000).Select(i => (byte)(i * 7)).ToArray();
        var logo = new InlineImage("logo.contoso@exchangerules", "logo.png", "image/png", bytes);
        var action = Stamping.Signature(images: new[] { logo }, html: "<p>Jan</p><img src=\"cid:logo.contoso@exchangerules\" alt=\"Contoso\">");
        var original = System.IO.File.ReadAllText(Stamping.FixturePath("html-new-message.eml")).Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", newLine, StringComparison.Ordinal);

        var run = Stamping.Run(System.Text.Encoding.UTF8.GetBytes(original), new MimeMessageEditor(), SubmissionOrigin.Authenticated, action);

        Assert.True(run.Result.Changed, run.Details);
        var image = Assert.IsType<MimeKit.MimePart>(Assert.IsType<MimeKit.MultipartRelated>(run.Parsed.Body)[1]);
        using (var decoded = new System.IO.MemoryStream())
        {
            image.Content!.DecodeTo(decoded);
            Assert.Equal(bytes, decoded.ToArray());
        }

        var reference = new MimeKit.MimePart("image", "png") { Content = new MimeKit.MimeContent(new System.IO.MemoryStream(bytes)), ContentTransferEncoding = MimeKit.ContentEncoding.Base64 };
        var format = MimeKit.FormatOptions.Default.Clone();
        format.NewLineFormat = newLine == "\n" ? MimeKit.NewLineFormat.Unix : MimeKit.NewLineFormat.Dos;
        using var expected = new System.IO.MemoryStream();
        reference.WriteTo(format, expected, contentOnly: true);
        var output = System.Text.Encoding.ASCII.GetString(run.Output);
        Assert.Contains(System.Text.Encoding.ASCII.GetString(expected.ToArray()), output, StringComparison.Ordinal);
        Assert.True(newLine == "\n" ? !output.Contains('\r', StringComparison.Ordinal) : ExchangeRules.Mime.Writing.LineBreakScan.HasOnlyCrLf(run.Output), "the edited message mixes line breaks");
    }

    [Fact]
    public void Apply_InlineImageIntoOutlookRelatedAlternative_JoinsTheImagesAlreadyThere()
    {
        var logo = new InlineImage("logo.contoso@exchangerules", "logo.png", "image/png", new byte[] { 0x89, 0x50, 0x4E, 0x47, 1, 2, 3 });
        var action = Stamping.Signature(images: new[] { logo }, html: "<p>Jan</p><img src=\"cid:logo.contoso@exchangerules\" alt=\"Contoso\">");

        var run = Stamping.Run("outlook-word-reply.eml", action);

        Assert.True(run.Result.Changed, run.Details);
        var related = Assert.IsType<MimeKit.MultipartRelated>(run.Parsed.Body);
        Assert.Equal(3, related.Count);
        var alternative = Assert.IsType<MimeKit.MultipartAlternative>(related[0]);
        Assert.Equal(new[] { "text/plain", "text/html" }, alternative.Select(p => p.ContentType.MimeType));
        Assert.Equal("image001.png@01DA1234.ABCDEF00", related[1].ContentId);
        Assert.Equal("logo.contoso@exchangerules", related[2].ContentId);
        Assert.Contains("cid:logo.contoso@exchangerules", run.Parsed.HtmlBody, StringComparison.Ordinal);

        // The image already there is copied from the original, byte for byte.
        var original = System.Text.Encoding.ASCII.GetString(run.Original);
        var output = System.Text.Encoding.ASCII.GetString(run.Output);
        var imageStart = original.IndexOf("Content-Type: image/png; name=\"image001.png\"", StringComparison.Ordinal);
        var imageEnd = original.IndexOf("\r\n--_004_", imageStart, StringComparison.Ordinal);
        Assert.Contains(original[imageStart..imageEnd], output, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_InlineImageAlreadyCarried_IsNotAddedAgain()
    {
        var logo = new InlineImage("image001.png@01DA1234.ABCDEF00", "image001.png", "image/png", new byte[] { 1, 2, 3 });
        var action = Stamping.Signature(images: new[] { logo }, placement: Placement.Bottom);

        var run = Stamping.Run("outlook-word-reply.eml", action);

        Assert.True(run.Result.Changed, run.Details);
        Assert.Single(run.Parsed.BodyParts, p => p.ContentId == "image001.png@01DA1234.ABCDEF00");
    }
}
