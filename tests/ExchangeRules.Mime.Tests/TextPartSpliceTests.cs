using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using MimeKit;
using Xunit;

namespace ExchangeRules.Mime.Tests;

/// <summary>The encoded-domain splice gives the same decoded text and charset as re-encoding the whole part.</summary>
public class TextPartSpliceTests
{
    private const string _asciiHtml = "<div id=\"sig\"><p>Jan Schmidt | Contoso Ltd. | +49 89 1234 5678</p></div>";
    private const string _unicodeHtml = "<div id=\"sig\"><p>Société Générale — Zürich | “Contoso” 😀</p></div>";

    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var path in System.IO.Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "messages"), "*.eml").OrderBy(p => p, StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Insert_FixtureTextParts_DecodesLikeTheFullRewrite(string fixture)
    {
        AssertSpliceMatchesRewrite(File.ReadAllBytes(Stamping.FixturePath(fixture)));
    }

    [Fact]
    public void Insert_EveryCorpusMessage_DecodesLikeTheFullRewrite()
    {
        var spliced = 0;
        foreach (var path in TestRepository.CorpusFiles())
        {
            spliced += AssertSpliceMatchesRewrite(File.ReadAllBytes(path));
        }

        Assert.True(spliced > 20, $"only {spliced} parts were spliced");
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    public void Insert_UsAsciiQuotedPrintableHtml_KeepsOriginalLinesAndRelabelsUtf8(string newLine)
    {
        var html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=us-ascii\"></head><body>" + newLine
            + "<p>Hello, the figures =are attached and this paragraph is long enough to need a soft line break somewhere.</p>" + newLine
            + "<div style=\"border:none;border-top:solid #E1E1E1 1.0pt\">From: Alice</div>" + newLine + "</body></html>" + newLine;
        var raw = "Content-Type: text/html; charset=us-ascii" + newLine + "Content-Transfer-Encoding: quoted-printable" + newLine + newLine
            + Encoding.ASCII.GetString(Text.EncodedTextSpliceTests.EncodeQuotedPrintable(html, newLine));
        var part = (TextPart)MimeEntity.Load(new MemoryStream(Encoding.ASCII.GetBytes(raw)));
        var original = ContentBytes(part);
        var text = TextPartContent.Read(part, out var exact);
        var offset = text.IndexOf("<div style", StringComparison.Ordinal);

        var charset = TextPartContent.Insert(part, text, exact, offset, _unicodeHtml, new RentedBuffers());

        Assert.Equal("utf-8", charset);
        Assert.Equal("utf-8", part.ContentType.Charset);
        Assert.Equal(ContentEncoding.QuotedPrintable, part.ContentTransferEncoding);
        Assert.Equal(text.Insert(offset, _unicodeHtml).Replace("charset=us-ascii", "charset=utf-8"), TextPartContent.Read(part, out _));
        var after = ContentBytes(part);
        var tail = Encoding.ASCII.GetString(original).Substring(Encoding.ASCII.GetString(original).IndexOf("<div style", StringComparison.Ordinal));
        Assert.EndsWith(tail, Encoding.ASCII.GetString(after), StringComparison.Ordinal);
        Text.EncodedTextSpliceTests.AssertWellFormedQuotedPrintable(after, newLine, original);
    }

    [Fact]
    public void Apply_OutlookReplyWithNonAsciiSignature_KeepsTheQuotedLinesByteForByte()
    {
        var original = File.ReadAllBytes(Stamping.FixturePath("outlook-word-reply.eml"));
        var source = Encoding.ASCII.GetString(original);
        var htmlStart = source.IndexOf("<html xmlns", StringComparison.Ordinal);
        var htmlEnd = source.IndexOf("--_000_", htmlStart, StringComparison.Ordinal);
        var quotedLines = source.Substring(htmlStart, htmlEnd - htmlStart).Split("\r\n").Where(l => l.Length > 0).TakeLast(15).ToList();

        var run = Stamping.Run("outlook-word-reply.eml", Stamping.Signature(html: "<p>Jan Schmidt | Société Générale, Zürich</p>", text: "Jan Schmidt | Société Générale, Zürich"));

        var output = Encoding.UTF8.GetString(run.Output);
        Assert.All(quotedLines, line => Assert.Contains(line + "\r\n", output, StringComparison.Ordinal));
        Assert.Contains("Société Générale, Zürich", run.Html, StringComparison.Ordinal);
        Assert.Contains("charset=utf-8", run.Html, StringComparison.Ordinal);
        Assert.Equal("utf-8", run.Parsed.BodyParts.OfType<TextPart>().Single(p => p.IsHtml).ContentType.Charset);
        Assert.Contains("Société Générale, Zürich", run.Text, StringComparison.Ordinal);
    }

    /// <summary>Inserts blocks at several offsets of every text part, once spliced and once rewritten; returns how many were spliced.</summary>
    private static int AssertSpliceMatchesRewrite(byte[] message)
    {
        MimeMessage parsed;
        try
        {
            parsed = MimeMessage.Load(new MemoryStream(message, writable: false));
        }
        catch (FormatException)
        {
            return 0;
        }

        var spliced = 0;
        var parts = parsed.BodyParts.OfType<TextPart>().Where(p => p.IsPlain || p.IsHtml).ToList();
        for (var index = 0; index < parts.Count; index++)
        {
            var text = TextPartContent.Read(parts[index], out var exact);
            if (!exact || parts[index].ContentTransferEncoding == ContentEncoding.Base64)
            {
                continue;
            }

            foreach (var offset in Offsets(text))
            {
                foreach (var block in new[] { _asciiHtml, _unicodeHtml })
                {
                    var viaSplice = PartOf(message, index);
                    var viaRewrite = PartOf(message, index);
                    var before = ContentBytes(viaSplice);

                    var splicedCharset = TextPartContent.TrySplice(viaSplice, text, offset, block, new RentedBuffers());
                    var spliceCharset = splicedCharset ?? TextPartContent.Insert(viaSplice, text, exact: true, offset, block, new RentedBuffers());
                    var rewriteCharset = TextPartContent.Write(viaRewrite, text.Insert(offset, block));

                    Assert.Equal(rewriteCharset, spliceCharset, ignoreCase: true);
                    Assert.Equal(viaRewrite.ContentType.Charset, viaSplice.ContentType.Charset, ignoreCase: true);
                    // The rewrite stores LF line ends (MimeKit's encoder); both become the message's own when it is written.
                    Assert.Equal(TextPartContent.Read(viaRewrite, out _).Replace("\r\n", "\n"), TextPartContent.Read(viaSplice, out _).Replace("\r\n", "\n"));
                    var after = ContentBytes(viaSplice);
                    if (splicedCharset is not null)
                    {
                        // Only the insertion when the charset stays; else the meta charset is a second edit.
                        Assert.True(!string.Equals(spliceCharset, parts[index].ContentType.Charset, StringComparison.OrdinalIgnoreCase) || CommonEnds(before, after) >= before.Length, "the splice changed original bytes");
                        spliced++;
                        if (viaSplice.Content!.Encoding == ContentEncoding.QuotedPrintable)
                        {
                            Text.EncodedTextSpliceTests.AssertWellFormedQuotedPrintable(after, Text.EncodedTextSpliceTests.NewLineOf(before), before);
                        }
                    }
                }
            }
        }

        return spliced;
    }

    private static IEnumerable<int> Offsets(string text)
    {
        yield return 0;
        foreach (var share in new[] { 3, 2 })
        {
            var lineStart = text.IndexOf('\n', text.Length / share);
            if (lineStart >= 0)
            {
                yield return lineStart + 1;
            }
        }

        var tag = text.IndexOf("<div", StringComparison.OrdinalIgnoreCase);
        if (tag >= 0)
        {
            yield return tag;
        }

        yield return text.Length;
    }

    private static TextPart PartOf(byte[] message, int index) =>
        MimeMessage.Load(new MemoryStream(message, writable: false)).BodyParts.OfType<TextPart>().Where(p => p.IsPlain || p.IsHtml).ElementAt(index);

    private static byte[] ContentBytes(MimePart part)
    {
        using var copy = new MemoryStream();
        var stream = part.Content!.Stream!;
        stream.Position = 0;
        stream.CopyTo(copy);
        stream.Position = 0;
        return copy.ToArray();
    }

    private static int CommonEnds(byte[] original, byte[] result)
    {
        var prefix = 0;
        while (prefix < original.Length && prefix < result.Length && original[prefix] == result[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < original.Length - prefix && suffix < result.Length - prefix && original[original.Length - 1 - suffix] == result[result.Length - 1 - suffix])
        {
            suffix++;
        }

        return prefix + suffix;
    }
}
