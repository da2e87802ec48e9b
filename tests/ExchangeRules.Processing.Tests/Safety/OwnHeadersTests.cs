using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using ExchangeRules.Processing.Safety;
using ExchangeRules.Testing;
using MimeKit;
using Xunit;

namespace ExchangeRules.Processing.Tests.Safety;

/// <summary>
/// <see cref="OwnHeaders.FindIn"/> reads most header blocks through the editor's index instead of MimeKit's header
/// parse: it must name exactly the headers of ours MimeKit's parse finds (the ones hidden from evaluation and removed on
/// untrusted mail), in the same order and spelling, and leave the stream where it was.
/// </summary>
public class OwnHeadersTests
{
    public static TheoryData<string> Blocks() => new()
    {
        "X-ExchangeRules-Processed: 1\r\nFrom: a@example.com\r\nx-exchangerules-processed: 2\r\nX-EXCHANGERULES-Stamp: s\r\n\r\nbody\r\n",
        "From: a@example.com\nX-ExchangeRules-Processed: folded\n value\nX-ExchangeRules-Seal: x\n\nbody\n",
        "X-ExchangeRules-Processed : spaced, so MimeKit parses this block\r\nX-ExchangeRules-Seal: x\r\n\r\n",
        "From someone@example.com Tue Dec  8 03:00:00 2026\r\nX-ExchangeRules-Processed: 1\r\n\r\n",
        "X-ExchangeRules-Processed: no empty line\r\nX-ExchangeRules-Seal: x",
        " X-ExchangeRules-Processed: folded first line\r\n\r\n",
        "X-ExchangeRules-Processed: " + new string('a', 20_000) + "\r\nX-ExchangeRules-Big: " + string.Concat(Enumerable.Repeat("\r\n\tfold", 4000)) + "\r\n\r\n",
        "X-ExchangeRules: not ours (no hyphen after the prefix word)\r\nX-ExchangeRules-: empty suffix\r\n\r\n",
        "From: a@example.com\r\nSubject: none of ours\r\n\r\n",
    };

    [Theory]
    [MemberData(nameof(Blocks))]
    public void FindIn_HostileBlock_NamesWhatMimeKitsParseNames(string message) =>
        AssertSameAsMimeKit(Encoding.Latin1.GetBytes(message));

    [Fact]
    public void FindIn_EveryCorpusMessage_NamesWhatMimeKitsParseNames()
    {
        foreach (var path in TestRepository.CorpusFiles())
        {
            AssertSameAsMimeKit(File.ReadAllBytes(path));
        }
    }

    [Fact]
    public void FindIn_MessageAfterOtherBytes_ReadsFromThePosition_AndRestoresIt()
    {
        var bytes = Encoding.ASCII.GetBytes("ignored\r\nX-ExchangeRules-Processed: 1\r\n\r\nbody\r\n");
        using var stream = new MemoryStream(bytes) { Position = "ignored\r\n".Length };

        Assert.Equal(new[] { "X-ExchangeRules-Processed" }, OwnHeaders.FindIn(stream));
        Assert.Equal("ignored\r\n".Length, stream.Position);
    }

    private static void AssertSameAsMimeKit(byte[] bytes)
    {
        IReadOnlyList<string>? expected;
        try
        {
            expected = Reference(bytes);
        }
        catch (FormatException)
        {
            expected = null;
        }

        using var stream = new MemoryStream(bytes, writable: false);
        if (expected is null)
        {
            Assert.Throws<FormatException>(() => OwnHeaders.FindIn(stream));
        }
        else
        {
            Assert.Equal(expected, OwnHeaders.FindIn(stream));
        }

        Assert.Equal(0, stream.Position);
    }

    /// <summary>What FindIn returned before the index: our headers among those of MimeKit's header parse, each name once.</summary>
    private static List<string> Reference(byte[] bytes)
    {
        var names = new List<string>();
        foreach (var header in HeaderList.Load(ParserOptions.Default, new MemoryStream(bytes, writable: false)))
        {
            if (header.Field.StartsWith(OwnHeaders.Prefix, StringComparison.OrdinalIgnoreCase)
                && !names.Exists(name => string.Equals(name, header.Field, StringComparison.OrdinalIgnoreCase)))
            {
                names.Add(header.Field);
            }
        }

        return names;
    }
}
