using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using ExchangeRules.Mime.Text;
using MimeKit;
using MimeKit.Encodings;
using Xunit;

namespace ExchangeRules.Mime.Tests.Text;

public class EncodedTextSpliceTests
{
    private const string _asciiBlock = "<p>Jan Schmidt | Contoso Ltd. | tel=+49 89 1234 5678 \t</p>";
    private const string _unicodeBlock = "<p>Société Générale, Zürich — 100 % “quoted” 😀 and a long line that must be wrapped by soft line breaks because it is long</p>";

    public static TheoryData<string> NewLines => new() { "\r\n", "\n" };

    [Theory]
    [MemberData(nameof(NewLines))]
    public void TrySplice_QuotedPrintableAtEveryOffset_DecodesToPrefixBlockSuffix(string newLine)
    {
        var decoded = SampleText(newLine);
        var encoded = EncodeQuotedPrintable(decoded, newLine);

        var spliced = 0;
        for (var offset = 0; offset <= decoded.Length; offset++)
        {
            // Editors never insert inside a character or a CRLF.
            if (offset > 0 && offset < decoded.Length && (char.IsLowSurrogate(decoded[offset]) || (decoded[offset - 1] == '\r' && decoded[offset] == '\n')))
            {
                continue;
            }

            foreach (var template in new[] { _asciiBlock, _unicodeBlock, "x", " ", "\nline\n", "a \n" })
            {
                var block = template.Replace("\n", newLine);
                var result = Splice(encoded, encoded.Length, quotedPrintable: true, sevenBit: false, decoded, new[] { new TextEdit(offset, 0, block) });

                Assert.True(result is not null, $"no splice at {offset} of '{block}'");
                var expected = decoded.Insert(offset, block);
                Assert.Equal(expected, DecodeQuotedPrintable(result!));
                AssertOriginalBytesKept(encoded, result!);
                AssertWellFormedQuotedPrintable(result!, newLine, encoded);
                spliced++;
            }
        }

        Assert.True(spliced > 100);
    }

    [Theory]
    [MemberData(nameof(NewLines))]
    public void TrySplice_ReplacementAndInsertion_BothApplyAndKeepTheRest(string newLine)
    {
        var decoded = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=us-ascii\"></head>" + newLine + SampleText(newLine);
        var encoded = EncodeQuotedPrintable(decoded, newLine);
        var charsetAt = decoded.IndexOf("us-ascii", StringComparison.Ordinal);
        var insertAt = decoded.IndexOf("Quoted", StringComparison.Ordinal);

        var result = Splice(encoded, encoded.Length, true, false, decoded, new[] { new TextEdit(charsetAt, "us-ascii".Length, "utf-8"), new TextEdit(insertAt, 0, _unicodeBlock) });

        Assert.NotNull(result);
        var expected = decoded.Insert(insertAt, _unicodeBlock).Replace("charset=us-ascii", "charset=utf-8");
        Assert.Equal(expected, DecodeQuotedPrintable(result!));
        AssertWellFormedQuotedPrintable(result!, newLine, encoded);
    }

    [Fact]
    public void TrySplice_LinesAfterTheInsertion_AreByteIdentical()
    {
        var decoded = SampleText("\r\n");
        var encoded = EncodeQuotedPrintable(decoded, "\r\n");
        var offset = decoded.IndexOf("Quoted", StringComparison.Ordinal);

        var result = Splice(encoded, encoded.Length, true, false, decoded, new[] { new TextEdit(offset, 0, _unicodeBlock) })!;

        var originalLines = Encoding.ASCII.GetString(encoded).Split("\r\n");
        var resultLines = Encoding.ASCII.GetString(result).Split("\r\n");
        var untouchedBefore = originalLines.TakeWhile(l => !l.Contains("Quoted", StringComparison.Ordinal)).ToList();
        Assert.Equal(untouchedBefore, resultLines.Take(untouchedBefore.Count));
        var untouchedAfter = originalLines.Skip(untouchedBefore.Count + 1).ToList();
        Assert.Equal(untouchedAfter, resultLines.Skip(resultLines.Length - untouchedAfter.Count));
    }

