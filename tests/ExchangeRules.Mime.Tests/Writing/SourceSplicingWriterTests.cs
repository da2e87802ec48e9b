using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using ExchangeRules.Mime.Writing;
using MimeKit;
using Xunit;
using Xunit.Abstractions;

namespace ExchangeRules.Mime.Tests.Writing;

public class SourceSplicingWriterTests
{
    private readonly ITestOutputHelper _output;

    public SourceSplicingWriterTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public static IEnumerable<object[]> CorpusMessages() =>
        File.ReadAllLines(Path.Combine(TestRepository.Corpus, "INDEX.tsv")).Skip(1)
            .Select(l => l.Split('\t'))
            .Where(f => f.Length >= 4 && !f[3].Split(',').Contains("not-a-message"))
            .Select(f => new object[] { f[0] });

    [Fact]
    public void Write_EveryCorpusMessageUnchanged_CopiesTheSourceByteForByte()
    {
        var checkedMessages = 0;
        var problems = new List<string>();
        foreach (var path in CorpusMessages().Select(row => (string)row[0]))
        {
            var original = File.ReadAllBytes(Path.Combine(TestRepository.Corpus, path));
            if (!TryParse(original, out var source, out var message, out var layout))
            {
                continue;
            }

            var begin = (int)layout.Find(message)!.Begin;
            var written = Write(message, source, layout, Format(NewLineOf(original)));
            if (!written.SequenceEqual(original.Skip(begin).Take(written.Length)) || written.Length != (int)layout.Find(message)!.End - begin)
            {
                problems.Add(path);
            }

            checkedMessages++;
        }

        _output.WriteLine($"{checkedMessages} corpus messages written unchanged");
        Assert.True(checkedMessages > 100, $"only {checkedMessages} corpus messages could be parsed");
        Assert.Empty(problems);
    }

    [Fact]
    public void Write_EveryCorpusMessageWithHeadersAdded_MatchesMimeKitWhereMimeKitIsFaithful()
    {
        // Only headers added: the header block is copied from the source and the new headers are written after it. A
        // long value folds over several lines, which must take the message's line breaks.
        var longValue = string.Join(", ", Enumerable.Range(1, 12).Select(i => $"Signature rule number {i}"));
        var compared = 0;
        var problems = new List<string>();
        foreach (var path in CorpusMessages().Select(row => (string)row[0]))
        {
            var original = File.ReadAllBytes(Path.Combine(TestRepository.Corpus, path));
            if (!TryParse(original, out var source, out var message, out var layout))
            {
                continue;
            }

            var format = Format(NewLineOf(original));
            if (!Serialise(message, format).SequenceEqual(original))
            {
                continue;
            }

            message.Headers.Add("X-Stamped", "yes");
            message.Headers.Add("X-Long-Stamp", longValue);
            var spliced = Write(message, source, layout, format);
            var serialised = Serialise(message, format);
            compared++;
            if (!spliced.SequenceEqual(serialised))
            {
                problems.Add($"{path}: {Describe(spliced, serialised)}");
            }
        }

        _output.WriteLine($"{compared} corpus messages that MimeKit writes byte for byte compared");
        foreach (var problem in problems)
        {
            _output.WriteLine(problem);
        }

        Assert.True(compared > 50, $"only {compared} corpus messages could be compared");
        Assert.Empty(problems);
    }

    /// <summary>The edits the editor makes to a text part, as the writer sees them.</summary>
    public enum TextEdit
    {
        /// <summary>New text that MimeKit encodes when writing (the editor's fallback rewrite).</summary>
        TextToEncode,

        /// <summary>Content stored already quoted-printable encoded with the message's line breaks (the editor's splice).</summary>
        EncodedWithMessageLineBreaks,

        /// <summary>Content stored already encoded but with bare line feeds, which MimeKit's writer converts.</summary>
        EncodedWithLineFeeds,

        /// <summary>The part moved into a new multipart/related with an inline image (a signature with a logo).</summary>
        WrappedWithImage,

        /// <summary>An inline image added next to the part's siblings (a signature logo in an existing multipart).</summary>
        ImageAddedToParent,
    }

