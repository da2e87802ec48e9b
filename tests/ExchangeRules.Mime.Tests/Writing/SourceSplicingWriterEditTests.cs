using System;
using System.IO;
using System.Linq;
using System.Text;
using MimeKit;
using Xunit;

namespace ExchangeRules.Mime.Tests.Writing;

/// <summary>What the writer copies and what it leaves to MimeKit, for each kind of change an edit can make.</summary>
public class SourceSplicingWriterEditTests
{
    private static readonly byte[] _mixed = File.ReadAllBytes(Stamping.FixturePath("mixed-with-embedded-message.eml"));

    [Fact]
    public void Write_TextEditedInsideAttachedMessage_KeepsEverythingAroundThatPartByteForByte()
    {
        var (source, message, layout) = SourceSplicingWriterTests.Parse(_mixed);
        var inner = ((MessagePart)((Multipart)message.Body!)[1]).Message!;
        var html = (TextPart)inner.Body!;
        var record = layout.Find(html)!;
        html.SetText(Encoding.ASCII, "<p>edited</p>");

        var written = Write(message, source, layout);

        var before = (int)record.HeadersEnd;
        var after = _mixed.Length - (int)record.End;
        Assert.Equal(_mixed.Take(before), written.Take(before));
        Assert.Equal(_mixed.Skip(_mixed.Length - after), written.Skip(written.Length - after));
        Assert.Equal("<p>edited</p>", Encoding.ASCII.GetString(written, before, written.Length - before - after));
    }

    [Fact]
    public void Write_HeaderOfOneAttachmentChanged_RewritesOnlyThatAttachment()
    {
        var (source, message, layout) = SourceSplicingWriterTests.Parse(_mixed);
        var parts = (Multipart)message.Body!;
        var pdf = (MimePart)parts[3];
        var pdfRecord = layout.Find(pdf)!;
        pdf.FileName = "renamed.pdf";

        var written = Write(message, source, layout);

        var before = (int)pdfRecord.Begin;
        var after = _mixed.Length - (int)pdfRecord.End;
        Assert.Equal(_mixed.Take(before), written.Take(before));
        Assert.Equal(_mixed.Skip(_mixed.Length - after), written.Skip(written.Length - after));
        var reread = MimeMessage.Load(new MemoryStream(written));
        var rereadPdf = reread.Attachments.OfType<MimePart>().Single(p => p.ContentType.MimeType == "application/pdf");
        Assert.Equal("renamed.pdf", rereadPdf.FileName);
        Assert.Equal(Decoded(pdf), Decoded(rereadPdf));
    }

    [Fact]
    public void Write_AttachmentAdded_MultipartIsWrittenByMimeKitAndEveryPartSurvives()
    {
        var (source, message, layout) = SourceSplicingWriterTests.Parse(_mixed);
        var parts = (Multipart)message.Body!;
        parts.Add(new MimePart("text", "csv") { FileName = "added.csv", Content = new MimeContent(new MemoryStream(Encoding.ASCII.GetBytes("a,b\r\n1,2\r\n"))), ContentTransferEncoding = ContentEncoding.Base64 });

        var written = Write(message, source, layout);

        Assert.Equal(Serialise(message), written);
        var reread = (Multipart)MimeMessage.Load(new MemoryStream(written)).Body!;
        Assert.Equal(5, reread.Count);
        Assert.Equal("a,b\r\n1,2\r\n", Encoding.ASCII.GetString(Decoded((MimePart)reread[4])));
        Assert.Equal(Decoded((MimePart)parts[3]), Decoded((MimePart)reread[3]));
    }

    [Fact]
    public void Write_BodyReplaced_WritesTheNewBodyLikeMimeKit()
    {
        var (source, message, layout) = SourceSplicingWriterTests.Parse(_mixed);
        message.Body = new TextPart("plain") { Text = "A new body.\r\n" };

        Assert.Equal(Serialise(message), Write(message, source, layout));
    }

    [Fact]
    public void Write_OnlyATopLevelHeaderAdded_RewritesTheHeaderBlockAndCopiesTheBody()
    {
        var (source, message, layout) = SourceSplicingWriterTests.Parse(_mixed);
        var bodyStart = (int)layout.Find(message)!.HeadersEnd;
        message.Headers.Add("X-Stamped", "yes");

        var written = Write(message, source, layout);

        var text = Encoding.ASCII.GetString(written);
        var blankLine = text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4;
        Assert.Contains("X-Stamped: yes\r\n", text[..blankLine], StringComparison.Ordinal);
        Assert.Equal(_mixed.Skip(bodyStart), written.Skip(blankLine));
    }

    private static byte[] Write(MimeMessage message, Stream source, ExchangeRules.Mime.Writing.SourceLayout layout) =>
        SourceSplicingWriterTests.Write(message, source, layout, SourceSplicingWriterTests.Format(NewLineFormat.Dos));

    private static byte[] Serialise(MimeMessage message)
    {
        using var output = new MemoryStream();
        message.WriteTo(SourceSplicingWriterTests.Format(NewLineFormat.Dos), output);
        return output.ToArray();
    }

    private static byte[] Decoded(MimePart part)
    {
        using var decoded = new MemoryStream();
        part.Content!.DecodeTo(decoded);
        return decoded.ToArray();
    }
}
