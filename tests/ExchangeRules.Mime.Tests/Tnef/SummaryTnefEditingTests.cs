using System;
using System.IO;
using System.Linq;
using System.Text;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Harness.Tnef;
using ExchangeRules.Mime.Policies;
using ExchangeRules.Mime.Tnef;
using MimeKit;
using MimeKit.Tnef;
using Xunit;

namespace ExchangeRules.Mime.Tests.Tnef;

/// <summary>
/// Stamping Summary TNEF messages (Outlook and OWA mail as Exchange hands it to agents): the body inside winmail.dat
/// gets the block where the MIME path would put it, and every other attribute and MAPI property reads back the same
/// through MimeKit's independent TNEF reader.
/// </summary>
public class SummaryTnefEditingTests
{
    [Fact]
    public void Apply_OutlookHtmlReply_PutsTheSignatureUnderTheNewestReplyAboveTheFromBlock()
    {
        var original = SummaryTnefMessages.FromFixture("outlook-word-reply.eml", MailboxBodyFormat.Html);

        var run = Stamping.Run(original, new MimeMessageEditor(), SubmissionOrigin.Authenticated, Stamping.Signature());

        Assert.True(run.Result.Changed, run.Details);
        var outcome = run.Outcome();
        Assert.Equal(ActionStatus.Applied, outcome.Status);
        Assert.StartsWith("Summary TNEF (winmail.dat): inserted signature under the newest reply into the TNEF HTML body (PR_HTML) and the TNEF plain body (PR_BODY)", outcome.Detail, StringComparison.Ordinal);
        Assert.Contains(outcome.Placements, p => p.Part == "text/html" && p.Position == PlacementPosition.AboveMarker);
        var body = SummaryTnefMessages.BodyOf(run.Output);
        var html = body.Html!;
        var signature = html.IndexOf("<b>Jan Schmidt</b> | Contoso Ltd.", StringComparison.Ordinal);
        Assert.True(signature > html.IndexOf("Jan<o:p>", StringComparison.Ordinal), "the signature is under the newest text");
        Assert.True(signature < html.IndexOf("<b>Von:</b>", StringComparison.Ordinal), "the signature is above the From: block");
        var plain = body.Plain!;
        Assert.True(plain.IndexOf(Stamping.SignatureText, StringComparison.Ordinal) < plain.IndexOf("Von: Anna", StringComparison.Ordinal));
        AssertOnlyBodyChanged(original, run.Output);
    }

