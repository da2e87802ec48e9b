using System;
using System.Linq;
using System.Text;
using ExchangeRules.Harness.Exchange;
using ExchangeRules.Harness.Tests.Support;
using Microsoft.Exchange.Data.Mime;
using Xunit;

namespace ExchangeRules.Harness.Tests.Exchange;

/// <summary>
/// Header changes an agent makes through <c>Message.RootPart.Headers</c> reach the content the way Exchange's
/// document does, in work linear in the header block: a header block near MaxHeaderBytes with thousands of fields of
/// one name, all removed by one <c>RemoveAll</c>, is rewritten once, not once per field (that was quadratic: seconds
/// per message at 256 KB).
/// </summary>
public sealed class HarnessMailItemHeaderTests
{
    private const int _repeated = 2000;

    private static HarnessMailItem Item(string headers) =>
        new(TestFiles.Organization("hybrid.xml"), "alice@contoso.com", new[] { "bob@contoso.com" }, Encoding.ASCII.GetBytes(
            "From: alice@contoso.com\r\nTo: bob@contoso.com\r\nSubject: many headers\r\n" + headers + "MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nbody line\r\n"));

    private static string RepeatedHeaders(string name) =>
        string.Concat(Enumerable.Range(0, _repeated).Select(i => $"{name}: forged {i}\r\n"));

    [Fact]
    public void RemoveAllThenAppend_ThousandsOfFieldsOfOneName_RewritesTheHeaderBlockOnce()
    {
        var item = Item(RepeatedHeaders("X-ExchangeRules-Processed"));
        var headers = item.Message.RootPart.Headers;

        headers.RemoveAll("X-ExchangeRules-Processed");
        headers.AppendChild(new TextHeader("X-ExchangeRules-Processed", "v1"));
        var content = Encoding.ASCII.GetString(item.Content);

        Assert.Equal(1, item.HeaderBlockRewrites);
        Assert.Equal(new[] { "v1" }, Messages.Values(item.Content, "X-ExchangeRules-Processed"));
        Assert.StartsWith("From: alice@contoso.com\r\nTo: bob@contoso.com\r\nSubject: many headers\r\nMIME-Version: 1.0\r\n", content, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\nbody line\r\n", content, StringComparison.Ordinal);
    }

    [Fact]
    public void AddRemoveAndReadInTurn_TheContentFollowsEveryChangeInOrder()
    {
        var item = Item("X-Keep: 1\r\nX-Drop: 2\r\n");
        var headers = item.Message.RootPart.Headers;

        headers.RemoveChild(headers.FindFirst("X-Drop"));
        var added = headers.AppendChild(new TextHeader("X-Added", "a"));
        headers.AppendChild(new TextHeader("X-Second", "b"));
        headers.RemoveChild(added);
        Assert.Equal(new[] { "1" }, Messages.Values(item.Content, "X-Keep"));
        Assert.Empty(Messages.Values(item.Content, "X-Drop"));
        Assert.Empty(Messages.Values(item.Content, "X-Added"));
        Assert.Equal(new[] { "b" }, Messages.Values(item.Content, "X-Second"));

        // After the content was read, the same document keeps editing the new content.
        headers.RemoveChild(headers.FindFirst("X-Keep"));
        headers.AppendChild(new TextHeader("X-Third", "c"));
        using var read = item.GetMimeReadStream();
        var text = new System.IO.StreamReader(read, Encoding.ASCII).ReadToEnd();

        Assert.DoesNotContain("X-Keep", text, StringComparison.Ordinal);
        Assert.Contains("X-Second: b\r\nX-Third: c\r\n\r\nbody line", text, StringComparison.Ordinal);
        Assert.Equal(item.Content.LongLength, item.MimeStreamLength);
    }

    [Fact]
    public void RemoveThenAppendTheSameHeader_MovesItToTheEnd()
    {
        var item = Item("X-Moved: 1\r\n");
        var headers = item.Message.RootPart.Headers;
        var moved = headers.FindFirst("X-Moved");

        headers.RemoveChild(moved);
        headers.AppendChild(moved);

        Assert.EndsWith("Content-Type: text/plain\r\nX-Moved: 1\r\n\r\nbody line\r\n", Encoding.ASCII.GetString(item.Content), StringComparison.Ordinal);
        Assert.Equal(new[] { "1" }, Messages.Values(item.Content, "X-Moved"));
    }
}
