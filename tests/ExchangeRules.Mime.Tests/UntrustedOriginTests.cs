using System;
using System.IO;
using System.Linq;
using System.Text;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Engine.Messages;
using Xunit;

namespace ExchangeRules.Mime.Tests;

/// <summary>
/// What a sender outside the organisation writes is not evidence: the kinds that exempt a message (auto-reply, system,
/// signed, encrypted, report) count only when the structure proves them, our stamps in the body count only from inside,
/// and a body exemption never stops a header-level action.
/// </summary>
public sealed class UntrustedOriginTests
{
    [Theory]
    [InlineData("auto-reply.eml", MessageTraits.AutoReply)]
    [InlineData("smime-signed.eml", MessageTraits.Signed)]
    [InlineData("smime-encrypted.eml", MessageTraits.Encrypted)]
    [InlineData("inline-pgp-signed.eml", MessageTraits.Signed)]
    public void Traits_ClaimWithoutAWellFormedStructureFromOutside_DoesNotCount(string fixture, MessageTraits claimed)
    {
        // These fixtures carry truncated signatures and ciphertexts: from inside they are believed, from outside not.
        Assert.True(Open(fixture, SubmissionOrigin.Authenticated).Traits.HasFlag(claimed));
        Assert.False(Open(fixture, SubmissionOrigin.Anonymous).Traits.HasFlag(claimed));
        Assert.False(Open(fixture, SubmissionOrigin.Unknown).Traits.HasFlag(claimed));
    }

    [Fact]
    public void Traits_WellFormedDeliveryReportFromOutside_Counts()
    {
        Assert.True(Open("delivery-report.eml", SubmissionOrigin.Anonymous).Traits.HasFlag(MessageTraits.DeliveryReport));
    }

    [Fact]
    public void Apply_SignedMessageFromOutside_GetsHeaderActionsWhileItsBodyStaysByteForByte()
    {
        var original = File.ReadAllBytes(Stamping.FixturePath("smime-signed.eml"));
        var run = Stamping.Run(
            original,
            new MimeMessageEditor(),
            SubmissionOrigin.Authenticated,
            new SubjectAction("Tag", FailurePolicy.FailOpen, "[EXT]", true),
            new HeaderAction("Tag", FailurePolicy.FailOpen, "X-External", "yes"));

        // From inside the signed-message policy (leave unchanged) holds for every action...
        Assert.False(run.Result.Changed);

        // ...from outside the header-level actions apply; the body, signature included, is not touched.
        var external = Stamping.Run(
            original,
            new MimeMessageEditor(),
            SubmissionOrigin.Anonymous,
            new SubjectAction("Tag", FailurePolicy.FailOpen, "[EXT]", true),
            new HeaderAction("Tag", FailurePolicy.FailOpen, "X-External", "yes"));
        Assert.True(external.Result.Changed, external.Details);
        Assert.StartsWith("[EXT]", external.Parsed.Subject, StringComparison.Ordinal);
        Assert.Equal("yes", external.Parsed.Headers["X-External"]);
        Assert.Equal(Body(original), Body(external.Output));
    }

    [Fact]
    public void Apply_PlantedStampFromOutside_DoesNotStopTheBanner()
    {
        var first = Stamping.Run("html-new-message.eml", Stamping.Banner());
        Assert.True(first.Result.Changed, first.Details);
        var planted = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(first.Output).Replace(StampHeader.Name + ":", "X-Old:", StringComparison.Ordinal));

        var fromOutside = Stamping.Run(planted, new MimeMessageEditor(), SubmissionOrigin.Anonymous, Stamping.Banner());
        var fromInside = Stamping.Run(planted, new MimeMessageEditor(), SubmissionOrigin.Authenticated, Stamping.Banner());

        Assert.Equal(ActionStatus.Applied, fromOutside.Outcome().Status);
        Assert.Equal(ActionStatus.Skipped, fromInside.Outcome().Status);
    }

    [Fact]
    public void Apply_MessageWithMorePartsThanTheLimit_ChangesOnlyTheHeaderBlockAndCopiesTheBody()
    {
        var builder = new StringBuilder("From: m@attacker.example\r\nTo: a@contoso.example\r\nSubject: parts\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"p\"\r\n\r\n");
        builder.Append("--p\r\nContent-Type: text/html\r\n\r\n<p>hi</p>\r\n");
        for (var i = 0; i < MessageLimits.MaxParts + 5; i++)
        {
            builder.Append("--p\r\n\r\nx\r\n");
        }

        var original = Encoding.ASCII.GetBytes(builder.Append("--p--\r\n").ToString());

        var run = Stamping.Run(original, new MimeMessageEditor(), SubmissionOrigin.Anonymous, Stamping.Banner(), new SubjectAction("Tag", FailurePolicy.FailOpen, "[EXT]", true));

        Assert.True(run.Result.Changed, run.Details);
        Assert.Equal(EditLimit.PartCount, run.Result.LimitReached);
        Assert.Equal(ActionStatus.Skipped, run.Outcome(0).Status);
        Assert.Contains("MaxParts", run.Outcome(0).Detail, StringComparison.Ordinal);
        Assert.Equal(ActionStatus.Applied, run.Outcome(1).Status);
        Assert.Equal(Body(original), Body(run.Output));
    }

    [Fact]
    public void Read_HundredThousandParts_IsRefusedAfterTheLimitWithoutBuildingTheTree()
    {
        var builder = new StringBuilder("From: m@attacker.example\r\nSubject: parts\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"p\"\r\n\r\n");
        for (var i = 0; i < 100_000; i++)
        {
            builder.Append("--p\r\n\r\nx\r\n");
        }

        var original = Encoding.ASCII.GetBytes(builder.Append("--p--\r\n").ToString());
        var before = GC.GetAllocatedBytesForCurrentThread();

        var content = new MimeMessageEditor().Read(new MemoryStream(original), SubmissionOrigin.Anonymous);
        var traits = content.Traits;
        var thrown = Assert.Throws<MessageContentUnavailableException>(() => content.GetBodyText());

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(MessageTraits.None, traits & (MessageTraits.Signed | MessageTraits.Encrypted));
        Assert.Contains("MaxParts", thrown.Message, StringComparison.Ordinal);
        Assert.True(allocated < 2 * 1024 * 1024, $"{allocated:N0} bytes allocated");
    }

    private static IMessageContent Open(string fixture, SubmissionOrigin origin) =>
        new MimeMessageEditor().Read(new MemoryStream(File.ReadAllBytes(Stamping.FixturePath(fixture))), origin);

    private static string Body(byte[] message)
    {
        var text = Encoding.UTF8.GetString(message);
        return text.Substring(text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4);
    }
}
