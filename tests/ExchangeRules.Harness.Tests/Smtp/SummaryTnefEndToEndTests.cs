using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ExchangeRules.Harness.Tests.Support;
using ExchangeRules.Harness.Tests.Tnef;
using ExchangeRules.Harness.Tnef;
using ExchangeRules.Harness.Topology;
using ExchangeRules.Harness.Transport;
using MimeKit;
using MimeKit.Tnef;
using Xunit;

namespace ExchangeRules.Harness.Tests.Smtp;

/// <summary>
/// Outlook mail through the harness with the product's real rules, templates, processor and editor (issue #18): the
/// message an Outlook user sends over SMTP reaches the agent as Summary TNEF; the stamp goes into the TNEF body; every
/// other MAPI property and attachment stays as it was (compared property by property with MimeKit's TNEF reader
/// against the same message through transport without the agent); copies for the internet are converted to MIME after
/// the stamp.
/// </summary>
public sealed class SummaryTnefEndToEndTests
{
    private const string _organization = "mailbox-clients.xml";
    private const string _rules = "tnef-signature-and-disclaimer.xml";
    private const string _external = "partner@external.example";
    private const string _signature = "Contoso signature";
    private const string _disclaimer = "Contoso disclaimer: confidential.";

    // The properties a body stamp may change ([MS-OXPROPS]): PR_BODY, PR_HTML, PR_RTF_COMPRESSED, PR_RTF_IN_SYNC.
    private static readonly HashSet<string> _bodyProperties = new(StringComparer.Ordinal)
    {
        "0x1000:Unicode", "0x1000:String8", "0x1013:Binary", "0x1009:Binary", "0x0E1F:Boolean",
    };

    static SummaryTnefEndToEndTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Fact]
    public async Task OutlookHtmlReply_InternalCopy_GetsTheSignatureUnderTheNewestReplyInsideTheTnef()
    {
        var sent = HtmlReply("alice@contoso.com", "bob@contoso.com");

        var stamped = await SendAsync(RealProcessing.Transport(_rules), sent, "alice@contoso.com", "bob@contoso.com");
        var baseline = await SendAsync(new NoAgentTransport(), sent, "alice@contoso.com", "bob@contoso.com");

        var copy = Assert.Single(stamped);
        Assert.Equal(DeliveryTarget.OnPremisesMailbox, copy.Target);
        var part = Assert.IsType<TnefPart>(Messages.Parse(copy.Mime).Body);
        Assert.Equal(ContentEncoding.Binary, part.ContentTransferEncoding);
        var html = part.ConvertToMessage().HtmlBody!;
        var newest = html.IndexOf("Thanks Megan, the numbers look right.", StringComparison.Ordinal);
        var signature = html.IndexOf(_signature, StringComparison.Ordinal);
        var replyBlock = html.IndexOf("border-top:solid #E1E1E1", StringComparison.Ordinal);
        Assert.True(newest < signature && signature < replyBlock, $"newest {newest}, signature {signature}, reply block {replyBlock}");
        Assert.Equal(1, Count(html, _signature));
        AssertOnlyTheBodyChanged(Tnef(Assert.Single(baseline).Mime), TnefShape.Read(part));
        Assert.Contains(copy.Passes.Single().Events, e => e.Contains("changed by rule(s) Signature", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OutlookRichTextMessage_InternalCopy_GetsTheSignatureAtTheEndOfTheRtf()
    {
        var sent = Messages.Create("bob@contoso.com", "alice@contoso.com", "Contract draft");

        var copy = Assert.Single(await SendAsync(RealProcessing.Transport(_rules), sent, "bob@contoso.com", "alice@contoso.com"));
        var baseline = Assert.Single(await SendAsync(new NoAgentTransport(), sent, "bob@contoso.com", "alice@contoso.com"));

        var part = Assert.IsType<TnefPart>(Messages.Parse(copy.Mime).Body);
        var rtf = Rtf(part);
        Assert.Equal(1, Count(rtf, _signature));
        Assert.True(rtf.IndexOf(_signature, StringComparison.Ordinal) > rtf.IndexOf("the numbers are attached", StringComparison.Ordinal), rtf);
        AssertOnlyTheBodyChanged(Tnef(baseline.Mime), TnefShape.Read(part));
    }

    [Fact]
    public async Task OutlookMeetingRequest_DefaultPolicy_PassesByteIdenticalWithTheReason()
    {
        var sent = Messages.Create("alice@contoso.com", "bob@contoso.com", "Quarterly planning");
        sent.Body = SummaryTnefFixtures.Calendar("Let's plan Q1 in the big room.\r\n", "REQUEST", "NEEDS-ACTION");

        var copy = Assert.Single(await SendAsync(RealProcessing.Transport(_rules), sent, "alice@contoso.com", "bob@contoso.com"));
        var baseline = Assert.Single(await SendAsync(new NoAgentTransport(), sent, "alice@contoso.com", "bob@contoso.com"));

        var part = Assert.IsType<TnefPart>(Messages.Parse(copy.Mime).Body);
        Assert.Equal("IPM.Schedule.Meeting.Request", TnefShape.Read(part).MessageClass);
        Assert.Equal(Decoded(Assert.IsType<TnefPart>(Messages.Parse(baseline.Mime).Body)), Decoded(part));
        Assert.Contains(copy.Passes.Single().Events, e => e.Contains("unchanged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OutlookHtmlReply_CrossingOnPremisesAgain_IsNotStampedTwice()
    {
        var topology = new HybridTopology(TestFiles.Organization(_organization), RealProcessing.Transport(_rules));
        var first = Assert.Single(await SendAsync(RealProcessing.Transport(_rules), HtmlReply("alice@contoso.com", "bob@contoso.com"), "alice@contoso.com", "bob@contoso.com"));

        var again = Assert.Single(topology.Submit(new Submission(EntryPoint.OnPremisesMailbox, "alice@contoso.com", new[] { "bob@contoso.com" }, first.Mime), CancellationToken.None));

        var html = Assert.IsType<TnefPart>(Messages.Parse(again.Mime).Body).ConvertToMessage().HtmlBody!;
        Assert.Equal(1, Count(html, _signature));
        Assert.Contains(again.Passes.Single().Events, e => e.Contains("not processed again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OutlookHtmlReply_ToAnExternalAndAnInternalRecipient_TheInternetCopyIsMimeWithTheDisclaimerOnce()
    {
        var sent = HtmlReply("alice@contoso.com", _external);

        var copies = await SendAsync(RealProcessing.Transport(_rules), sent, "alice@contoso.com", _external, "bob@contoso.com");

        var internet = Messages.Parse(copies.Single(c => c.Target == DeliveryTarget.Internet).Mime);
        Assert.DoesNotContain(internet.BodyParts, p => p is TnefPart);
        Assert.Equal(1, Count(internet.HtmlBody!, _disclaimer));
        Assert.Equal(1, Count(internet.HtmlBody!, _signature));
        Assert.Equal("Q4 budget.xlsx", Assert.Single(internet.Attachments.OfType<MimePart>()).FileName);
        Assert.DoesNotContain(internet.Headers, h => h.Field.StartsWith("X-ExchangeRules-", StringComparison.OrdinalIgnoreCase));

        var bob = Assert.IsType<TnefPart>(Messages.Parse(copies.Single(c => c.Target == DeliveryTarget.OnPremisesMailbox).Mime).Body).ConvertToMessage().HtmlBody!;
        Assert.Equal(1, Count(bob, _signature));
        Assert.Equal(0, Count(bob, _disclaimer));
    }

    [Theory]
    [InlineData("voting-buttons.eml")]
    [InlineData("categories-flag.eml")]
    [InlineData("html-attachments.eml")]
    [InlineData("html-inline-image.eml")]
    [InlineData("cyrillic-1251.eml")]
    public void ExchangeShapeFixture_SubmittedAsTnef_IsStampedAndEveryOtherPropertyIsUnchanged(string name)
    {
        var tnef = File.ReadAllBytes(TestFiles.Path(SummaryTnefFixtures.Folder, name));
        var topology = new HybridTopology(TestFiles.Organization(_organization), RealProcessing.Transport(_rules));

        var copy = Assert.Single(topology.Submit(new Submission(EntryPoint.OnPremisesMailbox, "alice@contoso.com", new[] { "bob@contoso.com" }, tnef), CancellationToken.None));

        var part = Assert.IsType<TnefPart>(Messages.Parse(copy.Mime).Body);
        var shape = TnefShape.Read(part);
        Assert.Equal(1, Count(part.ConvertToMessage().HtmlBody!, _signature));
        AssertOnlyTheBodyChanged(Tnef(tnef), shape);
    }

    private static async Task<IReadOnlyList<DeliveredCopy>> SendAsync(IOnPremisesTransport transport, MimeMessage message, string sender, params string[] recipients)
    {
        await using var harness = await SmtpHarness.StartAsync(_organization, transport);
        return await harness.SendAsync(message, sender, recipients, sender);
    }

    /// <summary>Every property of the message and of each attachment is the same, except the body properties.</summary>
    private static void AssertOnlyTheBodyChanged(TnefShape before, TnefShape after)
    {
        Assert.Equal(TnefComplianceStatus.Compliant, after.Compliance);
        Assert.Equal(before.MessageClass, after.MessageClass);
        Assert.Equal(before.OemCodePage, after.OemCodePage);
        Assert.Equal(Kept(before.MessageProperties), Kept(after.MessageProperties));
        Assert.Equal(before.Attachments, after.Attachments);
        for (var i = 0; i < before.Attachments; i++)
        {
            Assert.Equal(before.AttachmentProperties[i].Select(p => p.Key + "=" + p.Text), after.AttachmentProperties[i].Select(p => p.Key + "=" + p.Text));
        }

        Assert.Contains(before.MessageProperties.Concat(after.MessageProperties), p => _bodyProperties.Contains(p.Key));
    }

    private static List<string> Kept(IEnumerable<TnefValue> properties) =>
        properties.Where(p => !_bodyProperties.Contains(p.Key)).Select(p => p.Key + "=" + p.Text).OrderBy(t => t, StringComparer.Ordinal).ToList();

    private static TnefShape Tnef(byte[] mime) => TnefShape.Read(Assert.IsType<TnefPart>(Messages.Parse(mime).Body));

    private static MimeMessage HtmlReply(string from, string to)
    {
        var message = Messages.Create(from, to, "RE: Budget review");
        message.MessageId = Guid.NewGuid().ToString("N") + "@contoso.com";
        var builder = new BodyBuilder
        {
            TextBody = "Thanks Megan, the numbers look right.\r\n\r\nFrom: Megan Bowen <megan@contoso.com>\r\nSent: Monday, December 7, 2026 8:59 AM\r\n\r\nCan you check the Q4 figures before Friday?\r\n",
            HtmlBody = SummaryTnefFixtures.OutlookReplyHtml("Thanks Megan, the numbers look right. <img src=\"cid:image001.png@01DB4812.ABCDEF00\">", 0),
        };
        var image = builder.LinkedResources.Add("image001.png", Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="));
        image.ContentId = "image001.png@01DB4812.ABCDEF00";
        builder.Attachments.Add("Q4 budget.xlsx", Enumerable.Range(0, 300).Select(i => (byte)i).ToArray());
        message.Body = builder.ToMessageBody();
        return message;
    }

    private static string Rtf(TnefPart part) =>
        Encoding.ASCII.GetString(Decoded(part.ConvertToMessage().BodyParts.OfType<MimePart>().Single(p => p.ContentType.IsMimeType("text", "rtf"))));

    private static byte[] Decoded(MimePart part)
    {
        using var output = new MemoryStream();
        part.Content!.DecodeTo(output);
        return output.ToArray();
    }

    private static int Count(string text, string value) => text.Split(value).Length - 1;
}
