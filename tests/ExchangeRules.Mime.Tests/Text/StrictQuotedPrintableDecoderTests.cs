using System;
using System.IO;
using System.Linq;
using System.Text;
using ExchangeRules.Mime.Tests.Support;
using ExchangeRules.Mime.Text;
using MimeKit;
using MimeKit.Encodings;
using Xunit;

namespace ExchangeRules.Mime.Tests.Text;

public class StrictQuotedPrintableDecoderTests
{
    [Theory]
    [InlineData("plain text only", "plain text only")]
    [InlineData("caf=C3=A9 cr=C3=A8me", "café crème")]
    [InlineData("a soft=\r\nbreak", "a softbreak")]
    [InlineData("a soft=\nbreak with LF", "a softbreak with LF")]
    [InlineData("<div class=3D\"x\">\r\n</div>", "<div class=\"x\">\r\n</div>")]
    [InlineData("lower case =c3=a9", "lower case é")]
    [InlineData("ends with a soft break=\r\n", "ends with a soft break")]
    public void TryDecode_StrictContent_DecodesLikeMimeKit(string encoded, string expected)
    {
        var bytes = Encoding.ASCII.GetBytes(encoded);

        var decoded = Decode(bytes);

        Assert.NotNull(decoded);
        Assert.Equal(expected, Encoding.UTF8.GetString(decoded!));
        Assert.Equal(MimeKitDecode(bytes), decoded);
    }

    [Theory]
    [InlineData("trailing space \r\nnext")]
    [InlineData("trailing tab\t\nnext")]
    [InlineData("broken =G1 escape")]
    [InlineData("cut escape =4")]
    [InlineData("equals at the end =")]
    [InlineData("equals then CR =\r")]
    public void TryDecode_ContentOutsideTheStrictGrammar_IsLeftToMimeKit(string encoded)
    {
        Assert.Null(Decode(Encoding.ASCII.GetBytes(encoded)));
    }

    [Fact]
    public void TryDecode_EveryQuotedPrintableCorpusPart_DecodesExactlyLikeMimeKitOrDeclines()
    {
        var strict = 0;
        foreach (var (name, bytes) in CorpusMessages.QuotedPrintableCorpusParts())
        {
            var decoded = Decode(bytes);
            if (decoded is not null)
            {
                strict++;
                Assert.True(MimeKitDecode(bytes).SequenceEqual(decoded), $"{name}: a part decodes differently");
            }
        }

        Assert.True(strict > 20, $"the corpus has strict quoted-printable parts to compare ({strict})");
    }

    private static byte[]? Decode(byte[] encoded)
    {
        var output = new byte[encoded.Length];
        var count = StrictQuotedPrintableDecoder.TryDecode(encoded, encoded.Length, output);
        return count < 0 ? null : output.AsSpan(0, count).ToArray();
    }

    private static byte[] MimeKitDecode(byte[] encoded)
    {
        var decoder = new QuotedPrintableDecoder();
        var output = new byte[decoder.EstimateOutputLength(encoded.Length)];
        var count = decoder.Decode(encoded, 0, encoded.Length, output);
        return output.AsSpan(0, count).ToArray();
    }
}