    [Fact]
    public void TrySplice_EscapeAtTheOffset_IsNeverSplit()
    {
        const string Decoded = "a=b=c=d=e";
        var encoded = Encoding.ASCII.GetBytes("a=3Db=3Dc=3Dd=3De");

        for (var offset = 0; offset <= Decoded.Length; offset++)
        {
            var result = Splice(encoded, encoded.Length, true, false, Decoded, new[] { new TextEdit(offset, 0, "X") })!;

            Assert.Equal(Decoded.Insert(offset, "X"), DecodeQuotedPrintable(result));
            AssertWellFormedQuotedPrintable(result, "\r\n", encoded);
        }
    }

    [Theory]
    [InlineData("lower =e9 case escape")]
    [InlineData("broken =G1 escape")]
    [InlineData("trailing space \r\nnext")]
    [InlineData("bare \r carriage return")]
    public void TrySplice_ContentOutsideTheStrictGrammar_ReturnsNull(string content)
    {
        var encoded = Encoding.ASCII.GetBytes(content);
        var decoded = Encoding.ASCII.GetString(Decode(encoded));

        var result = Splice(encoded, encoded.Length, true, false, decoded, new[] { new TextEdit(decoded.Length, 0, "X") });

        Assert.Null(result);
    }

    [Theory]
    [MemberData(nameof(NewLines))]
    public void TrySplice_SevenBit_InsertsTheBytesAndKeepsTheRest(string newLine)
    {
        var decoded = $"Hello,{newLine}{newLine}see below.{newLine}{newLine}-----Original Message-----{newLine}From: a{newLine}";
        var encoded = Encoding.ASCII.GetBytes(decoded);
        var offset = decoded.IndexOf("-----", StringComparison.Ordinal);
        var block = $"Jan Schmidt{newLine}Contoso{newLine}{newLine}";

        var result = Splice(encoded, encoded.Length, false, true, decoded, new[] { new TextEdit(offset, 0, block) });

        Assert.Equal(decoded.Insert(offset, block), Encoding.ASCII.GetString(result!));
    }

    [Fact]
    public void TrySplice_SevenBitWithNonAsciiOrOverlongBlock_ReturnsNull()
    {
        var encoded = Encoding.ASCII.GetBytes("Hello\r\n");

        Assert.Null(Splice(encoded, encoded.Length, false, true, "Hello\r\n", new[] { new TextEdit(5, 0, "Zürich") }));
        Assert.Null(Splice(encoded, encoded.Length, false, true, "Hello\r\n", new[] { new TextEdit(5, 0, new string('x', 998)) }));
    }

    [Fact]
    public void TrySplice_EightBitUtf8_InsertsUtf8Bytes()
    {
        const string Decoded = "Grüße\r\nzweite Zeile\r\n";
        var encoded = Encoding.UTF8.GetBytes(Decoded);

        var result = Splice(encoded, encoded.Length, false, false, Decoded, new[] { new TextEdit(7, 0, "Zürich\r\n") });

        Assert.Equal(Decoded.Insert(7, "Zürich\r\n"), Encoding.UTF8.GetString(result!));
    }

    /// <summary>The spliced content as bytes, or <see langword="null"/>.</summary>
    internal static byte[]? Splice(byte[] encoded, int length, bool quotedPrintable, bool sevenBit, string decoded, IReadOnlyList<TextEdit> edits)
    {
        using var output = new MemoryStream();
        return EncodedTextSplice.TrySplice(encoded, length, quotedPrintable, sevenBit, decoded, edits, output) ? output.ToArray() : null;
    }

    internal static string SampleText(string newLine)
    {
        var text = new StringBuilder();
        text.Append("<div class=\"WordSection1\"><p class=\"MsoNormal\">Hello Bob, price = 100 € and 50 % off, see attached.</p>").Append(newLine);
        text.Append("Tabs\tand  double spaces  at  places, trailing space ").Append(newLine);
        text.Append(new string('x', 150)).Append(" long line ").Append(new string('=', 40)).Append(newLine);
        text.Append("Ünïcödé 😀 text — “smart quotes” and ümlauts wrap across lines ümlauts ümlauts ümlauts ümlauts ümlauts").Append(newLine);
        text.Append(newLine);
        text.Append("<div style=\"border:none;border-top:solid #E1E1E1 1.0pt\">Quoted history</div>").Append(newLine);
        text.Append("> quoted line ending in tab\t").Append(newLine);
        text.Append("end");
        return text.ToString();
    }

