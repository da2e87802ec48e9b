using System;
using System.Linq;
using System.Text;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Engine.Messages;
using MimeKit;
using Xunit;

namespace ExchangeRules.Mime.Tests;

/// <summary>A text part with a file name is an attachment to Outlook (issue #19 item 6): the stamp goes into the real body.</summary>
public class NamedTextPartTests
{
    private const string _header = "From: Megan Bowen <megan.bowen@contoso.com>\r\nTo: partner@external.example\r\nSubject: log\r\nMIME-Version: 1.0\r\n";

    [Theory]
    [InlineData("Content-Type: text/plain; charset=us-ascii\r\nContent-Disposition: inline; filename=\"msg.txt\"")]
    [InlineData("Content-Type: text/plain; charset=us-ascii; name=\"msg.txt\"")]
    [InlineData("Content-Type: text/plain; charset=us-ascii\r\nContent-Disposition: attachment")]
    public void Apply_NamedTextPartBeforeTheBody_StampsTheBodyAndLeavesTheFileAlone(string namedPartHeader)
    {
        var message = _header + "Content-Type: multipart/mixed; boundary=\"m\"\r\n\r\n"
            + "--m\r\n" + namedPartHeader + "\r\n\r\nline one of the log file\r\n"
            + "--m\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nPlease see the attached log.\r\n"
            + "--m--\r\n";

        var run = Stamping.Run(Encoding.ASCII.GetBytes(message), new MimeMessageEditor(), SubmissionOrigin.Authenticated, Stamping.Signature());

        Assert.Equal(ActionStatus.Applied, run.Outcome().Status);
        var parts = Assert.IsType<Multipart>(run.Parsed.Body).OfType<TextPart>().ToList();
        Assert.Equal("line one of the log file", parts[0].Text.TrimEnd());
        Assert.Contains("Please see the attached log.", parts[1].Text, StringComparison.Ordinal);
        Assert.Contains(Stamping.SignatureText, parts[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_OnlyTextIsANamedFile_StampsNothing()
    {
        var message = _header + "Content-Type: text/plain; charset=us-ascii; name=\"msg.txt\"\r\n\r\nline one of the log file\r\n";

        var run = Stamping.Run(Encoding.ASCII.GetBytes(message), new MimeMessageEditor(), SubmissionOrigin.Authenticated, Stamping.Signature());

        Assert.False(run.Result.Changed);
        Assert.Contains("no text/plain or text/html body", run.Outcome().Detail, StringComparison.Ordinal);
    }
}
