using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using ExchangeRules.Mime.Tests.Support;
using ExchangeRules.Mime.Text;
using MimeKit;
using Xunit;

namespace ExchangeRules.Mime.Tests.Text;

/// <summary>
/// The line pass of the quoted-printable walk (<see cref="QuotedPrintableLines"/>) against the byte-by-byte walk it
/// shortcuts: the same encoded offset (or the same refusal) for every decoded offset, from every line start and from
/// inside lines, eager or not.
/// </summary>
public class QuotedPrintableLinesTests
{
    [Fact]
    public void AdvanceQuotedPrintable_EveryQuotedPrintableCorpusPart_AnswersLikeTheByteWalkAtEveryOffset()
    {
        var parts = 0;
        foreach (var (name, bytes) in CorpusMessages.QuotedPrintableCorpusParts())
        {
            // Every offset of the first lines, then about 300 spread over the rest (each walk is linear in its target).
            AssertSameAtEveryOffset(bytes, from: 0, name, step: Math.Max(1, bytes.Length / 300));
            AssertSameAtEveryOffset(bytes, from: bytes.Length / 3, name + " (from a third)", step: Math.Max(1, bytes.Length / 300));
            parts++;
        }

        Assert.True(parts > 20, $"the corpus has quoted-printable parts to compare ({parts})");
    }

    [Fact]
    public void AdvanceQuotedPrintable_RandomHostileContent_AnswersLikeTheByteWalk()
    {
        // Lines built from the tokens that decide the walk: escapes in both cases, broken ones, soft breaks with CRLF and
        // LF, bare CRs, trailing white space, control and 8-bit bytes, and long literal runs that span vectors.
        string[] tokens =
        {
            "abc", "<div class=3D\"x\">", "=3D", "=C3=A9", "=c3", "=G1", "=4", "=", " ", "\t", "\r\n", "\n", "\r", "=\r\n", "=\n",
            "\u0001", "\u007f", "\u00e9", "  \r\n", "x\t\n", new string('a', 40), new string('b', 75), "==", "= \r\n",
        };
        var random = new Random(20261208);
        for (var round = 0; round < 1500; round++)
        {
            var builder = new StringBuilder();
            var count = random.Next(1, 60);
            for (var i = 0; i < count; i++)
            {
                builder.Append(tokens[random.Next(tokens.Length)]);
            }

            var bytes = Encoding.Latin1.GetBytes(builder.ToString());
            AssertSameAtEveryOffset(bytes, from: 0, $"round {round}", step: 1);
            AssertSameAtEveryOffset(bytes, from: random.Next(bytes.Length + 1), $"round {round} (from inside)", step: 1);
        }
    }

    private static void AssertSameAtEveryOffset(byte[] bytes, int from, string what, int step)
    {
        for (var target = 0; target <= bytes.Length + 2; target += target < 1000 ? 1 : step)
        {
            foreach (var eager in new[] { true, false })
            {
                var expected = EncodedTextSplice.AdvanceQuotedPrintableByteWise(bytes, bytes.Length, from, target, eager);
                var actual = EncodedTextSplice.AdvanceQuotedPrintableByLines(bytes, bytes.Length, from, target, eager);
                if (expected != actual)
                {
                    Assert.Fail($"{what}: decoded offset {target} from {from} (eager {eager}): the byte walk says {expected}, the line pass {actual}");
                }
            }
        }
    }
}