    [Fact]
    public void Apply_SummaryTnef_KeepsTheMimeShapeAndTheBinaryTransferEncoding()
    {
        var original = SummaryTnefMessages.FromFixture("outlook-word-reply.eml", MailboxBodyFormat.Html);

        var run = Stamping.Run(original, new MimeMessageEditor(), SubmissionOrigin.Authenticated, Stamping.Signature());

        var before = MimeMessage.Load(new MemoryStream(original));
        var after = run.Parsed;
        var part = Assert.IsAssignableFrom<MimePart>(after.Body);
        Assert.True(part.ContentType.IsMimeType("application", "ms-tnef"));
        Assert.Equal("winmail.dat", part.ContentType.Name);
        Assert.Equal(ContentEncoding.Binary, part.ContentTransferEncoding);
        Assert.Equal(before.Subject, after.Subject);
        Assert.Equal(before.Headers["X-MS-TNEF-Correlator"], after.Headers["X-MS-TNEF-Correlator"]);
        Assert.Contains(Stamping.SignatureRule, after.Headers[StampHeader.Name], StringComparison.Ordinal);
        var converted = ((TnefPart)after.Body!).ConvertToMessage();
        Assert.Contains("<b>Jan Schmidt</b>", converted.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_PlainBody_InsertsUnderTheNewestReply()
    {
        var original = SummaryTnefMessages.FromFixture("plain-reply-en.eml", MailboxBodyFormat.Plain);

        var run = Stamping.Run(original, new MimeMessageEditor(), SubmissionOrigin.Authenticated, Stamping.Signature());

        Assert.Equal(ActionStatus.Applied, run.Outcome().Status);
        Assert.Contains("the TNEF plain body (PR_BODY)", run.Outcome().Detail, StringComparison.Ordinal);
        var plain = SummaryTnefMessages.BodyOf(run.Output).Plain!;
        var quoted = MimeMessage.Load(Stamping.FixturePath("plain-reply-en.eml")).TextBody!;
        Assert.Contains(Stamping.SignatureText, plain, StringComparison.Ordinal);
        Assert.Equal(Stamping.Run("plain-reply-en.eml", Stamping.Signature()).Text.Replace("\r\n", "\n"), plain.Replace("\r\n", "\n"));
        Assert.NotEqual(quoted, plain);
        AssertOnlyBodyChanged(original, run.Output);
    }

    [Fact]
    public void Apply_RtfBody_PutsTheSignatureAtTheEndAndReportsTheFallback()
    {
        var original = SummaryTnefMessages.FromFixture("plain-reply-en.eml", MailboxBodyFormat.Rtf);

        var run = Stamping.Run(original, new MimeMessageEditor(), SubmissionOrigin.Authenticated, Stamping.Signature());

        var outcome = run.Outcome();
        Assert.Equal(ActionStatus.Applied, outcome.Status);
        Assert.Contains("into the TNEF RTF body (PR_RTF_COMPRESSED) and the TNEF plain body (PR_BODY)", outcome.Detail, StringComparison.Ordinal);
        Assert.Contains("(fallback)", outcome.Detail, StringComparison.Ordinal);
        var placement = Assert.Single(outcome.Placements);
        Assert.Equal(("text/rtf", PlacementPosition.EndNoMarker), (placement.Part, placement.Position));
        var body = SummaryTnefMessages.BodyOf(run.Output);
        var rtf = Encoding.ASCII.GetString(body.Rtf!).TrimEnd('\0', '\r', '\n');
        Assert.EndsWith("\\pard\\plain " + RtfStamp.Paragraphs(Stamping.SignatureText) + "}", rtf, StringComparison.Ordinal);
        Assert.EndsWith(Stamping.SignatureText, body.Plain!.TrimEnd('\r', '\n'), StringComparison.Ordinal);
        AssertOnlyBodyChanged(original, run.Output);
        var converted = ((TnefPart)run.Parsed.Body!).ConvertToMessage();
        Assert.Contains(Stamping.SignatureText, ((TextPart)converted.BodyParts.First(p => p.ContentType.IsMimeType("text", "rtf"))).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_RtfBodyWithRtfPolicyLeave_PassesByteIdenticalWithTheReason()
    {
        var original = SummaryTnefMessages.FromFixture("plain-reply-en.eml", MailboxBodyFormat.Rtf);
        var options = new MessageEditorOptions { DefaultPolicy = new EditingPolicy { StampRtfBodies = false } };

        var run = Stamping.Run(original, new MimeMessageEditor(options), SubmissionOrigin.Authenticated, Stamping.Signature());

        Assert.False(run.Result.Changed);
        Assert.Empty(run.Output);
        Assert.Equal("skipped: Outlook TNEF rich-text (RTF) body left unchanged (policy StampRtfBodies=false)", Assert.Single(run.Result.Outcomes).Detail);
    }

    [Fact]
    public void Apply_TopBannerAndBottomDisclaimer_GoIntoTheRtfAtItsTopAndBottom()
    {
        var original = SummaryTnefMessages.FromFixture("plain-new-message.eml", MailboxBodyFormat.Rtf);

        var run = Stamping.Run(original, new MimeMessageEditor(), SubmissionOrigin.Authenticated, Stamping.Banner(), Stamping.Disclaimer());

        Assert.All(run.Result.Outcomes, o => Assert.Equal(ActionStatus.Applied, o.Status));
        var rtf = Encoding.ASCII.GetString(SummaryTnefMessages.BodyOf(run.Output).Rtf!);
        var banner = rtf.IndexOf("CAUTION: external sender.", StringComparison.Ordinal);
        var disclaimer = rtf.IndexOf("This e-mail is confidential.", StringComparison.Ordinal);
        Assert.True(banner > rtf.IndexOf("{\\fonttbl", StringComparison.Ordinal) && banner < disclaimer, rtf);
        AssertOnlyBodyChanged(original, run.Output);
    }

    [Fact]
    public void Apply_MeetingRequestByDefault_PassesByteIdenticalWithTheReason()
    {
        var original = SummaryTnefMessages.FromFixture("meeting-request.eml", MailboxBodyFormat.Html);

        var run = Stamping.Run(original, new MimeMessageEditor(), SubmissionOrigin.Authenticated, Stamping.Signature());

        Assert.False(run.Result.Changed);
        Assert.Empty(run.Output);
        // The message class inside the TNEF makes it a meeting request for the rules too, so the general meeting policy decides.
        Assert.Equal("skipped: meeting request or response left unchanged (policy StampMeetingMessages=false)", Assert.Single(run.Result.Outcomes).Detail);
    }

    [Fact]
    public void Apply_MeetingRequestWithMeetingPolicyStamp_StampsTheBodyAndKeepsTheMeetingData()
    {
        var original = SummaryTnefMessages.FromFixture("meeting-request.eml", MailboxBodyFormat.Html);
        var options = new MessageEditorOptions { DefaultPolicy = new EditingPolicy { StampMeetingMessages = true } };

        var run = Stamping.Run(original, new MimeMessageEditor(options), SubmissionOrigin.Authenticated, Stamping.Signature());

        Assert.Equal(ActionStatus.Applied, run.Outcome().Status);
        Assert.Contains("<b>Jan Schmidt</b>", SummaryTnefMessages.BodyOf(run.Output).Html, StringComparison.Ordinal);
        AssertOnlyBodyChanged(original, run.Output);
        var lines = SummaryTnefMessages.PropertiesExceptBody(SummaryTnefMessages.TnefOf(run.Output));
        Assert.Contains(lines, l => l.Contains(MapiNames.Appointment.ToString(), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Apply_VotingButtonsByDefault_StampsAndKeepsTheVerbStreamByteIdentical()
    {
        var verbs = VerbStream();
        var original = SummaryTnefMessages.FromFixture("html-new-message.eml", MailboxBodyFormat.Html, verbs);

        var run = Stamping.Run(original, new MimeMessageEditor(), SubmissionOrigin.Authenticated, Stamping.Signature());

        Assert.Equal(ActionStatus.Applied, run.Outcome().Status);
        AssertOnlyBodyChanged(original, run.Output);
        var stamped = SummaryTnefMessages.BodyOf(run.Output).Properties.Single(p => p.Name is { Id: 0x8520 });
        Assert.Equal(verbs.Values[0], stamped.Values[0]);
    }

    [Fact]
    public void Apply_VotingButtonsWithPolicyLeave_PassesByteIdenticalWithTheReason()
    {
        var original = SummaryTnefMessages.FromFixture("html-new-message.eml", MailboxBodyFormat.Html, VerbStream());
        var options = new MessageEditorOptions { DefaultPolicy = new EditingPolicy { StampVotingButtons = false } };

        var run = Stamping.Run(original, new MimeMessageEditor(options), SubmissionOrigin.Authenticated, Stamping.Signature());

        Assert.False(run.Result.Changed);
        Assert.Empty(run.Output);
        Assert.Equal("skipped: Outlook TNEF message with voting buttons left unchanged (policy StampVotingButtons=false)", Assert.Single(run.Result.Outcomes).Detail);
    }

    [Fact]
    public void Apply_RulePolicyFromSpecialMessages_DecidesPerRule()
    {
        var original = SummaryTnefMessages.FromFixture("html-new-message.eml", MailboxBodyFormat.Html, VerbStream());
        var leave = new SpecialMessagePolicy(SignedOrEncryptedHandling.Leave, false, false, false, false, stampRtfBodies: true, stampVotingButtons: false);
        var signature = Stamping.Signature();
        var guarded = new InsertContentAction("Guarded", FailurePolicy.FailOpen, InsertionKind.Disclaimer, "<p>Guarded</p>", "Guarded", Placement.Bottom, false, Array.Empty<InlineImage>(), leave);

        var run = Stamping.Run(original, new MimeMessageEditor(), SubmissionOrigin.Authenticated, signature, guarded);

        Assert.Equal(ActionStatus.Applied, run.Outcome(0).Status);
        Assert.Equal(ActionStatus.Skipped, run.Outcome(1).Status);
        Assert.Contains("voting buttons", run.Outcome(1).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_AttachmentsAndInlineImage_ReadBackUnchanged()
    {
        var source = MimeMessage.Load(Stamping.FixturePath("outlook-word-reply.eml"));
        var pdf = new MimePart("application", "pdf")
        {
            Content = new MimeContent(new MemoryStream(Encoding.ASCII.GetBytes("%PDF-1.4 quarterly figures"))),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = "Q3.pdf",
        };
        source.Body = new Multipart("mixed") { source.Body!, pdf };
        var original = SummaryTnefMessages.FromMessage(source, MailboxBodyFormat.Html);

        var run = Stamping.Run(original, new MimeMessageEditor(), SubmissionOrigin.Authenticated, Stamping.Signature());

        Assert.Equal(ActionStatus.Applied, run.Outcome().Status);
        AssertOnlyBodyChanged(original, run.Output);
        var before = ((TnefPart)MimeMessage.Load(new MemoryStream(original)).Body!).ConvertToMessage();
        var after = ((TnefPart)run.Parsed.Body!).ConvertToMessage();
        var beforeParts = before.BodyParts.OfType<MimePart>().Where(p => p is not TextPart).ToList();
        var afterParts = after.BodyParts.OfType<MimePart>().Where(p => p is not TextPart).ToList();
        Assert.Equal(2, afterParts.Count);
        for (var i = 0; i < beforeParts.Count; i++)
        {
            Assert.Equal(beforeParts[i].FileName, afterParts[i].FileName);
            Assert.Equal(beforeParts[i].ContentId, afterParts[i].ContentId);
            Assert.Equal(Decoded(beforeParts[i]), Decoded(afterParts[i]));
        }

        Assert.Contains("cid:image001.png@01DA1234.ABCDEF00", SummaryTnefMessages.BodyOf(run.Output).Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_ReprocessedWithTheMarkerHeader_StampsOnce()
    {
        var original = SummaryTnefMessages.FromFixture("outlook-word-reply.eml", MailboxBodyFormat.Html);
        var first = Stamping.Run(original, new MimeMessageEditor(), SubmissionOrigin.Authenticated, Stamping.Signature(), Stamping.Disclaimer());

        var second = Stamping.Run(first.Output, new MimeMessageEditor(), SubmissionOrigin.Authenticated, Stamping.Signature(), Stamping.Disclaimer());

        Assert.False(second.Result.Changed, second.Details);
        Assert.All(second.Result.Outcomes, o => Assert.Equal(ActionStatus.Skipped, o.Status));
    }

    [Theory]
    [InlineData(MailboxBodyFormat.Html, "HTML body")]
    [InlineData(MailboxBodyFormat.Plain, "plain-text body")]
    [InlineData(MailboxBodyFormat.Rtf, "TNEF RTF body")]
    public void Apply_ReprocessedWithoutTheMarkerHeader_FindsTheStampInTheTnefBody(MailboxBodyFormat format, string where)
    {
        var original = SummaryTnefMessages.FromFixture("plain-reply-en.eml", format);
        var first = Stamping.Run(original, new MimeMessageEditor(), SubmissionOrigin.Authenticated, Stamping.Signature(), Stamping.Disclaimer());
        var message = first.Parsed;
        message.Headers.Remove(StampHeader.Name);

        var second = Stamping.Run(SummaryTnefMessages.Bytes(message), new MimeMessageEditor(), SubmissionOrigin.Authenticated, Stamping.Signature(), Stamping.Disclaimer());

        Assert.False(second.Result.Changed, second.Details);
        Assert.All(second.Result.Outcomes, o => Assert.Contains(where, o.Detail, StringComparison.Ordinal));
    }

    [Fact]
    public void Apply_HeaderActionOnSummaryTnef_ChangesTheSubjectAndLeavesTheTnefByteIdentical()
    {
        var original = SummaryTnefMessages.FromFixture("outlook-word-reply.eml", MailboxBodyFormat.Html);
        var subject = new SubjectAction("Tag", FailurePolicy.FailOpen, "[EXT] ", prepend: true);

        var run = Stamping.Run(original, new MimeMessageEditor(), SubmissionOrigin.Authenticated, subject);

        Assert.True(run.Result.Changed, run.Details);
        Assert.StartsWith("[EXT] ", run.Parsed.Subject, StringComparison.Ordinal);
        Assert.Equal(SummaryTnefMessages.TnefOf(original), SummaryTnefMessages.TnefOf(run.Output));
    }

    [Fact]
    public void Apply_SignatureOutsideTheCodePage_IsWrittenAsCharacterReferences()
    {
        var source = MimeMessage.Load(Stamping.FixturePath("html-new-message.eml"));
        var html = source.BodyParts.OfType<TextPart>().Single(p => p.IsHtml);
        html.SetText("windows-1252", html.Text);
        var original = SummaryTnefMessages.FromMessage(source, MailboxBodyFormat.Html);
        Assert.Equal(1252, SummaryTnefMessages.BodyOf(original).CodePage);
        var signature = Stamping.Signature(html: "<p>Ζωή Παπαδοπούλου 😀</p>", text: "Ζωή Παπαδοπούλου");

        var run = Stamping.Run(original, new MimeMessageEditor(), SubmissionOrigin.Authenticated, signature);

        Assert.Equal(ActionStatus.Applied, run.Outcome().Status);
        Assert.Contains("&#918;&#969;&#942; ", SummaryTnefMessages.BodyOf(run.Output).Html, StringComparison.Ordinal);
        Assert.Contains("&#128512;", SummaryTnefMessages.BodyOf(run.Output).Html, StringComparison.Ordinal);
        AssertOnlyBodyChanged(original, run.Output);
    }

    [Theory]
    [InlineData("IPM.Note.SMIME", "signed or encrypted")]
    [InlineData("IPM.Note.SMIME.MultipartSigned", "signed or encrypted")]
    [InlineData("IPM.Note.rpmsg.Microsoft.Voicemail.UM.CA", "rights-protected")]
    public void Apply_ProtectedMessageClass_IsAlwaysLeftByteIdentical(string messageClass, string reason)
    {
        var tnef = SummaryTnefMessages.TnefOf(SummaryTnefMessages.FromFixture("html-new-message.eml", MailboxBodyFormat.Html));
        var body = TnefMessageBody.Read(TnefDocument.Read(tnef));
        var document = TnefDocument.Read(tnef);
        var properties = body.Properties.Select(p => p.Is(TnefPropertyTag.MessageClassW) ? MapiProperty.Unicode(TnefPropertyTag.MessageClassW, messageClass) : p).ToList();
        var index = document.Attributes.ToList().FindIndex(a => a.Tag == TnefAttributeTag.MapiProperties);
        var original = SummaryTnefMessages.Around(document.With(index, document.Attributes[index].WithValue(MapiPropertyList.Encode(properties))).ToArray());
        var options = new MessageEditorOptions { DefaultPolicy = new EditingPolicy { SecureMessages = SecureMessageHandling.Wrap, StampMeetingMessages = true } };

        var run = Stamping.Run(original, new MimeMessageEditor(options), SubmissionOrigin.Authenticated, Stamping.Signature());

        Assert.False(run.Result.Changed);
        Assert.Contains(reason, Assert.Single(run.Result.Outcomes).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_UndecodableTnef_PassesByteIdenticalWithTheReason()
    {
        var tnef = SummaryTnefMessages.TnefOf(SummaryTnefMessages.FromFixture("html-new-message.eml", MailboxBodyFormat.Html));
        tnef[tnef.Length - 1] ^= 0xFF; // the last attribute's checksum
        var original = SummaryTnefMessages.Around(tnef);

        var run = Stamping.Run(original, new MimeMessageEditor(), SubmissionOrigin.Authenticated, Stamping.Signature());

        Assert.False(run.Result.Changed);
        var detail = Assert.Single(run.Result.Outcomes).Detail;
        Assert.StartsWith("skipped: Outlook TNEF (winmail.dat) message left unchanged: its TNEF stream cannot be decoded (InvalidDataException: TNEF attribute", detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_SignatureWithInlineImage_AddsTheImageAsAHiddenInlineTnefAttachment()
    {
        var original = SummaryTnefMessages.FromFixture("outlook-word-reply.eml", MailboxBodyFormat.Html);
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        var logo = new InlineImage("logo@contoso.example", "logo.png", "image/png", png);
        var signature = Stamping.Signature(images: new[] { logo }, html: "<p><img src=\"cid:logo@contoso.example\" alt=\"Contoso\"> Jan Schmidt</p>");

        var run = Stamping.Run(original, new MimeMessageEditor(), SubmissionOrigin.Authenticated, signature);

        Assert.Equal(ActionStatus.Applied, run.Outcome().Status);
        var before = SummaryTnefMessages.PropertiesExceptBody(SummaryTnefMessages.TnefOf(original));
        var after = SummaryTnefMessages.PropertiesExceptBody(SummaryTnefMessages.TnefOf(run.Output));
        Assert.Equal(before, after.Take(before.Count));
        Assert.Contains(after.Skip(before.Count), l => l.Contains("logo@contoso.example", StringComparison.Ordinal));
        var converted = ((TnefPart)run.Parsed.Body!).ConvertToMessage();
        var image = converted.BodyParts.OfType<MimePart>().Single(p => p.ContentId == "logo@contoso.example");
        Assert.Equal(png, Decoded(image));
        Assert.Contains("cid:logo@contoso.example", converted.HtmlBody, StringComparison.Ordinal);

        var again = Stamping.Run(run.Output, new MimeMessageEditor(), SubmissionOrigin.Authenticated, signature);
        Assert.False(again.Result.Changed, again.Details);
    }

    [Fact]
    public void Apply_ImageTheMessageAlreadyCarries_IsNotAddedTwice()
    {
        var original = SummaryTnefMessages.FromFixture("outlook-word-reply.eml", MailboxBodyFormat.Html);
        var existing = new InlineImage("image001.png@01DA1234.ABCDEF00", "image001.png", "image/png", new byte[] { 1, 2, 3 });

        var run = Stamping.Run(original, new MimeMessageEditor(), SubmissionOrigin.Authenticated, Stamping.Signature(images: new[] { existing }));

        Assert.Equal(ActionStatus.Applied, run.Outcome().Status);
        AssertOnlyBodyChanged(original, run.Output);
    }

    [Fact]
    public void Apply_LegacyTnefNextToAMimeBody_IsStillLeftAlone()
    {
        var run = Stamping.Run("tnef-message.eml", Stamping.Signature());

        Assert.False(run.Result.Changed);
        Assert.Contains("half-stamp", Assert.Single(run.Result.Outcomes).Detail, StringComparison.Ordinal);
    }

    internal static MapiProperty VerbStream() =>
        new(MapiNames.Named(0, TnefPropertyType.Binary), MapiNames.VerbStream, new[] { new byte[] { 0x02, 0x01, 0x02, 0x00, 0x00, 0x00, 0x05, 0x41, 0x70, 0x70, 0x72, 0x6F, 0x76, 0x65 } });

    internal static void AssertOnlyBodyChanged(byte[] originalMime, byte[] stampedMime)
    {
        var before = SummaryTnefMessages.PropertiesExceptBody(SummaryTnefMessages.TnefOf(originalMime));
        var after = SummaryTnefMessages.PropertiesExceptBody(SummaryTnefMessages.TnefOf(stampedMime));
        Assert.Equal(before, after);
        Assert.NotEqual(SummaryTnefMessages.TnefOf(originalMime), SummaryTnefMessages.TnefOf(stampedMime));
    }

    private static byte[] Decoded(MimePart part)
    {
        using var output = new MemoryStream();
        part.Content!.DecodeTo(output);
        return output.ToArray();
    }
}
