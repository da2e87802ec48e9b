using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using ExchangeRules.Benchmarks.Fixtures;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Mime;
using ExchangeRules.Mime.Html;
using ExchangeRules.Mime.Markers;
using ExchangeRules.Mime.Text;
using ExchangeRules.Mime.Writing;
using MimeKit;

namespace ExchangeRules.Benchmarks.Tools;

/// <summary>
/// A stopwatch breakdown of the editor's own steps on the 40 KB Outlook reply (reading the text parts, finding the
/// newest part, splicing), each measured alone in the same process; the editor's internals are visible to this project.
/// </summary>
internal static class EditingStepsProfile
{
    /// <summary>Prints one Markdown row per step; with <paramref name="only"/>, only the steps whose name contains one of its '|'-separated texts (for a profiler).</summary>
    public static int Run(int iterations, string? only = null)
    {
        var mime = MessageFixtures.OutlookReply40K(MessageFixtures.ExternalRecipient);
        var markers = ReplyMarkerSet.Default;
        var body = BodyLocator.Find(Load(mime).Body);
        var htmlPart = body.Html ?? throw new InvalidOperationException("The fixture has no HTML part.");
        var textPart = body.Plain ?? throw new InvalidOperationException("The fixture has no text part.");
        var html = TextPartContent.Read(htmlPart, out var htmlExact);
        var text = TextPartContent.Read(textPart, out var textExact);
        Console.WriteLine($"HTML part: {htmlPart.ContentType.Charset}, {htmlPart.ContentTransferEncoding}, read exactly: {htmlExact}; text part: {textPart.ContentType.Charset}, {textPart.ContentTransferEncoding}, read exactly: {textExact}");
        var newest = new HtmlLocator(html, markers, EditBudget.Unlimited).NewestPart.End;
        var textNewest = PlainTextLocator.Locate(text, Placement.UnderNewestReply, markers, EditBudget.Unlimited).NewestEnd;
        var bodyEnd = new HtmlLocator(html, markers, EditBudget.Unlimited).BodyEnd;
        var htmlTop = TextPartContent.ReadPrefix(htmlPart, 6 * 1024, out _) ?? throw new InvalidOperationException("The HTML part has no readable top.");
        var textTop = TextPartContent.ReadPrefix(textPart, 4 * 1024, out _) ?? throw new InvalidOperationException("The text part has no readable top.");
        var htmlTopNewest = new HtmlLocator(htmlTop, markers, EditBudget.Unlimited, isPrefix: true).Locate(Placement.UnderNewestReply).InsertAt;
        var textTopNewest = PlainTextLocator.Locate(textTop, Placement.UnderNewestReply, markers, EditBudget.Unlimited).InsertAt;
        Console.WriteLine($"editor path: HTML top {htmlTop.Length} chars, newest part ends at {htmlTopNewest}; text top {textTop.Length} chars, newest part ends at {textTopNewest}");
        var htmlAnchors = markers.HtmlAnchors!;
        var textAnchors = markers.HtmlTextAnchors!;
        var steps = new List<(string Name, Func<long> Step)>
        {
            ("MimeKit persistent parse (what every splice step below also pays)", () => HeaderCount(mime)),
            ("MimeKit persistent parse, recording the source layout", () => HeaderCountWithLayout(mime)),
            ("parse with layout, add a header, write spliced from the source (into a growing MemoryStream)", () => WriteSpliced(mime, new MemoryStream())),
            ("parse with layout, add a header, write spliced from the source (into a presized MemoryStream)", () => WriteSpliced(mime, new MemoryStream(mime.Length + 4096))),
            ("parse, add a header, MimeKit's WriteTo (into a presized MemoryStream)", () => WriteWithMimeKit(mime, new MemoryStream(mime.Length + 4096))),
            ($"read the HTML part as a string ({html.Length} chars)", () => TextPartContent.Read(htmlPart, out _).Length),
            ($"read the text part as a string ({text.Length} chars)", () => TextPartContent.Read(textPart, out _).Length),
            ("HTML: find the newest part (anchors, one tag tokenised)", () => new HtmlLocator(html, markers, EditBudget.Unlimited).NewestPart.End),
            ($"HTML: text-marker anchors searched over the whole part (no hit, {html.Length} chars)", () => textAnchors.IndexOf(html, 0, html.Length)),
            ($"HTML: anchor search over the part up to the newest part's end ({newest} chars)", () => htmlAnchors.IndexOf(html, 0, newest)),
            ($"anchors: all HTML anchors over the part's first {newest} chars", () => htmlAnchors.IndexOf(html, 0, newest) + htmlAnchors.IndexOf(html, 0, newest)),
            ($"anchors: HTML attribute anchors over the part's first {newest} chars", () => markers.HtmlAttributeAnchors!.IndexOf(html, 0, newest) + markers.HtmlAttributeAnchors!.IndexOf(html, 0, newest)),
            ($"anchors: HTML text anchors over the part's first {newest} chars", () => textAnchors.IndexOf(html, 0, newest) + textAnchors.IndexOf(html, 0, newest)),
            ($"anchors: HTML line anchors over the part's first {newest} chars", () => markers.HtmlLineAnchors!.IndexOf(html, 0, newest) + markers.HtmlLineAnchors!.IndexOf(html, 0, newest)),
            ("text: find the newest part", () => PlainTextLocator.Locate(text, Placement.UnderNewestReply, markers, EditBudget.Unlimited).NewestEnd),
            ("parse + splice the signature into the HTML part", () => Splice(mime, html, newest, isHtml: true)),
            ("parse + splice the signature into the text part", () => Splice(mime, text, textNewest, isHtml: false)),
            ("parse + splice the signature at the end of the HTML body", () => Splice(mime, html, bodyEnd, isHtml: true)),
            ("parse + splice the signature at the end of the text part", () => Splice(mime, text, text.Length, isHtml: false)),
            ("HTML: where the body ends", () => new HtmlLocator(html, markers, EditBudget.Unlimited).BodyEnd),
            ($"editor path: read the HTML top (6 KB from <body, {htmlTop.Length} chars)", () => TextPartContent.ReadPrefix(htmlPart, 6 * 1024, out _)!.Length),
            ($"editor path: read the text top (4 KB, {textTop.Length} chars)", () => TextPartContent.ReadPrefix(textPart, 4 * 1024, out _)!.Length),
            ("editor path: HTML locator on the top", () => new HtmlLocator(htmlTop, markers, EditBudget.Unlimited, isPrefix: true).Locate(Placement.UnderNewestReply).InsertAt),
            ("editor path: text locator on the top", () => PlainTextLocator.Locate(textTop, Placement.UnderNewestReply, markers, EditBudget.Unlimited).InsertAt),
            ("editor path: prepare the HTML splice on the top (relabelled UTF-8)", () => PrepareSplice(htmlPart, htmlTop, htmlTopNewest, $"<div>{Disclaimer.Html}</div>")),
            ("editor path: prepare the text splice on the top (relabelled UTF-8)", () => PrepareSplice(textPart, textTop, textTopNewest, Disclaimer.Text + "\r\n\r\n")),
        };
        InterleavedStopwatch.Print("editor step (40 KB Outlook reply)", InterleavedStopwatch.Select(steps, only), iterations);
        return 0;
    }

