using System.IO;
using ExchangeRules.Engine.Messages;
using Xunit;

namespace ExchangeRules.Mime.Tests;

/// <summary>The editor reuses the message parsed for evaluation, once; every copy is still edited from the original.</summary>
public class ParseReuseTests
{
    [Fact]
    public void Apply_AfterEvaluationParsedTheBody_TwoCopiesGetTheSameOutput()
    {
        var original = File.ReadAllBytes(Stamping.FixturePath("outlook-word-reply.eml"));
        var editor = new MimeMessageEditor();
        using var input = new MemoryStream(original, writable: false);
        var content = editor.Read(input, SubmissionOrigin.Authenticated);
        Assert.True(content.Traits.HasFlag(MessageTraits.Reply));
        Assert.NotEmpty(content.GetAttachments());

        using var first = new MemoryStream();
        using var second = new MemoryStream();
        var firstResult = editor.Apply(content, new[] { Stamping.Signature() }, first);
        var secondResult = editor.Apply(content, new[] { Stamping.Signature() }, second);

        Assert.True(firstResult.Changed);
        Assert.True(secondResult.Changed);
        Assert.Equal(first.ToArray(), second.ToArray());
        Assert.Equal(Stamping.Run("outlook-word-reply.eml", Stamping.Signature()).Output, first.ToArray());
        Assert.Contains("Viele Gr", content.GetBodyText(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void MessageUnderTheLimits_IsParsedExactlyOnceForTheLimitsTheEvaluationAndTheEdit()
    {
        // The part, depth and header limits are enforced by the parse itself (StructureLimiter): no scan before it.
        var editor = new MimeMessageEditor();
        using var input = new MemoryStream(File.ReadAllBytes(Stamping.FixturePath("outlook-word-reply.eml")), writable: false);
        var content = (MimeMessageContent)editor.Read(input, SubmissionOrigin.Authenticated);
        Assert.Equal(0, content.Parses);

        Assert.Contains("Viele Gr", content.GetBodyText(), System.StringComparison.Ordinal);
        Assert.Equal(Engine.Editing.EditLimit.None, content.Limit);
        Assert.NotEmpty(content.GetAttachments());
        using var output = new MemoryStream();
        var result = editor.Apply(content, new[] { Stamping.Signature() }, output);

        Assert.True(result.Changed);
        Assert.Equal(1, content.Parses);
    }

    [Fact]
    public void MessageOverThePartLimit_IsNotParsedToTheEnd()
    {
        var builder = new System.Text.StringBuilder("From: m@attacker.example\r\nSubject: parts\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"p\"\r\n\r\n");
        for (var i = 0; i < MessageLimits.MaxParts + 10; i++)
        {
            builder.Append("--p\r\n\r\nx\r\n");
        }

        using var input = new MemoryStream(System.Text.Encoding.ASCII.GetBytes(builder.Append("--p--\r\n").ToString()), writable: false);
        var content = (MimeMessageContent)new MimeMessageEditor().Read(input, SubmissionOrigin.Anonymous);

        Assert.Equal(Engine.Editing.EditLimit.PartCount, content.Limit);
        Assert.Null(content.TryGetMessage());
        Assert.Equal(1, content.Parses);
    }

    [Fact]
    public void Apply_UnixLineEndings_AreKept()
    {
        var original = System.Text.Encoding.ASCII.GetBytes(
            "From: a@contoso.example\nTo: b@fabrikam.example\nSubject: lf\nMIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii\n\nHello.\n");

        var run = Stamping.Run(original, new MimeMessageEditor(), SubmissionOrigin.Authenticated, Stamping.Signature());

        Assert.True(run.Result.Changed, run.Details);
        Assert.DoesNotContain((byte)'\r', run.Output);
    }
}
