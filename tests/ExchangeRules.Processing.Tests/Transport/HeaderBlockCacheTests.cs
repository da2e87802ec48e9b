using System;
using System.IO;
using System.Text;
using ExchangeRules.Processing.Transport;
using MimeKit;
using Xunit;

namespace ExchangeRules.Processing.Tests.Transport;

/// <summary>
/// The session's header block cache: a parse is reused exactly when the header block's bytes are the same, whatever
/// follows it; a changed block, one past the size limit, and a parse that fails are never reused.
/// </summary>
public class HeaderBlockCacheTests
{
    private const string _headers = "From: alice@contoso.com\r\nSubject: Offer\r\nX-MS-Exchange-Organization-AuthAs: Internal\r\n";

    [Fact]
    public void Read_SameHeaderBlock_DifferentBody_IsParsedOnce()
    {
        var cache = new HeaderBlockCache();

        var first = cache.Read(Stream(_headers + "\r\nHello\r\n"), Parse);
        var second = cache.Read(Stream(_headers + "\r\nA body another agent rewrote\r\n"), Parse);

        Assert.Equal(1, cache.Parses);
        Assert.Same(first, second);
        Assert.Equal("Internal", second["X-MS-Exchange-Organization-AuthAs"]);
    }

    [Theory]
    [InlineData("From: alice@contoso.com\r\nSubject: Offer\r\nX-MS-Exchange-Organization-AuthAs: Anonymous\r\n\r\nHello\r\n", "Anonymous")]
    [InlineData("From: alice@contoso.com\r\nSubject: Offer\r\nX-MS-Exchange-Organization-AuthAs: Internal\r\nX-Added: 1\r\n\r\nHello\r\n", "Internal")]
    [InlineData("From: alice@contoso.com\r\nSubject: Offer\r\n\r\nX-MS-Exchange-Organization-AuthAs: Internal\r\n", null)]
    [InlineData("From: alice@contoso.com\nSubject: Offer\nX-MS-Exchange-Organization-AuthAs: Internal\n\nHello\n", "Internal")]
    public void Read_ChangedHeaderBlock_IsParsedAgain(string changed, string? authAs)
    {
        var cache = new HeaderBlockCache();
        cache.Read(Stream(_headers + "\r\nHello\r\n"), Parse);

        var headers = cache.Read(Stream(changed), Parse);

        Assert.Equal(2, cache.Parses);
        Assert.Equal(authAs, headers["X-MS-Exchange-Organization-AuthAs"]);
    }

    [Fact]
    public void Read_SameHeaderBlock_WithoutABody_IsTheSameBlock()
    {
        var cache = new HeaderBlockCache();

        var first = cache.Read(Stream(_headers + "\r\nHello\r\n"), Parse);
        var second = cache.Read(Stream(_headers), Parse);

        Assert.Equal(1, cache.Parses);
        Assert.Same(first, second);
        Assert.Equal(3, HeaderList.Load(ParserOptions.Default, Stream(_headers)).Count);
    }

    [Fact]
    public void Read_HeaderBlockOverTheLimit_IsParsedEveryTime()
    {
        var cache = new HeaderBlockCache();
        var message = _headers + "X-Long: " + new string('a', HeaderBlockCache.MaxBlockBytes) + "\r\n\r\nHello\r\n";

        cache.Read(Stream(message), Parse);
        var headers = cache.Read(Stream(message), Parse);

        Assert.Equal(2, cache.Parses);
        Assert.Equal(HeaderBlockCache.MaxBlockBytes, headers["X-Long"]!.Length);
    }

    [Fact]
    public void Read_ParseFails_TheFailureIsNotKept_AndTheStreamIsBackAtTheStart()
    {
        var cache = new HeaderBlockCache();

        // A bare CR inside a field: the index declines the block, so MimeKit parses it.
        var stream = Stream(_headers + "X-Odd: a\rb\r\n\r\nHello\r\n");

        Assert.Throws<FormatException>(() => cache.Read(stream, _ => throw new FormatException("bad")));
        var headers = cache.Read(stream, Parse);

        Assert.Equal(0, stream.Position);
        Assert.Equal(2, cache.Parses);
        Assert.Equal("Offer", headers["Subject"]);
    }

    [Fact]
    public void Read_LongHeaderBlockOverSeveralReads_IsKeptAndReused()
    {
        var cache = new HeaderBlockCache();
        var builder = new StringBuilder(_headers);
        for (var i = 0; i < 600; i++)
        {
            builder.Append("Received: from hop").Append(i).Append(".contoso.com by mail.contoso.com\r\n");
        }

        var message = builder + "\r\nHello\r\n";
        cache.Read(new OneByteAtATimeStream(Encoding.ASCII.GetBytes(message)), Parse);
        var headers = cache.Read(Stream(message), Parse);

        Assert.Equal(1, cache.Parses);
        Assert.Equal(600, headers.Count - 3);
    }

    private static HeaderList Parse(Stream stream) => HeaderList.Load(ParserOptions.Default, stream);

    private static MemoryStream Stream(string text) => new(Encoding.ASCII.GetBytes(text), writable: false);

    /// <summary>A stream that returns fewer bytes than asked, as a network or file stream may.</summary>
    private sealed class OneByteAtATimeStream : MemoryStream
    {
        public OneByteAtATimeStream(byte[] bytes)
            : base(bytes, writable: false)
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 7));
    }
}
