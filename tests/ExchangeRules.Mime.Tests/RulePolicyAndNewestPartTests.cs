using System;
using System.IO;
using System.Linq;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Mime.Policies;
using MimeKit;
using Xunit;

namespace ExchangeRules.Mime.Tests;

/// <summary>
/// The editing policy a rule's &lt;specialMessages&gt; option puts on its actions decides what the editor does with
/// special messages; and the newest part of a reply, as rules read it for messageContainsText.
/// </summary>
public class RulePolicyAndNewestPartTests
{
    private static readonly SpecialMessagePolicy _stampMeetings = new(SignedOrEncryptedHandling.Leave, stampMeetings: true, false, false, false);
    private static readonly SpecialMessagePolicy _wrap = new(SignedOrEncryptedHandling.Wrap, false, false, false, false);

    private static InsertContentAction Signature(SpecialMessagePolicy? policy) =>
        new(Stamping.SignatureRule, FailurePolicy.FailOpen, InsertionKind.Signature, Stamping.SignatureHtml, Stamping.SignatureText,
            Placement.UnderNewestReply, true, Array.Empty<InlineImage>(), policy);

    private static InsertContentAction Disclaimer(SpecialMessagePolicy? policy) =>
        new("Legal disclaimer", FailurePolicy.FailOpen, InsertionKind.Disclaimer,
            "<p>This e-mail is confidential.</p>", "This e-mail is confidential.", Placement.Bottom, false, Array.Empty<InlineImage>(), policy);

    [Fact]
    public void Apply_MeetingRequestWithRuleSayingStamp_StampsTextPartsButNeverTheCalendar()
    {
        var original = File.ReadAllBytes(Stamping.FixturePath("meeting-request.eml"));
        var calendarBefore = MimeMessage.Load(new MemoryStream(original)).BodyParts.OfType<TextPart>().Single(p => p.ContentType.IsMimeType("text", "calendar")).Text;

        var run = Stamping.Run(original, new MimeMessageEditor(), SubmissionOrigin.Authenticated, Signature(_stampMeetings));

        Assert.True(run.Result.Changed, run.Details);
        Assert.Contains(Stamping.SignatureText, run.Text, StringComparison.Ordinal);
        var calendar = run.Parsed.BodyParts.OfType<TextPart>().Single(p => p.ContentType.IsMimeType("text", "calendar"));
        Assert.Equal(calendarBefore, calendar.Text);
        Assert.DoesNotContain(Stamping.SignatureText, calendar.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_MeetingRequestWithRuleSayingNothing_LeavesItUnchanged()
    {
        var run = Stamping.Run("meeting-request.eml", Signature(null));

        Assert.False(run.Result.Changed);
        Assert.Empty(run.Output);
        Assert.Equal(ActionStatus.Skipped, run.Outcome().Status);
        Assert.Contains("meeting request or response left unchanged", run.Outcome().Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_SignedMessageWithRuleSayingWrap_AttachesTheOriginalByteForByte()
    {
        var original = File.ReadAllBytes(Stamping.FixturePath("smime-signed.eml"));

        var run = Stamping.Run(original, new MimeMessageEditor(), SubmissionOrigin.Authenticated, Disclaimer(_wrap));

        Assert.True(run.Result.Changed, run.Details);
        Assert.Contains("This e-mail is confidential", run.Html, StringComparison.Ordinal);
        var attached = Assert.Single(run.Parsed.BodyParts.OfType<MessagePart>());
        Assert.Equal("original-message.eml", attached.ContentDisposition?.FileName);
        Assert.Contains(System.Text.Encoding.ASCII.GetString(original), System.Text.Encoding.ASCII.GetString(run.Output), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_SignedMessageWithRuleSayingNothing_StaysByteIdentical()
    {
        var run = Stamping.Run("smime-signed.eml", Disclaimer(null));

        Assert.False(run.Result.Changed);
        Assert.Contains("signed or encrypted message left byte-identical", run.Outcome().Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_HostRulePolicyInCode_OverridesTheRulesFile()
    {
        var options = new MessageEditorOptions();
        options.RulePolicies[Stamping.SignatureRule] = EditingPolicy.Default;
        var original = File.ReadAllBytes(Stamping.FixturePath("meeting-request.eml"));

        var run = Stamping.Run(original, new MimeMessageEditor(options), SubmissionOrigin.Authenticated, Signature(_stampMeetings));

        Assert.False(run.Result.Changed);
        Assert.Contains("StampMeetingMessages=false", run.Outcome().Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_RuleWithoutPolicy_UsesTheHostDefaultPolicy()
    {
        var options = new MessageEditorOptions { DefaultPolicy = new EditingPolicy { StampMeetingMessages = true } };
        var original = File.ReadAllBytes(Stamping.FixturePath("meeting-request.eml"));

        var run = Stamping.Run(original, new MimeMessageEditor(options), SubmissionOrigin.Authenticated, Signature(null));

        Assert.True(run.Result.Changed, run.Details);
    }

    [Fact]
    public void PolicyFor_ActionPolicy_MapsEverySetting()
    {
        var special = new SpecialMessagePolicy(SignedOrEncryptedHandling.Wrap, true, true, true, true);

        var policy = new MessageEditorOptions().PolicyFor(new HeaderAction("R", FailurePolicy.FailOpen, "X-A", "1", special));

        Assert.Equal(SecureMessageHandling.Wrap, policy.SecureMessages);
        Assert.True(policy.StampMeetingMessages && policy.StampAutoReplies && policy.EditReports && policy.StampSystemMessages);
    }

    private static string NewestPart(string fixture)
    {
        using var input = new MemoryStream(File.ReadAllBytes(Stamping.FixturePath(fixture)), writable: false);
        return new MimeMessageEditor().Read(input, SubmissionOrigin.Authenticated).GetNewestPartText();
    }

    [Fact]
    public void GetNewestPartText_PlainReply_IsTheTextAboveTheAttributionLine()
    {
        var newest = NewestPart("plain-reply-en.eml");

        Assert.Contains("Tuesday works.", newest, StringComparison.Ordinal);
        Assert.DoesNotContain("Lunch next week?", newest, StringComparison.Ordinal);
        Assert.DoesNotContain("wrote:", newest, StringComparison.Ordinal);
    }

    [Fact]
    public void GetNewestPartText_GmailHtmlReply_IsTheTextAboveGmailQuote()
    {
        var newest = NewestPart("gmail-reply.eml");

        Assert.Contains("Tuesday works for me.", newest, StringComparison.Ordinal);
        Assert.DoesNotContain("Lunch next week?", newest, StringComparison.Ordinal);
    }

    [Fact]
    public void GetNewestPartText_OutlookReply_EndsBeforeTheLocalisedHeaderBlock()
    {
        var newest = NewestPart("outlook-word-reply.eml");

        Assert.Contains("anbei die Zahlen", newest, StringComparison.Ordinal);
        Assert.DoesNotContain("Gesendet:", newest, StringComparison.Ordinal);
        Assert.DoesNotContain("können Sie mir die Zahlen schicken", newest, StringComparison.Ordinal);
    }

    [Fact]
    public void GetNewestPartText_NewMessage_IsTheWholeBody()
    {
        using var input = new MemoryStream(File.ReadAllBytes(Stamping.FixturePath("plain-new-message.eml")), writable: false);
        var content = new MimeMessageEditor().Read(input, SubmissionOrigin.Authenticated);

        Assert.Equal(content.GetBodyText().TrimEnd(), content.GetNewestPartText().TrimEnd());
    }
}
