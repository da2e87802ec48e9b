using System;
using System.IO;
using System.Linq;
using System.Text;
using ExchangeRules.Harness.Tests.Support;
using ExchangeRules.Harness.Transport;
using Xunit;

namespace ExchangeRules.Harness.Tests.Transport;

public class HeaderBlockTests
{
    private static readonly byte[] _message = File.ReadAllBytes(TestFiles.Path("messages", "marked-reply.eml"));

    [Fact]
    public void Edit_ChangesTheHeaders_AndKeepsEveryBodyByte()
    {
        var edited = HeaderBlock.Edit(_message, headers => headers.Add("X-Tag", "1"));

        Assert.Equal(new[] { "1" }, Messages.Values(edited, "X-Tag"));
        Assert.EndsWith(Encoding.Latin1.GetString(Body(_message)), Encoding.Latin1.GetString(edited), StringComparison.Ordinal);
        Assert.Equal(Body(_message), Body(edited));
    }

    [Fact]
    public void Edit_MessageWithAHugeFoldedHeader_KeepsThatHeaderByteForByteAndEditsTheRest()
    {
        var message = Messages.Create("alice@contoso.com", "user0@partner.example");
        message.To.Clear();
        message.To.AddRange(Enumerable.Range(0, 2_000).Select(i => MimeKit.MailboxAddress.Parse($"user{i}@partner.example")));
        message.Headers.Add("X-MS-Exchange-Organization-AuthAs", "Internal");
        using var wire = new MemoryStream();
        message.WriteTo(WireFormat.Options, wire);
        var original = wire.ToArray();
        var text = Encoding.ASCII.GetString(original);
        var to = System.Text.RegularExpressions.Regex.Match(text, "(?m)^To: .*?\n(?![ \t])", System.Text.RegularExpressions.RegexOptions.Singleline, TimeSpan.FromSeconds(5)).Value;

        var edited = HeaderBlock.Edit(original, headers =>
        {
            headers.RemoveAll("X-MS-Exchange-Organization-AuthAs");
            headers.Insert(0, new MimeKit.Header("Received", "from test"));
        });

        var result = Encoding.ASCII.GetString(edited);
        Assert.True(to.Length > 16 * 1024);
        Assert.Contains(to, result, StringComparison.Ordinal);
        Assert.StartsWith("Received: from test", result, StringComparison.Ordinal);
        Assert.DoesNotContain("X-MS-Exchange-Organization-AuthAs", result, StringComparison.Ordinal);
        Assert.DoesNotContain("X-ExchangeRules-Harness-Large-Field", result, StringComparison.Ordinal);
        Assert.Equal(2_000, Messages.Parse(edited).To.Count);
        Assert.Equal(Body(original), Body(edited));
        Assert.Equal("Internal", HeaderBlock.Read(original)["X-MS-Exchange-Organization-AuthAs"]);
    }

