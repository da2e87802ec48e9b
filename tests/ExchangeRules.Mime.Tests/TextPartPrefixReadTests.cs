using System;
using System.IO;
using System.Linq;
using System.Text;
using ExchangeRules.Mime.Text;
using MimeKit;
using Xunit;

namespace ExchangeRules.Mime.Tests;

/// <summary>
/// <see cref="TextPartContent.ReadPrefix"/> reads a part's top from its stream only as far as it needs; the text and the
/// "whole" answer must be those of the straightforward reading: every byte read, the body tag and the line break after
/// the top searched in all of them.
/// </summary>
public class TextPartPrefixReadTests
{
    private static readonly int[] _tops = [0, 1, 64, 256, 1000, 4096, 6 * 1024, 10000, 12 * 1024, 20000, 70000];

    [Fact]
    public void ReadPrefix_EveryCorpusAndFixtureTextPart_ReadsWhatReadingEveryByteGives()
    {
        var compared = 0;
        foreach (var (file, message) in CorpusMessages.ParsableMessagesAndFixtures())
        {
            foreach (var part in message.BodyParts.OfType<TextPart>().Where(p => p.Content is not null))
            {
                compared += AssertLikeReadingEveryByte(part, file);
            }
        }

        Assert.True(compared > 200, $"the corpus has text parts whose tops were compared ({compared})");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadPrefix_LineLongerThanWhatIsReadFirst_CutsAfterItsEnd(bool html)
    {
        // One soft-broken line of 30 KB right after the top: its end lies far beyond the first read.
        var longLine = string.Concat(Enumerable.Repeat(new string('x', 70) + "=\r\n", 430)) + "end\r\n";
        var encoded = (html ? "<html><body>\r\n" : string.Empty) + "top line\r\n" + longLine + "after\r\n";
        var part = new TextPart(html ? "html" : "plain");
        part.ContentType.Charset = "us-ascii";
        part.Content = new MimeContent(new MemoryStream(Encoding.ASCII.GetBytes(encoded)), ContentEncoding.QuotedPrintable);

        var prefix = TextPartContent.ReadPrefix(part, 20, out var whole);

        Assert.False(whole);
        Assert.EndsWith("xend\r\n", prefix, StringComparison.Ordinal);
        Assert.True(AssertLikeReadingEveryByte(part, "long line") > 0);
    }

    /// <summary>Compares every top size with the straightforward reading; returns how many tops could be read.</summary>
    private static int AssertLikeReadingEveryByte(TextPart part, string what)
    {
        var raw = RawContent(part);
        var read = 0;
        foreach (var top in _tops)
        {
            var actual = TextPartContent.ReadPrefix(part, top, out var whole);
            var expected = ReadingEveryByte(part, raw, top, out var expectedWhole);
            Assert.True(expected == actual, $"{what}: a top of {top} bytes reads differently ({actual?.Length} characters, expected {expected?.Length})");
            if (actual is not null)
            {
                Assert.True(expectedWhole == whole, $"{what}: a top of {top} bytes says whole={whole}, expected {expectedWhole}");
                read++;
            }
        }

        return read;
    }

    /// <summary>The top as read before the partial reads: all bytes read, then searched and cut, then decoded.</summary>
    private static string? ReadingEveryByte(TextPart part, byte[] raw, int top, out bool whole)
    {
        whole = true;
        var encoding = part.Content!.Encoding;
        var charset = part.ContentType.Charset;
        var isAscii = string.Equals(charset, "us-ascii", StringComparison.OrdinalIgnoreCase);
        if (encoding == ContentEncoding.Base64 || !(isAscii || string.Equals(charset, "utf-8", StringComparison.OrdinalIgnoreCase))
            || encoding is not (ContentEncoding.QuotedPrintable or ContentEncoding.SevenBit or ContentEncoding.EightBit or ContentEncoding.Default))
        {
            return null;
        }

        var quotedPrintable = encoding == ContentEncoding.QuotedPrintable;
        var length = raw.Length;
        if (top < length && part.IsHtml)
        {
            var body = raw.AsSpan().IndexOf("<body"u8);
            top = body > 0 ? body + top : top;
        }

        if (top < length)
        {
            var end = length;
            for (var lf = Array.IndexOf(raw, (byte)'\n', top); lf >= 0; lf = lf + 1 < length ? Array.IndexOf(raw, (byte)'\n', lf + 1) : -1)
            {
                var before = lf > 0 && raw[lf - 1] == '\r' ? lf - 2 : lf - 1;
                if (!quotedPrintable || before < 0 || raw[before] != '=')
                {
                    end = lf + 1;
                    break;
                }
            }

            whole = end >= length;
            length = end;
        }

        byte[] decoded;
        int count;
        if (quotedPrintable)
        {
            decoded = new byte[length];
            count = StrictQuotedPrintableDecoder.TryDecode(raw, length, decoded);
            if (count < 0)
            {
                if (!whole)
                {
                    return null;
                }

                decoded = new byte[length + 16];
                count = new MimeKit.Encodings.QuotedPrintableDecoder().Decode(raw, 0, length, decoded);
            }
        }
        else
        {
            decoded = raw;
            count = length;
        }

        try
        {
            if (isAscii)
            {
                return Encoding.GetEncoding("us-ascii", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback).GetString(decoded, 0, count);
            }

            var hasBom = count >= 3 && decoded[0] == 0xEF && decoded[1] == 0xBB && decoded[2] == 0xBF;
            return hasBom ? null : new UTF8Encoding(false, true).GetString(decoded, 0, count);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static byte[] RawContent(TextPart part)
    {
        var stream = part.Content!.Stream ?? Stream.Null;
        stream.Position = 0;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        stream.Position = 0;
        return copy.ToArray();
    }
}
