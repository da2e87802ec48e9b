using System;
using System.Linq;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Editing;
using Xunit;

namespace ExchangeRules.Mime.Tests;

public class HeaderAndAttachmentTests
{
    private static readonly string[] _exePattern = { "*.EXE" };
    private static readonly string[] _messageTypes = { "message/*" };
    private static readonly string[] _remaining = { "report.pdf" };

    [Theory]
    [InlineData("html-new-message.eml", true, "[EXT] Quarterly numbers")]
    [InlineData("html-new-message.eml", false, "Quarterly numbers [EXT]")]
    [InlineData("outlook-word-reply.eml", true, "[EXT] AW: Quartalszahlen")]
    public void Apply_SubjectTag_IsAddedOnce(string fixture, bool prepend, string expected)
    {
        var run = Stamping.Run(fixture, new SubjectAction("Tag", FailurePolicy.FailOpen, "[EXT]", prepend));

        Assert.Equal(expected, run.Parsed.Subject);
    }

    [Fact]
    public void Apply_SubjectTagAfterReplyPrefix_IsNotStacked()
    {
        var first = Stamping.Run("html-new-message.eml", new SubjectAction("Tag", FailurePolicy.FailOpen, "[EXT]", true));
        var reply = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(first.Output).Replace("Subject: [EXT] Quarterly", "Subject: RE: [EXT] Quarterly", StringComparison.Ordinal));

        var second = Stamping.Run(reply, new MimeMessageEditor(), Engine.Messages.SubmissionOrigin.Anonymous, new SubjectAction("Tag", FailurePolicy.FailOpen, "[ext]", true));

        Assert.False(second.Result.Changed);
        Assert.Contains("already shows", second.Outcome().Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_HeaderSetAndRemove_ChangesOnlyThoseHeaders()
    {
        var run = Stamping.Run(
            "outlook-word-reply.eml",
            new HeaderAction("Set", FailurePolicy.FailOpen, "X-Classification", "Internal"),
            new HeaderAction("Remove", FailurePolicy.FailOpen, "Thread-Index", null));

        var message = run.Parsed;
        Assert.Equal("Internal", message.Headers["X-Classification"]);
        Assert.False(message.Headers.Contains("Thread-Index"));
        Assert.Equal("AW: Quartalszahlen", message.Subject);
    }

    [Fact]
    public void Apply_AddRecipient_AddsTheAddressToCcAndLeavesToAlone()
    {
        var original = MimeKit.MimeMessage.Load(Stamping.FixturePath("html-new-message.eml"));

        var run = Stamping.Run("html-new-message.eml", new RecipientAction("Compliance", FailurePolicy.FailOpen, RecipientChange.Add, "compliance@contoso.com"));

        Assert.Equal(ActionStatus.Applied, run.Outcome().Status);
        Assert.Equal(original.To.ToString(), run.Parsed.To.ToString());
        Assert.Contains(run.Parsed.Cc.Mailboxes, mailbox => mailbox.Address == "compliance@contoso.com");
        Assert.Equal(original.Cc.Count + 1, run.Parsed.Cc.Count);
    }

    [Fact]
    public void Apply_AddRecipientAlreadyVisible_LeavesTheHeadersAlone()
    {
        var to = MimeKit.MimeMessage.Load(Stamping.FixturePath("html-new-message.eml")).To.Mailboxes.First().Address.ToUpperInvariant();

        var run = Stamping.Run("html-new-message.eml", new RecipientAction("Compliance", FailurePolicy.FailOpen, RecipientChange.Add, to));

        Assert.False(run.Result.Changed);
        Assert.Contains("already in To or Cc", run.Outcome().Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RecipientChange.Bcc)]
    [InlineData(RecipientChange.Redirect)]
    public void Apply_BlindCopyOrRedirect_LeavesTheHeadersToTheHost(RecipientChange change)
    {
        var run = Stamping.Run("html-new-message.eml", new RecipientAction("Copy", FailurePolicy.FailOpen, change, "archive@contoso.com"));

        Assert.False(run.Result.Changed);
        Assert.Equal(ActionStatus.Skipped, run.Outcome().Status);
    }

    [Theory]
    [InlineData("Content-Type")]
    [InlineData("X-ExchangeRules-Stamped")]
    [InlineData("Bad Name")]
    public void Apply_ManagedOrInvalidHeader_FailsWithoutChangingMessage(string name)
    {
        var run = Stamping.Run("html-new-message.eml", new HeaderAction("Set", FailurePolicy.FailOpen, name, "x"));

        Assert.False(run.Result.Changed);
        Assert.Equal(ActionStatus.Failed, run.Outcome().Status);
    }

    [Fact]
    public void Apply_RemoveAttachmentsByPatternAndType_KeepsBodyAndOtherAttachments()
    {
        var run = Stamping.Run("mixed-with-embedded-message.eml", new RemoveAttachmentsAction("Strip", FailurePolicy.FailOpen, _exePattern, _messageTypes));

        Assert.Equal(ActionStatus.Applied, run.Outcome().Status);
        var names = run.Parsed.Attachments.Select(a => a.ContentDisposition?.FileName).ToList();
        Assert.Equal(_remaining, names);
        Assert.Contains("See the attached message.", run.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_AddAttachmentToSinglePartMessage_BuildsMixed()
    {
        var content = new byte[] { 1, 2, 3, 4, 5 };

        var run = Stamping.Run("plain-new-message.eml", new AddAttachmentAction("Terms", FailurePolicy.FailOpen, "terms.pdf", "application/pdf", content));

        var attachment = Assert.Single(run.Parsed.Attachments.OfType<MimeKit.MimePart>());
        using var decoded = new System.IO.MemoryStream();
        attachment.Content!.DecodeTo(decoded);
        Assert.Equal(content, decoded.ToArray());
        Assert.Contains("please find the budget below", run.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_AddAttachmentTwice_SecondHopSkips()
    {
        var content = new byte[] { 1, 2, 3, 4, 5 };
        var action = new AddAttachmentAction("Terms", FailurePolicy.FailOpen, "terms.pdf", "application/pdf", content);
        var first = Stamping.Run("plain-new-message.eml", action);

        var second = Stamping.Run(first.Output, new MimeMessageEditor(), Engine.Messages.SubmissionOrigin.Authenticated, action);

        Assert.False(second.Result.Changed);
    }
}
