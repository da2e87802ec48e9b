using System.IO;
using System.Linq;
using ExchangeRules.Engine.Messages;
using Xunit;

namespace ExchangeRules.Mime.Tests;

public class MimeMessageContentTests
{
    private static readonly string[] _to = { "anna.mueller@fabrikam.example" };
    private static readonly string[] _attachmentNames = { "original.eml", "tool.exe", "report.pdf" };

    private static IMessageContent Open(string fixture, SubmissionOrigin origin = SubmissionOrigin.Authenticated) =>
        new MimeMessageEditor().Read(new MemoryStream(File.ReadAllBytes(Stamping.FixturePath(fixture))), origin);

    [Fact]
    public void Read_OutlookReply_ExposesHeadersAddressesAndReplyTrait()
    {
        var content = Open("outlook-word-reply.eml");

        Assert.Equal("AW: Quartalszahlen", content.Subject);
        Assert.Equal(_to, content.GetHeaderAddresses("to"));
        Assert.Equal("de-DE", Assert.Single(content.GetHeaderValues("content-language")));
        Assert.True(content.Traits.HasFlag(MessageTraits.Reply));
        Assert.False(content.Traits.HasFlag(MessageTraits.Forward));
    }

    [Fact]
    public void GetAttachments_MixedMessage_ListsAttachmentsAndAttachedMessageButNotBody()
    {
        var attachments = Open("mixed-with-embedded-message.eml").GetAttachments();

        Assert.Equal(_attachmentNames, attachments.Select(a => a.FileName));
        Assert.Equal("message/rfc822", attachments[0].MediaType);
        Assert.All(attachments, a => Assert.False(a.IsInline));
    }

    [Fact]
    public void GetAttachments_OutlookSignatureImage_IsInline()
    {
        var image = Assert.Single(Open("outlook-word-reply.eml").GetAttachments());

        Assert.Equal("image001.png", image.FileName);
        Assert.True(image.IsInline);
    }

    [Fact]
    public void GetBodyText_HtmlOnlyMessage_ReducesHtmlToText()
    {
        var text = Open("html-new-message.eml").GetBodyText();

        Assert.Contains("Hello team,", text, System.StringComparison.Ordinal);
        Assert.DoesNotContain("<p>", text, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("outlook-word-forward.eml", MessageTraits.Forward)]
    [InlineData("auto-reply.eml", MessageTraits.AutoReply)]
    [InlineData("meeting-request.eml", MessageTraits.MeetingRequest)]
    [InlineData("delivery-report.eml", MessageTraits.DeliveryReport)]
    [InlineData("smime-signed.eml", MessageTraits.Signed)]
    [InlineData("smime-encrypted.eml", MessageTraits.Encrypted)]
    [InlineData("inline-pgp-signed.eml", MessageTraits.Signed)]
    [InlineData("tnef-message.eml", MessageTraits.Tnef)]
    public void Traits_SpecialMessages_AreRecognised(string fixture, MessageTraits expected)
    {
        Assert.True(Open(fixture).Traits.HasFlag(expected));
    }

    [Fact]
    public void Traits_NewMessage_HasNone()
    {
        Assert.Equal(MessageTraits.None, Open("html-new-message.eml").Traits);
    }

    [Fact]
    public void Read_MalformedMessage_DoesNotThrowAndStillAnswers()
    {
        var content = Open("malformed-boundary.eml");

        Assert.Equal("Broken", content.Subject);
        Assert.Contains("Some text", content.GetBodyText(), System.StringComparison.Ordinal);
    }
}