    internal static byte[] EncodeQuotedPrintable(string decoded, string newLine)
    {
        var bytes = Encoding.UTF8.GetBytes(decoded.Replace("\r\n", "\n"));
        var encoder = new QuotedPrintableEncoder();
        var buffer = new byte[encoder.EstimateOutputLength(bytes.Length)];
        var length = encoder.Flush(bytes, 0, bytes.Length, buffer);
        var text = Encoding.ASCII.GetString(buffer, 0, length).Replace("\r\n", "\n");
        return Encoding.ASCII.GetBytes(newLine == "\n" ? text : text.Replace("\n", "\r\n"));
    }

    /// <summary>The line ending of encoded content (CRLF unless its first line ends in a bare LF).</summary>
    internal static string NewLineOf(byte[] encoded)
    {
        var lf = Array.IndexOf(encoded, (byte)'\n');
        return lf == 0 || (lf > 0 && encoded[lf - 1] != '\r') ? "\n" : "\r\n";
    }

    internal static string DecodeQuotedPrintable(byte[] encoded) =>
        new UTF8Encoding(false, true).GetString(Decode(encoded));

    private static byte[] Decode(byte[] encoded)
    {
        var decoder = new QuotedPrintableDecoder();
        var buffer = new byte[decoder.EstimateOutputLength(encoded.Length)];
        var length = decoder.Decode(encoded, 0, encoded.Length, buffer);
        return buffer.AsSpan(0, length).ToArray();
    }

    internal static void AssertOriginalBytesKept(byte[] original, byte[] result)
    {
        var prefix = 0;
        while (prefix < original.Length && prefix < result.Length && original[prefix] == result[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < original.Length - prefix && original[original.Length - 1 - suffix] == result[result.Length - 1 - suffix])
        {
            suffix++;
        }

        Assert.True(prefix + suffix == original.Length, $"only {prefix} + {suffix} of {original.Length} original bytes kept");
    }

    /// <summary>
    /// Lines the splice wrote are at most 76 characters, never end in whitespace and never split an escape; original lines
    /// and their pieces are as the original's encoder wrote them (MimeKit's writes some of 77 and 78 characters).
    /// </summary>
    internal static void AssertWellFormedQuotedPrintable(byte[] encoded, string newLine, byte[] original)
    {
        var originalLines = new HashSet<string>(Encoding.ASCII.GetString(original).Split(newLine), StringComparer.Ordinal);
        var text = Encoding.ASCII.GetString(encoded);
        var consistent = newLine == "\n" ? !text.Contains('\r', StringComparison.Ordinal) : text.Count(c => c == '\n') == text.Split("\r\n").Length - 1;
        Assert.True(consistent, "line endings differ from the original's: " + text.Replace("\r", "<CR>", StringComparison.Ordinal).Replace("\n", "<LF>", StringComparison.Ordinal));
        var lines = text.Split(newLine);
        foreach (var line in lines)
        {
            if (originalLines.Any(o => o.EndsWith(line, StringComparison.Ordinal)))
            {
                // An original line, or the rest of one after an insertion: its bytes are the original's.
                continue;
            }

            Assert.True(line.Length <= 76 || originalLines.Any(o => o.Length >= line.Length && o.StartsWith(line.TrimEnd('='), StringComparison.Ordinal)), $"new line over 76 characters: '{line}'");
            Assert.DoesNotContain('\r', line);
            Assert.DoesNotContain('\n', line);
            Assert.False(line.EndsWith(' ') || line.EndsWith('\t'), $"line ends in whitespace: '{line}'");
            for (var i = line.IndexOf('='); i >= 0; i = line.IndexOf('=', i + 1))
            {
                var softBreak = i == line.Length - 1;
                Assert.True(softBreak || (i + 2 < line.Length && Uri.IsHexDigit(line[i + 1]) && Uri.IsHexDigit(line[i + 2])), $"split escape in '{line}'");
                i += softBreak ? 0 : 2;
            }
        }
    }
}
