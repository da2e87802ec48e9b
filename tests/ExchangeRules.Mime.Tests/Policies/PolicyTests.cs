using System;
using System.IO;
using System.Linq;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Mime.Policies;
using MimeKit;
using Xunit;

namespace ExchangeRules.Mime.Tests.Policies;

public class PolicyTests
{
    [Theory]
    [InlineData("smime-signed.eml", "signed or encrypted")]
    [InlineData("smime-encrypted.eml", "signed or encrypted")]
    [InlineData("inline-pgp-signed.eml", "signed or encrypted")]
    [InlineData("meeting-request.eml", "meeting request")]
    [InlineData("delivery-report.eml", "multipart/report")]
    [InlineData("auto-reply.eml", "automatic reply")]
    [InlineData("system-message.eml", "system-generated")]
    [InlineData("tnef-message.eml", "TNEF")]
    public void Apply_SpecialMessageByDefault_LeavesItUnchangedAndSaysWhy(string fixture, string reason)
    {
        var run = Stamping.Run(fixture, Stamping.Signature(), Stamping.Disclaimer());

        Assert.False(run.Result.Changed);
        Assert.Empty(run.Output);
        Assert.All(run.Result.Outcomes, o =>
        {
            Assert.Equal(ActionStatus.Skipped, o.Status);
            Assert.Contains(reason, o.Detail, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Apply_SignedMessageWithWrapPolicy_AttachesOriginalByteForByte()
    {
        var options = new MessageEditorOptions();
        options.RulePolicies["Legal disclaimer"] = new EditingPolicy { SecureMessages = SecureMessageHandling.Wrap };
        var original = File.ReadAllBytes(Stamping.FixturePath("smime-signed.eml"));

        var run = Stamping.Run(original, new MimeMessageEditor(options), SubmissionOrigin.Authenticated, Stamping.Disclaimer());

        Assert.True(run.Result.Changed, run.Details);
        var message = run.Parsed;
        Assert.Equal("Signed contract", message.Subject);
        Assert.Contains("This e-mail is confidential", message.HtmlBody, StringComparison.Ordinal);
        Assert.Single(message.BodyParts.OfType<MessagePart>());
        var output = System.Text.Encoding.ASCII.GetString(run.Output);
        Assert.Contains("Content-Type: message/rfc822\r\nContent-Disposition: attachment; filename=original-message.eml\r\n\r\n" + System.Text.Encoding.ASCII.GetString(original), output, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_MeetingRequestWhenRuleAllows_StampsTextPartsButNeverTheCalendar()
    {
        var options = new MessageEditorOptions();
        options.RulePolicies[Stamping.SignatureRule] = new EditingPolicy { StampMeetingMessages = true };
        var original = File.ReadAllBytes(Stamping.FixturePath("meeting-request.eml"));

        var run = Stamping.Run(original, new MimeMessageEditor(options), SubmissionOrigin.Authenticated, Stamping.Signature());

        Assert.True(run.Result.Changed, run.Details);
        var calendar = run.Parsed.BodyParts.OfType<TextPart>().Single(p => p.ContentType.IsMimeType("text", "calendar"));
        Assert.DoesNotContain(Stamping.SignatureText, calendar.Text, StringComparison.Ordinal);
        Assert.Contains(Stamping.SignatureText, run.Text, StringComparison.Ordinal);
        Assert.Contains(OriginalCalendarBytes(original), System.Text.Encoding.UTF8.GetString(run.Output), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_SignedMessage_SubjectTagIsAlsoLeftAlone()
    {
        var run = Stamping.Run("smime-signed.eml", new SubjectAction("Tag", FailurePolicy.FailOpen, "[EXT]", true));

        Assert.False(run.Result.Changed);
    }

    [Fact]
    public void Apply_HostActions_AreReportedSkippedWithReason()
    {
        var run = Stamping.Run(
            "html-new-message.eml",
            new RecipientAction("Bcc", FailurePolicy.FailOpen, RecipientChange.Bcc, "archive@contoso.example"),
            new DeleteMessageAction("Drop", FailurePolicy.FailOpen));

        Assert.False(run.Result.Changed);
        Assert.All(run.Result.Outcomes, o => Assert.Contains("performed by the host", o.Detail, StringComparison.Ordinal));
    }

    [Fact]
    public void Apply_MessageLargerThanLimit_PassesUnchanged()
    {
        var editor = new MimeMessageEditor(new MessageEditorOptions { MaxMessageSize = 100 });

        var run = Stamping.Run(File.ReadAllBytes(Stamping.FixturePath("outlook-word-reply.eml")), editor, SubmissionOrigin.Authenticated, Stamping.Signature());

        Assert.False(run.Result.Changed);
        Assert.Contains("MaxMessageSize", run.Outcome().Detail, StringComparison.Ordinal);
        Assert.Equal(ExchangeRules.Engine.Editing.EditLimit.MessageSize, run.Result.LimitReached);
    }

    [Fact]
    public void Apply_TooManyParts_PassesUnchanged()
    {
        var editor = new MimeMessageEditor(new MessageEditorOptions { MaxParts = 3 });

        var run = Stamping.Run(File.ReadAllBytes(Stamping.FixturePath("mixed-with-embedded-message.eml")), editor, SubmissionOrigin.Authenticated, Stamping.Signature());

        Assert.False(run.Result.Changed);
        Assert.Contains("MaxParts", run.Outcome().Detail, StringComparison.Ordinal);
        Assert.Equal(ExchangeRules.Engine.Editing.EditLimit.PartCount, run.Result.LimitReached);
    }

    [Fact]
    public void Apply_TooDeeplyNested_LeavesTheBodyUnchanged()
    {
        var builder = new System.Text.StringBuilder("From: a@b.example\r\nSubject: deep\r\nMIME-Version: 1.0\r\n");
        const int depth = MessageLimits.MaxMimeDepth + 8;
        for (var i = 0; i < depth; i++)
        {
            builder.Append(System.Globalization.CultureInfo.InvariantCulture, $"Content-Type: multipart/mixed; boundary=\"b{i}\"\r\n\r\n--b{i}\r\n");
        }

        builder.Append("Content-Type: text/plain\r\n\r\ndeep text\r\n");
        for (var i = depth - 1; i >= 0; i--)
        {
            builder.Append(System.Globalization.CultureInfo.InvariantCulture, $"--b{i}--\r\n");
        }

        var run = Stamping.Run(System.Text.Encoding.ASCII.GetBytes(builder.ToString()), new MimeMessageEditor(), SubmissionOrigin.Authenticated, Stamping.Signature());

        Assert.False(run.Result.Changed);
        Assert.Contains("MaxMimeDepth", run.Outcome().Detail, StringComparison.Ordinal);
        Assert.Equal(ExchangeRules.Engine.Editing.EditLimit.MimeDepth, run.Result.LimitReached);
    }

    [Fact]
    public void Apply_ZeroTimeBudget_PassesUnchanged()
    {
        var editor = new MimeMessageEditor(new MessageEditorOptions { TimeBudget = TimeSpan.Zero });

        var run = Stamping.Run(File.ReadAllBytes(Stamping.FixturePath("html-new-message.eml")), editor, SubmissionOrigin.Authenticated, Stamping.Signature());

        Assert.False(run.Result.Changed);
        Assert.Contains("time budget", run.Outcome().Detail, StringComparison.Ordinal);
        Assert.Equal(ExchangeRules.Engine.Editing.EditLimit.TimeBudget, run.Result.LimitReached);
    }

    [Theory]
    [InlineData("malformed-boundary.eml")]
    [InlineData("not-a-message")]
    public void Apply_MalformedInput_NeverThrows(string fixture)
    {
        var bytes = fixture == "not-a-message"
            ? new byte[] { 0, 1, 2, 0xFF, 0xFE, (byte)'\n', (byte)':' }
            : File.ReadAllBytes(Stamping.FixturePath(fixture));

        var run = Stamping.Run(bytes, new MimeMessageEditor(), SubmissionOrigin.Authenticated, Stamping.Signature(), Stamping.Banner());

        Assert.Equal(2, run.Result.Outcomes.Count);
        if (run.Result.Changed)
        {
            Assert.NotNull(run.Parsed);
        }
    }

    private static string OriginalCalendarBytes(byte[] original)
    {
        var text = System.Text.Encoding.UTF8.GetString(original);
        var start = text.IndexOf("BEGIN:VCALENDAR", StringComparison.Ordinal);
        var end = text.IndexOf("END:VCALENDAR", StringComparison.Ordinal) + "END:VCALENDAR".Length;
        return text.Substring(start, end - start);
    }
}
