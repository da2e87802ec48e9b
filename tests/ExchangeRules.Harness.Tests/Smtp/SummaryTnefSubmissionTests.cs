using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using ExchangeRules.Harness.Organization;
using ExchangeRules.Harness.Tests.Support;
using ExchangeRules.Harness.Tests.Tnef;
using ExchangeRules.Harness.Tnef;
using ExchangeRules.Harness.Topology;
using ExchangeRules.Harness.Transport;
using MimeKit;
using MimeKit.Cryptography;
using MimeKit.Tnef;
using Xunit;

namespace ExchangeRules.Harness.Tests.Smtp;

/// <summary>
/// How mail from a mailbox client reaches transport and leaves it, over real SMTP with no agent: Summary TNEF from
/// Mailbox Transport Submission, kept for mailboxes of the organisation (on-premises and over the hybrid connector),
/// converted to MIME for the internet; an SMTP client's MIME untouched.
/// </summary>
public sealed class SummaryTnefSubmissionTests
{
    private const string _organization = "mailbox-clients.xml";
    private const string _external = "partner@external.example";

    static SummaryTnefSubmissionTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Fact]
    public void OrganizationFile_ClientAndBodyFormat_AreReadPerMailboxAndDefaultToSmtpAndHtml()
    {
        var organization = TestFiles.Organization(_organization);
        var plain = TestFiles.Organization("hybrid.xml");

        Assert.Equal((SubmissionClient.Mailbox, MailboxBodyFormat.Html), Client(organization, "alice@contoso.com"));
        Assert.Equal((SubmissionClient.Mailbox, MailboxBodyFormat.Rtf), Client(organization, "bob@contoso.com"));
        Assert.Equal((SubmissionClient.Smtp, MailboxBodyFormat.Html), Client(organization, "erin@fabrikam.com"));
        Assert.Equal((SubmissionClient.Smtp, MailboxBodyFormat.Html), Client(plain, "alice@contoso.com"));
    }

    [Fact]
    public void OrganizationFile_UnknownClient_IsRejectedWithItsLine()
    {
        const string file = "<organization xmlns=\"urn:exchangerules:organization:1\" name=\"x\">\n  <acceptedDomains><domain name=\"contoso.com\" /></acceptedDomains>\n  <recipients>\n    <mailbox address=\"a@contoso.com\" client=\"outlook\" />\n  </recipients>\n</organization>\n";

        var error = Assert.Throws<OrganizationFileException>(() => OrganizationFile.Load(new MemoryStream(Encoding.UTF8.GetBytes(file)), "org.xml", "."));

        Assert.Contains("client", error.Message, StringComparison.Ordinal);
        Assert.Contains("Line=4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSampleOrganization_HasItsOnPremisesUsersOnOutlook()
    {
        var sample = Samples.SampleData.Organization();

        Assert.All(sample.Recipients.Where(r => r.Kind == RecipientKind.OnPremisesMailbox && r.PrimaryAddress.EndsWith("@contoso.com", StringComparison.Ordinal)), r => Assert.Equal(SubmissionClient.Mailbox, r.Client));
    }

    [Fact]
    public async Task MailboxClient_InternalCopy_IsSummaryTnefWithTheHtmlBodyAndAttachments()
    {
        await using var harness = await SmtpHarness.StartAsync(_organization, new NoAgentTransport());
        var sent = HtmlWithAttachment("alice@contoso.com", "bob@contoso.com");

        var copy = Assert.Single(await harness.SendAsync(sent, "alice@contoso.com", new[] { "bob@contoso.com" }, "alice@contoso.com"));

        Assert.Equal(DeliveryTarget.OnPremisesMailbox, copy.Target);
        var delivered = Messages.Parse(File.ReadAllBytes(copy.File!));
        var tnef = Assert.IsType<TnefPart>(delivered.Body);
        Assert.Equal(ContentEncoding.Binary, tnef.ContentTransferEncoding);
        Assert.Equal("<" + sent.MessageId + ">", delivered.Headers[ContentConversion.TnefCorrelatorHeader]);
        Assert.Equal("Internal", delivered.Headers["X-MS-Exchange-Organization-AuthAs"]);
        var shape = TnefShape.Read(tnef);
        Assert.Equal("IPM.Note", shape.MessageClass);
        Assert.Equal(1, shape.Attachments);
        var readBack = tnef.ConvertToMessage();
        Assert.Equal(sent.HtmlBody, readBack.HtmlBody);
        Assert.Contains(copy.Path, p => p.Contains("; Mailbox Transport Submission: converted to Summary TNEF (HTML body", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MailboxClientInRichText_InternalCopy_CarriesCompressedRtf()
    {
        await using var harness = await SmtpHarness.StartAsync(_organization, new NoAgentTransport());

        var copy = Assert.Single(await harness.SendAsync(Messages.Create("bob@contoso.com", "alice@contoso.com"), "bob@contoso.com", new[] { "alice@contoso.com" }, "bob@contoso.com"));

        var shape = TnefShape.Read(Assert.IsType<TnefPart>(Messages.Parse(copy.Mime).Body));
        Assert.True(shape.Has(TnefPropertyId.RtfCompressed));
        Assert.False(shape.Has(MapiNames.Html.Id));
    }

    [Fact]
    public async Task SmtpClient_Copy_IsTheMimeAsSent()
    {
        await using var harness = await SmtpHarness.StartAsync(_organization, new NoAgentTransport());
        var sent = HtmlWithAttachment("erin@fabrikam.com", "bob@contoso.com");

        var copy = Assert.Single(await harness.SendAsync(sent, "erin@fabrikam.com", new[] { "bob@contoso.com" }, "erin@fabrikam.com"));

        var delivered = Messages.Parse(copy.Mime);
        Assert.IsAssignableFrom<Multipart>(delivered.Body);
        Assert.Equal(sent.HtmlBody, delivered.HtmlBody);
        Assert.DoesNotContain(copy.Path, p => p.Contains("Mailbox Transport Submission", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MailboxClient_CopiesByDestination_InternetGetsMimeMailboxesKeepTheTnef()
    {
        // The agent's marker stops the Exchange Online redirect rule from sending Carol's copy back.
        await using var harness = await SmtpHarness.StartAsync(_organization, new MarkerOnlyTransport());
        var sent = HtmlWithAttachment("alice@contoso.com", _external);

        var copies = await harness.SendAsync(sent, "alice@contoso.com", new[] { _external, "bob@contoso.com", "carol@contoso.com" }, "alice@contoso.com");

        var internet = Messages.Parse(copies.Single(c => c.Target == DeliveryTarget.Internet).Mime);
        Assert.IsNotType<TnefPart>(internet.Body);
        Assert.DoesNotContain(internet.BodyParts, p => p is TnefPart);
        Assert.Null(internet.Headers[ContentConversion.TnefCorrelatorHeader]);
        Assert.DoesNotContain(internet.Headers, h => h.Field.StartsWith("X-MS-Exchange-", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(sent.Subject, internet.Subject);
        Assert.Equal(sent.MessageId, internet.MessageId);
        Assert.Equal(Lf(sent.HtmlBody), Lf(internet.HtmlBody));
        var attachment = Assert.Single(internet.Attachments.OfType<MimePart>());
        Assert.Equal("Q4 budget.xlsx", attachment.FileName);
        Assert.Equal(Decoded((MimePart)sent.Attachments.Single()), Decoded(attachment));
        Assert.Contains(copies.Single(c => c.Target == DeliveryTarget.Internet).Path, p => p.StartsWith("content conversion (on-premises categorizer): Summary TNEF → MIME", StringComparison.Ordinal));

        Assert.IsType<TnefPart>(Messages.Parse(copies.Single(c => c.Target == DeliveryTarget.OnPremisesMailbox).Mime).Body);
        Assert.IsType<TnefPart>(Messages.Parse(copies.Single(c => c.Target == DeliveryTarget.ExchangeOnlineMailbox).Mime).Body);
    }

    [Theory]
    [MemberData(nameof(SummaryTnefFixtureTests.FixtureNames), MemberType = typeof(SummaryTnefFixtureTests))]
    public void ContentConversion_EveryFixture_BecomesMimeWithItsBodyAndAttachmentsUnderItsOwnHeaders(string name)
    {
        var tnef = File.ReadAllBytes(TestFiles.Path(SummaryTnefFixtures.Folder, name));
        var expected = Assert.IsType<TnefPart>(Messages.Parse(tnef).Body).ConvertToMessage();

        var converted = Messages.Parse(ContentConversion.ToMime(tnef, out var failure));

        Assert.Null(failure);
        Assert.False(ContentConversion.IsSummaryTnef(Messages.Bytes(converted)));
        Assert.Equal(Messages.Parse(tnef).Subject, converted.Subject);
        Assert.Equal(Messages.Parse(tnef).MessageId, converted.MessageId);
        Assert.Equal(Lf(expected.HtmlBody), Lf(converted.HtmlBody));
        Assert.Equal(Lf(expected.TextBody), Lf(converted.TextBody));
        Assert.Equal(expected.Attachments.Count(), converted.Attachments.Count());
    }

    [Fact]
    public void ContentConversion_TnefThatDoesNotDecode_IsLeftAsItIsWithTheReason()
    {
        var message = Messages.Parse(File.ReadAllBytes(TestFiles.Path(SummaryTnefFixtures.Folder, "html-reply.eml")));
        // The stream cut in the middle of its message properties (a write that failed half way).
        var part = (MimePart)message.Body!;
        part.Content = new MimeContent(new MemoryStream(Decoded(part).AsSpan(0, 100).ToArray()));
        var broken = Messages.Bytes(message);

        var result = ContentConversion.ToMime(broken, out var failure);

        Assert.Same(broken, result);
        Assert.NotNull(failure);
    }

    [Fact]
    public async Task MailboxClient_SignedMessage_IsSubmittedAsMimeAndThePathSaysWhy()
    {
        await using var harness = await SmtpHarness.StartAsync(_organization, new NoAgentTransport());
        var sent = Messages.Create("alice@contoso.com", "bob@contoso.com");
        var signature = new ApplicationPkcs7Signature(new MemoryStream(new byte[] { 0x30, 0x80 }));
        var signed = new MultipartSigned();
        signed.ContentType.Parameters["protocol"] = "application/pkcs7-signature";
        signed.Add(sent.Body!);
        signed.Add(signature);
        sent.Body = signed;

        var copy = Assert.Single(await harness.SendAsync(sent, "alice@contoso.com", new[] { "bob@contoso.com" }, "alice@contoso.com"));

        Assert.IsType<MultipartSigned>(Messages.Parse(copy.Mime).Body);
        Assert.Contains(copy.Path, p => p.EndsWith("; Mailbox Transport Submission: not converted to Summary TNEF (signed or encrypted content); submitted as MIME", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MailboxClient_MessageWithAnAttachedMessage_IsSubmittedAsMimeAndNothingIsLost()
    {
        await using var harness = await SmtpHarness.StartAsync(_organization, new NoAgentTransport());
        var sent = Messages.Create("alice@contoso.com", "bob@contoso.com");
        sent.Body = new Multipart("mixed") { sent.Body!, new MessagePart { Message = Messages.Create("bob@contoso.com", "alice@contoso.com", "Original") } };

        var copy = Assert.Single(await harness.SendAsync(sent, "alice@contoso.com", new[] { "bob@contoso.com" }, "alice@contoso.com"));

        var delivered = Messages.Parse(copy.Mime);
        Assert.Equal("Original", Assert.Single(delivered.BodyParts.OfType<MessagePart>()).Message!.Subject);
        Assert.Contains(copy.Path, p => p.Contains("an attached message", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnonymousInternetMail_WithAMailboxClientsFrom_IsNotConverted()
    {
        await using var harness = await SmtpHarness.StartAsync(_organization, new NoAgentTransport());

        var copy = Assert.Single(await harness.SendAsync(Messages.Create("alice@contoso.com", "bob@contoso.com"), "alice@contoso.com", new[] { "bob@contoso.com" }));

        Assert.IsType<TextPart>(Messages.Parse(copy.Mime).Body);
    }

    private static (SubmissionClient, MailboxBodyFormat) Client(OrganizationModel organization, string address)
    {
        var recipient = organization.Find(address)!;
        return (recipient.Client, recipient.BodyFormat);
    }

    private static MimeMessage HtmlWithAttachment(string from, string to)
    {
        var message = Messages.Create(from, to, "Budget");
        message.MessageId = Guid.NewGuid().ToString("N") + "@contoso.com";
        var builder = new BodyBuilder
        {
            TextBody = "Numbers attached.\r\n",
            HtmlBody = "<html><body><p class=\"MsoNormal\">Numbers attached.</p></body></html>\r\n",
        };
        builder.Attachments.Add("Q4 budget.xlsx", Enumerable.Range(0, 300).Select(i => (byte)i).ToArray());
        message.Body = builder.ToMessageBody();
        return message;
    }

    private static byte[] Decoded(MimePart part)
    {
        using var output = new MemoryStream();
        part.Content!.DecodeTo(output);
        return output.ToArray();
    }

    private static string? Lf(string? text) => text?.Replace("\r\n", "\n", StringComparison.Ordinal);
}
