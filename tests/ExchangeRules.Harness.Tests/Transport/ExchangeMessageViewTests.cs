using System.Linq;
using System.Text;
using ExchangeRules.Harness.Exchange;
using ExchangeRules.Harness.Tests.Support;
using ExchangeRules.Harness.Transport;
using ExchangeRules.Testing;
using Xunit;

namespace ExchangeRules.Harness.Tests.Transport;

/// <summary>
/// What the harness's Exchange shows an agent of raw bytes is decided in one place, so the categorizer with the real
/// agent and the in-process pipeline (<c>exrules apply</c>) see the same message: php-mime-mail-parser's issue84 in
/// the corpus has continuation lines of Received and DKIM-Signature that lost their indentation.
/// </summary>
public class ExchangeMessageViewTests
{
    private const string _unfolded =
        "Received: from unknown (HELO lists.php.net) (127.0.0.1)\n" +
        "by localhost with SMTP; 19 Nov 2014 08:46:08 -0000\n" +
        "DKIM-Signature: v=1; a=rsa-sha256;\n" +
        "d=gmail.com; s 120113;\n" +
        ":cc:content-type;\n" +
        "From: alice@contoso.com\n" +
        "To: bob@contoso.com\n" +
        "Subject: unfolded\n" +
        "\n" +
        "Body\n";

    [Fact]
    public void ExposedHeaders_LinesThatAreNotHeaderFields_AreLeftOutAndTheRestKeptInOrder()
    {
        var exposed = ExchangeMessageView.ExposedHeaders(Encoding.ASCII.GetBytes(_unfolded));

        Assert.Equal(new[] { "Received", "DKIM-Signature", "From", "To", "Subject" }, exposed.Select(h => h.Field));
    }

    [Fact]
    public void HarnessMailItem_HeaderBlockWithLinesThatAreNotHeaders_ExposesTheHeaders_AndEditsTheRightLine()
    {
        var item = new HarnessMailItem(TestFiles.Organization("hybrid.xml"), "alice@contoso.com", new[] { "bob@contoso.com" }, Encoding.ASCII.GetBytes(_unfolded));

        var headers = item.Message.RootPart.Headers;
        Assert.All(new[] { "Received", "DKIM-Signature", "From", "To", "Subject" }, name => Assert.Single(headers.FindAll(name)));
        headers.RemoveChild(headers.FindFirst("To"));

        var content = Encoding.ASCII.GetString(item.Content);
        Assert.DoesNotContain("To: bob@contoso.com", content, System.StringComparison.Ordinal);
        Assert.Contains("From: alice@contoso.com", content, System.StringComparison.Ordinal);
        Assert.Contains("Subject: unfolded", content, System.StringComparison.Ordinal);
        Assert.False(item.Message.IsSystemMessage);
    }

    [Theory]
    [InlineData("multipart/report; report-type=delivery-status; boundary=x", true)]
    [InlineData("multipart/mixed; boundary=x", false)]
    [InlineData(null, false)]
    public void IsSystemMessage_IsTheSameForTheCategorizerAndTheInProcessItem(string? contentType, bool expected)
    {
        var mime = Encoding.ASCII.GetBytes(
            "From: postmaster@contoso.com\r\nTo: alice@contoso.com\r\nSubject: report\r\n"
            + (contentType is null ? string.Empty : "MIME-Version: 1.0\r\nContent-Type: " + contentType + "\r\n")
            + "\r\n--x\r\nContent-Type: text/plain\r\n\r\nundeliverable\r\n--x--\r\n");
        var categorized = new HarnessMailItem(TestFiles.Organization("hybrid.xml"), string.Empty, new[] { "alice@contoso.com" }, mime);
        var inProcess = new InMemoryTransportItem(string.Empty, new[] { "alice@contoso.com" }, mime);

        Assert.Equal(expected, ExchangeMessageView.IsSystemMessage(mime));
        Assert.Equal(expected, categorized.Message.IsSystemMessage);
        Assert.Equal(expected, inProcess.IsSystemMessage);
    }

    [Theory]
    [InlineData("Content-Type: multipart/report; report-type=delivery-status; boundary=x", true)]
    [InlineData("Content-Type: Multipart/REPORT; boundary=x", true)]
    [InlineData("Content-Type:\r\n multipart/report;\r\n boundary=x", true)]
    [InlineData("Content-Type: multipart/report (delivery status); boundary=x", true)]
    [InlineData("Content-Type: =?us-ascii?b?bXVsdGlwYXJ0L3JlcG9ydA==?=", true)]
    [InlineData("Content-Type: multipart/mixed; report-type=delivery-status; boundary=x", false)]
    [InlineData("Content-Type: multipart/rep\r\n ort; boundary=x", false)]
    [InlineData("Content-Type: multipart/mixed; boundary=x", false)]
    [InlineData("X-Note: nothing here", false)]
    public void IsSystemMessage_TheQuickCheckBeforeTheHeaderParse_NeverChangesTheAnswer(string header, bool expectedByParsing)
    {
        var mime = Encoding.ASCII.GetBytes("From: postmaster@contoso.com\r\nTo: alice@contoso.com\r\nSubject: undeliverable\r\nMIME-Version: 1.0\r\n" + header + "\r\n\r\n--x\r\nContent-Type: message/delivery-status\r\n\r\nreport\r\n--x--\r\n");

        Assert.Equal(expectedByParsing, ExchangeMessageView.HasReportTypeByParsing(mime));
        Assert.Equal(expectedByParsing, ExchangeMessageView.IsSystemMessage(mime));
    }

    [Fact]
    public void IsSystemMessage_TheQuickCheckBeforeTheHeaderParse_AgreesWithTheParseOnEveryCorpusMessage()
    {
        var answeredWithoutParsing = 0;
        foreach (var path in TestRepository.CorpusEmlFiles())
        {
            var mime = System.IO.File.ReadAllBytes(path);
            var byParsing = ExchangeMessageView.HasReportTypeByParsing(mime);
            Assert.True(byParsing == ExchangeMessageView.IsSystemMessage(mime), path);
            if (!ExchangeMessageView.MayNameReportType(mime))
            {
                Assert.False(byParsing, path);
                answeredWithoutParsing++;
            }
        }

        // Not vacuous: most real messages are answered without the parse, and the corpus has reports that are not.
        Assert.True(answeredWithoutParsing > 50, $"only {answeredWithoutParsing} corpus messages were answered without parsing");
        Assert.Contains(TestRepository.CorpusEmlFiles(), path => ExchangeMessageView.IsSystemMessage(System.IO.File.ReadAllBytes(path)));
    }
}
