using System;
using System.Linq;
using ExchangeRules.Mime.Writing;
using Xunit;

namespace ExchangeRules.Mime.Tests.Writing;

public class LineBreakScanTests
{
    [Theory]
    [InlineData("", true)]
    [InlineData("\n", false)]
    [InlineData("\r\n", true)]
    [InlineData("a\r", true)]
    [InlineData("line one\r\nline two\r\n", true)]
    [InlineData("line one\r\nline two\n", false)]
    [InlineData("line one\nline two\r\n", false)]
    [InlineData("\r\r\n\r", true)]
    public void HasOnlyCrLf_ShortContent_FindsEveryBareLineFeed(string content, bool expected)
    {
        Assert.Equal(expected, LineBreakScan.HasOnlyCrLf(content.Select(c => (byte)c).ToArray()));
    }

    [Fact]
    public void HasOnlyCrLf_BareLineFeedAtEveryOffset_IsFoundWhereverTheVectorsSplitTheContent()
    {
        // Long enough for several vectors of any width; CRLF on either side of each vector boundary.
        var content = Enumerable.Range(0, 300).Select(i => i % 7 == 5 ? (byte)'\r' : i % 7 == 6 ? (byte)'\n' : (byte)'x').ToArray();
        Assert.True(LineBreakScan.HasOnlyCrLf(content));
        for (var at = 0; at < content.Length; at++)
        {
            var changed = (byte[])content.Clone();
            if (changed[at] == '\n')
            {
                // A CRLF whose CR goes: the LF is bare.
                changed[at - 1] = (byte)'x';
            }
            else
            {
                changed[at] = (byte)'\n';
                if (at > 0 && changed[at - 1] == '\r')
                {
                    changed[at - 1] = (byte)'y';
                }
            }

            Assert.False(LineBreakScan.HasOnlyCrLf(changed), $"a bare LF at offset {at} was not found");
        }
    }

    [Fact]
    public void HasOnlyCrLf_RandomContent_AgreesWithAByteByByteCheck()
    {
        var random = new Random(20261128);
        byte[] alphabet = [(byte)'\r', (byte)'\n', (byte)'a', (byte)'='];
        for (var round = 0; round < 2000; round++)
        {
            var content = new byte[random.Next(0, 160)];
            for (var i = 0; i < content.Length; i++)
            {
                // Mostly CRLF pairs, so that both answers occur often.
                content[i] = random.Next(10) == 0 ? alphabet[random.Next(alphabet.Length)] : (byte)'b';
                if (content[i] == '\n' && i > 0 && random.Next(3) > 0)
                {
                    content[i - 1] = (byte)'\r';
                }
            }

            var expected = Enumerable.Range(0, content.Length).All(i => content[i] != '\n' || (i > 0 && content[i - 1] == '\r'));
            Assert.Equal(expected, LineBreakScan.HasOnlyCrLf(content));
        }
    }
}