    [Fact]
    public void Edit_ForgedOrganizationHeaderLongerThanALargeField_IsSeenAndStrippedByTheHeaderFirewall()
    {
        // A sender controls the size of what it forges: an X-MS-Exchange-Organization-AuthAs folded over 16 KB must be
        // stripped on receipt from the internet like a short one (Exchange's header firewall has no size exception).
        var padding = string.Concat(Enumerable.Repeat("\r\n ", 6_000));
        var forged = Encoding.ASCII.GetBytes("From: mallory@attacker.example\r\nTo: adele@contoso.com\r\nX-MS-Exchange-Organization-AuthAs: Internal" + padding + "\r\nSubject: hi\r\n\r\nbody\r\n");

        var edited = HeaderBlock.Edit(forged, ExchangeHeaders.StripTransportHeaders);

        Assert.Equal("Internal", HeaderBlock.Read(forged)["X-MS-Exchange-Organization-AuthAs"]?.Trim());
        Assert.DoesNotContain("X-MS-Exchange-Organization-AuthAs", Encoding.ASCII.GetString(edited), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(ExchangeHeaders.ClassifyOrigin(HeaderBlock.Read(edited)), ExchangeHeaders.ClassifyOrigin(HeaderBlock.Read(Encoding.ASCII.GetBytes("From: mallory@attacker.example\r\n\r\nbody\r\n"))));
    }

    [Fact]
    public void Read_MessageWithAHugeFoldedHeader_ShowsThatHeaderNotAPlaceholder()
    {
        // What the harness shows agents (Message.RootPart.Headers) is the message's own fields, large ones included.
        var message = Messages.Create("alice@contoso.com", "user0@partner.example");
        message.To.Clear();
        message.To.AddRange(Enumerable.Range(0, 2_000).Select(i => MimeKit.MailboxAddress.Parse($"user{i}@partner.example")));
        using var wire = new MemoryStream();
        message.WriteTo(WireFormat.Options, wire);

        var headers = HeaderBlock.Read(wire.ToArray());

        Assert.DoesNotContain(headers, h => h.Field.StartsWith("X-ExchangeRules-Harness-Large-Field", StringComparison.Ordinal));
        Assert.Equal(2_000, MimeKit.InternetAddressList.Parse(headers["To"] ?? string.Empty).Count);
    }

    [Fact]
    public void Edit_MessageWithAHugeFoldedHeader_AllocatesTheEditedMessageOnce()
    {
        // A To header of 10,000 addresses makes a message of about 300 KB that every hop edits: a stream grown to the message's
        // size and copied out were two more copies of it, each on the large object heap (whose collections are gen2 ones).
        var message = Messages.Create("alice@contoso.com", "user0@partner.example");
        message.To.Clear();
        message.To.AddRange(Enumerable.Range(0, 10_000).Select(i => MimeKit.MailboxAddress.Parse($"user{i}@partner{i % 50}.example")));
        using var wire = new MemoryStream();
        message.WriteTo(WireFormat.Options, wire);
        var original = wire.ToArray();
        HeaderBlock.Edit(original, headers => headers.Insert(0, new MimeKit.Header("Received", "from test")));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var edited = HeaderBlock.Edit(original, headers => headers.Insert(0, new MimeKit.Header("Received", "from test")));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(original.Length > 200_000);
        Assert.Equal(original.Length + "Received: from test\r\n".Length, edited.Length);
        Assert.InRange(allocated, edited.Length, edited.Length + (64 * 1024));
    }

    [Fact]
    public void Edit_OfASegmentInsideALargerBuffer_EditsOnlyThatMessage_LikeTheWholeArray()
    {
        var buffer = Enumerable.Repeat((byte)'#', 100).Concat(_message).Concat(Enumerable.Repeat((byte)'#', 300)).ToArray();

        var fromSegment = HeaderBlock.Edit(new ArraySegment<byte>(buffer, 100, _message.Length), headers => headers.Add("X-Tag", "1"));

        Assert.Equal(HeaderBlock.Edit(_message, headers => headers.Add("X-Tag", "1")), fromSegment);
    }

    [Fact]
    public void Edit_MessageWithoutABody_EndsTheHeaderBlockWithABlankLine()
    {
        var headersOnly = Encoding.ASCII.GetBytes("From: bob.jones@contoso.example\r\nSubject: no body\r\n");

        var edited = HeaderBlock.Edit(headersOnly, headers => headers.Add("X-Tag", "1"));

        Assert.Equal("From: bob.jones@contoso.example\r\nSubject: no body\r\nX-Tag: 1\r\n\r\n", Encoding.ASCII.GetString(edited));
    }

    [Fact]
    public void Read_ReturnsOnlyTheTopLevelHeaders()
    {
        var headers = HeaderBlock.Read(_message);

        Assert.Equal("Quarterly numbers", headers["Subject"]);
        Assert.Equal(12, headers.Count);
    }

    /// <summary>Everything after the blank line that ends the top-level header block.</summary>
    internal static byte[] Body(byte[] mime)
    {
        for (var i = 0; i + 3 < mime.Length; i++)
        {
            if (mime[i] == '\r' && mime[i + 1] == '\n' && mime[i + 2] == '\r' && mime[i + 3] == '\n')
            {
                return mime.Skip(i + 4).ToArray();
            }
        }

        throw new InvalidOperationException("The message has no blank line after its headers.");
    }
}