    [Theory]
    [InlineData(TextEdit.TextToEncode)]
    [InlineData(TextEdit.EncodedWithMessageLineBreaks)]
    [InlineData(TextEdit.EncodedWithLineFeeds)]
    [InlineData(TextEdit.WrappedWithImage)]
    [InlineData(TextEdit.ImageAddedToParent)]
    public void Write_EveryCorpusMessageWithAnEditedTextPart_ReadsLikeMimeKitsOwnSerialisationAndMatchesItWhereMimeKitIsFaithful(TextEdit edit)
    {
        var edited = 0;
        var identical = 0;
        var problems = new List<string>();
        foreach (var path in CorpusMessages().Select(row => (string)row[0]))
        {
            var original = File.ReadAllBytes(Path.Combine(TestRepository.Corpus, path));
            if (!TryParse(original, out var source, out var message, out var layout))
            {
                continue;
            }

            var textParts = message.BodyParts.OfType<TextPart>().Where(p => !p.IsAttachment).ToList();
            if (textParts.Count == 0)
            {
                continue;
            }

            var format = Format(NewLineOf(original));
            var mimeKitIsFaithful = Serialise(message, format).SequenceEqual(original);
            message.Headers.Add("X-Stamped", "yes");
            Apply(edit, message, textParts[textParts.Count - 1], format.NewLineFormat);
            var spliced = Write(message, source, layout, format);
            var serialised = Serialise(message, format);
            edited++;
            if (spliced.SequenceEqual(serialised))
            {
                identical++;
                continue;
            }

            // A multipart cut off before its closing boundary: MimeKit ends its serialisation with a line break the source
            // never had, which a reader adds to the last part's content. The source's end is kept.
            var newline = format.NewLineFormat == NewLineFormat.Dos ? "\r\n"u8.ToArray() : "\n"u8.ToArray();
            if (serialised.SequenceEqual(spliced.Concat(newline)) && message.Body is Multipart { Boundary: { } boundary } && !Encoding.ASCII.GetString(original).Contains("\n--" + boundary + "--", StringComparison.Ordinal))
            {
                identical++;
                continue;
            }

            if (mimeKitIsFaithful)
            {
                problems.Add($"{path}: MimeKit writes this message byte for byte, but {Describe(spliced, serialised)}");
            }
            else if (Canonical(spliced) != Canonical(serialised))
            {
                problems.Add($"{path}: reads differently from MimeKit's serialisation: {Describe(spliced, serialised)}");
            }
        }

        _output.WriteLine($"{edited} corpus messages edited; {identical} byte for byte as MimeKit writes them (or with the source's unterminated end kept)");
        foreach (var problem in problems)
        {
            _output.WriteLine(problem);
        }

        Assert.True(edited > 100, $"only {edited} corpus messages had a text part");
        Assert.Empty(problems);
    }

    private static void Apply(TextEdit edit, MimeMessage message, TextPart part, NewLineFormat newLine)
    {
        var lineBreak = newLine == NewLineFormat.Dos ? "\r\n" : "\n";
        switch (edit)
        {
            case TextEdit.TextToEncode:
                part.SetText(Encoding.UTF8, "edited by the test \u00e9\r\n");
                break;
            case TextEdit.EncodedWithMessageLineBreaks or TextEdit.EncodedWithLineFeeds:
                var separator = edit == TextEdit.EncodedWithLineFeeds ? "\n" : lineBreak;
                var encoded = Encoding.ASCII.GetBytes($"edited by the test =C3=A9{separator}second line={separator}continued{separator}");
                part.ContentTransferEncoding = ContentEncoding.QuotedPrintable;
                part.ContentType.Charset = "utf-8";
                part.Content = new MimeContent(new MemoryStream(encoded, 0, encoded.Length, writable: false, publiclyVisible: true), ContentEncoding.QuotedPrintable);
                break;
            case TextEdit.WrappedWithImage:
                var wrapper = new MultipartRelated();
                if (message.Body == part)
                {
                    message.Body = wrapper;
                }
                else
                {
                    var parent = message.BodyParts.Contains(part) ? Parent(message.Body!, part) : null;
                    parent![parent.IndexOf(part)] = wrapper;
                }

                wrapper.Add(part);
                wrapper.Add(Image());
                break;
            case TextEdit.ImageAddedToParent:
                if (message.Body is Multipart && Parent(message.Body, part) is { } container)
                {
                    container.Add(Image());
                }
                else
                {
                    part.SetText(Encoding.UTF8, "edited by the test \u00e9\r\n");
                }

                break;
        }
    }

