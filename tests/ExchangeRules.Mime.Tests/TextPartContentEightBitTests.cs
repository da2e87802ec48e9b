using System;
using System.Linq;
using Xunit;

namespace ExchangeRules.Mime.Tests;

/// <summary>
/// <see cref="TextPartContent.HasEightBitContent"/> reads a vector at a time; whether a US-ASCII part may be relabelled
/// UTF-8 depends on it, so it must answer as a byte-by-byte check does.
/// </summary>
public class TextPartContentEightBitTests
{
    [Theory]
    [InlineData("plain ascii text, long enough for a few words", true, false)]
    [InlineData("soft break =\r\nand =3D escapes only", true, false)]
    [InlineData("an escape =E9 of Latin-1", true, true)]
    [InlineData("a lower-case escape =e9", true, true)]
    [InlineData("=E9 is text when not quoted-printable", false, false)]
    [InlineData("cut at the end =E", true, false)]
    [InlineData("cut at the end =", true, false)]
    public void HasEightBitContent_Examples_AnswerWhetherAByteOver0x7FIsDecoded(string content, bool quotedPrintable, bool expected)
    {
        var bytes = content.Select(c => (byte)c).ToArray();

        Assert.Equal(expected, TextPartContent.HasEightBitContent(bytes, bytes.Length, quotedPrintable));
    }

    [Fact]
    public void HasEightBitContent_RandomContents_AgreesWithAByteByByteCheck()
    {
        var random = new Random(20261207);
        byte[] escapes = [(byte)'=', (byte)'3', (byte)'D', (byte)'8', (byte)'9', (byte)'A', (byte)'F', (byte)'f', (byte)'G', (byte)'7', (byte)'x', (byte)' ', (byte)'\r', (byte)'\n', 0x7F];
        byte[] noEightBitEscape = [(byte)'=', (byte)'3', (byte)'D', (byte)'0', (byte)'7', (byte)'x', (byte)' ', (byte)'\r', (byte)'\n', (byte)'G', 0x7F];
        byte[] highs = [0x80, 0xE9, 0xFF];
        for (var round = 0; round < 20000; round++)
        {
            // Long enough for several vectors and a tail; in some rounds no 8-bit escape can occur and a rare byte over
            // 0x7F (or none) decides, at any offset.
            var length = random.Next(0, 160);
            var alphabet = random.Next(2) == 0 ? escapes : noEightBitEscape;
            var highRate = random.Next(3) * 100;
            var buffer = new byte[length + random.Next(0, 9)];
            for (var i = 0; i < buffer.Length; i++)
            {
                buffer[i] = random.Next(10000) < highRate ? highs[random.Next(highs.Length)] : alphabet[random.Next(alphabet.Length)];
            }

            foreach (var quotedPrintable in new[] { true, false })
            {
                Assert.True(
                    Expected(buffer, length, quotedPrintable) == TextPartContent.HasEightBitContent(buffer, length, quotedPrintable),
                    $"[{string.Join(" ", buffer.Take(length).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)))}] quoted-printable: {quotedPrintable}");
            }
        }
    }

    /// <summary>The check as it was written first: every byte on its own, bytes beyond <paramref name="length"/> ignored.</summary>
    private static bool Expected(byte[] raw, int length, bool quotedPrintable)
    {
        for (var i = 0; i < length; i++)
        {
            if (raw[i] >= 0x80)
            {
                return true;
            }

            if (quotedPrintable && raw[i] == '=' && i + 2 < length && "89ABCDEFabcdef".Contains((char)raw[i + 1], StringComparison.Ordinal) && Uri.IsHexDigit((char)raw[i + 2]))
            {
                return true;
            }
        }

        return false;
    }
}