    private static MimeMessage Load(byte[] mime) =>
        new MimeParser(new MemoryStream(mime, writable: false), MimeFormat.Entity, persistent: true).ParseMessage();

    private static (MimeMessage Message, SourceLayout Layout) ParseWithLayout(byte[] mime) =>
        SourceLayout.Parse(new MimeParser(new MemoryStream(mime, writable: false), MimeFormat.Entity, persistent: true));

    // Every parse below is disposed, as the editor disposes its own: an undisposed MimeMessage survives its first
    // collection through its finalizer, and the row would time gen1 collections (the parse read 65-75 µs, not 30).
    private static long HeaderCount(byte[] mime)
    {
        using var message = Load(mime);
        return message.Headers.Count;
    }

    private static long HeaderCountWithLayout(byte[] mime)
    {
        using var message = ParseWithLayout(mime).Message;
        return message.Headers.Count;
    }

    private static long WriteSpliced(byte[] mime, MemoryStream destination)
    {
        var source = new MemoryStream(mime, writable: false);
        var (message, layout) = SourceLayout.Parse(new MimeParser(source, MimeFormat.Entity, persistent: true));
        using var parsed = message;
        message.Headers.Add("X-Profile", "1");
        SourceSplicingWriter.Write(message, source, layout, FormatOptions.Default, destination);
        return destination.Length;
    }

    private static long WriteWithMimeKit(byte[] mime, MemoryStream destination)
    {
        using var message = Load(mime);
        message.Headers.Add("X-Profile", "1");
        message.WriteTo(FormatOptions.Default, destination);
        return destination.Length;
    }

    /// <summary>Prepares a splice on a part's top as the editor does, and drops it (the pooled buffer goes back).</summary>
    private static long PrepareSplice(TextPart part, string top, int offset, string insertion)
    {
        var splice = TextPartContent.PrepareSplice(part, top, offset, insertion, textIsPrefix: true) ?? throw new InvalidOperationException("The splice fell back to a rewrite.");
        splice.Discard();
        return splice.Charset.Length;
    }

    private static long Splice(byte[] mime, string decoded, int offset, bool isHtml)
    {
        using var message = Load(mime);
        var body = BodyLocator.Find(message.Body);
        var part = (isHtml ? body.Html : body.Plain)!;
        var insertion = isHtml ? $"<div>{Disclaimer.Html}</div>" : Disclaimer.Text + "\r\n\r\n";
        var buffers = new RentedBuffers();
        var charset = TextPartContent.TrySplice(part, decoded, offset, insertion, buffers) ?? throw new InvalidOperationException("The splice fell back to a rewrite.");
        buffers.ReturnAll();
        return charset.Length;
    }
}