    private static Multipart? Parent(MimeEntity root, MimeEntity child)
    {
        if (root is Multipart multipart)
        {
            if (multipart.Contains(child))
            {
                return multipart;
            }

            foreach (var inner in multipart)
            {
                if (Parent(inner, child) is { } found)
                {
                    return found;
                }
            }
        }

        return null;
    }

    private static MimePart Image() => new("image", "png")
    {
        Content = new MimeContent(new MemoryStream(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })),
        ContentId = "logo@test",
        ContentDisposition = new ContentDisposition(ContentDisposition.Inline) { FileName = "logo.png" },
        ContentTransferEncoding = ContentEncoding.Base64,
    };

    /// <summary>What a reader sees: the entity tree with content types, transfer encodings and decoded contents, and the top-level headers.</summary>
    private static string Canonical(byte[] bytes)
    {
        var message = MimeMessage.Load(new MemoryStream(bytes));
        var text = new StringBuilder();
        foreach (var header in message.Headers)
        {
            text.Append(header.Field).Append(": ").Append(header.Value).Append('\n');
        }

        foreach (var entity in message.BodyParts)
        {
            text.Append(entity.ContentType).Append('\n');
            if (entity is MimePart { Content: not null } part)
            {
                using var decoded = new MemoryStream();
                part.Content.DecodeTo(decoded);
                text.Append(part.ContentTransferEncoding).Append(' ').Append(Convert.ToBase64String(decoded.ToArray())).Append('\n');
            }
        }

        return text.ToString();
    }

    private static byte[] Serialise(MimeMessage message, FormatOptions format)
    {
        using var serialised = new MemoryStream();
        message.WriteTo(format, serialised);
        return serialised.ToArray();
    }

    private static string Describe(byte[] spliced, byte[] serialised)
    {
        var at = 0;
        while (at < spliced.Length && at < serialised.Length && spliced[at] == serialised[at])
        {
            at++;
        }

        string Around(byte[] bytes) => Encoding.ASCII.GetString(bytes, Math.Max(0, at - 40), Math.Min(bytes.Length, at + 40) - Math.Max(0, at - 40)).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        return $"first difference at byte {at} of {spliced.Length}/{serialised.Length}: spliced [{Around(spliced)}] MimeKit [{Around(serialised)}]";
    }

    internal static bool TryParse(byte[] original, out MemoryStream source, out MimeMessage message, out SourceLayout layout)
    {
        source = new MemoryStream(original, writable: false);
        try
        {
            (message, layout) = SourceLayout.Parse(new MimeParser(source, MimeFormat.Entity, persistent: true));
            return true;
        }
        catch (FormatException)
        {
            message = null!;
            layout = null!;
            return false;
        }
    }

    internal static (MemoryStream Source, MimeMessage Message, SourceLayout Layout) Parse(byte[] original)
    {
        Assert.True(TryParse(original, out var source, out var message, out var layout));
        return (source, message, layout);
    }

    internal static byte[] Write(MimeMessage message, Stream source, SourceLayout layout, FormatOptions format)
    {
        using var destination = new MemoryStream();
        SourceSplicingWriter.Write(message, source, layout, format, destination);
        return destination.ToArray();
    }

    /// <summary>The line ending the editor writes with: the one of the message's first line.</summary>
    internal static NewLineFormat NewLineOf(byte[] message)
    {
        var newline = Array.IndexOf(message, (byte)'\n');
        return newline > 0 && message[newline - 1] == (byte)'\r' ? NewLineFormat.Dos : NewLineFormat.Unix;
    }

    internal static FormatOptions Format(NewLineFormat newLine)
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = newLine;
        return format;
    }
}
