using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ExchangeRules.Benchmarks.Fixtures;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Mime;
using ExchangeRules.Mime.Html;
using ExchangeRules.Mime.Text;
using MimeKit;

namespace ExchangeRules.Benchmarks.Tools;

/// <summary>
/// A stopwatch breakdown of the insertion side of stamping the 40 KB Outlook reply with the realistic rule set's own
/// signature action (its logo included): the edit with and without the logo and the duplicate checks, and the steps
/// around the splice (the stamp header, the placement trace, the plain-text block) measured alone.
/// </summary>
internal static class InserterStepsProfile
{
    /// <summary>Prints one Markdown row per step; with <paramref name="only"/>, only the steps whose name contains one of its '|'-separated texts.</summary>
    public static int Run(int iterations, string? only = null)
    {
        var mime = MessageFixtures.OutlookReply40K(MessageFixtures.ExternalRecipient);
        var editor = BenchmarkProcessor.Editor;
        var plan = BenchmarkRules.Realistic();
        var directory = new BenchmarkDirectory();
        var envelope = BenchmarkProcessor.Envelope(MessageFixtures.ExternalRecipient);
        var content = editor.Read(new MemoryStream(mime, writable: false), SubmissionOrigin.Authenticated);
        var context = new ExchangeRules.Engine.Evaluation.MessageContext(envelope, content, BenchmarkOrganization.Instance, directory, DateTimeOffset.UtcNow);
        var signature = plan.Evaluate(context).Copies[0].Actions.OfType<InsertContentAction>().Single();
        Console.WriteLine($"the evaluated signature: {signature.Html.Length} HTML chars, {signature.Text.Length} text chars, {signature.Images.Count} image(s)");
        var withoutLogo = With(signature, skipIfPresent: true, images: []);
        var noChecks = With(signature, skipIfPresent: false, images: signature.Images);
        var noChecksNoLogo = With(signature, skipIfPresent: false, images: []);
        var parsed = MimeMessage.Load(new MemoryStream(mime, writable: false));
        var headers = MimeMessage.Load(new MemoryStream(mime, writable: false)).Headers;
        var placements = new[]
        {
            new PartPlacement("text/html", "Outlook header block", PlacementPosition.AboveMarker, 57, 3976),
            new PartPlacement("text/plain", "From:", PlacementPosition.AboveMarker, 23, 1582),
        };
        var logoBytes = Bytes(LogoPart(signature.Images[0]));
        var changed = new[] { "text/html (us-ascii)", "text/plain (us-ascii)" };
        var steps = new List<(string Name, Func<long> Step)>
        {
            ("evaluate the realistic 50-rule set again (the signature rendered from its template)", () => plan.Evaluate(context).Copies[0].Actions.Count),
            ("editor: the evaluated signature under the newest reply (logo, duplicate checks)", () => Apply(editor, mime, signature)),
            ("editor: the same without the logo", () => Apply(editor, mime, withoutLogo)),
            ("editor: the same without the duplicate checks (skipIfPresent=false)", () => Apply(editor, mime, noChecks)),
            ("editor: the same without the logo nor the duplicate checks", () => Apply(editor, mime, noChecksNoLogo)),
            ("stamp header: write one rule name into a parsed header list", () => WriteStamp(headers)),
            ("placement trace: describe two placements", () => PlacementDescription.Describe("signature", changed, placements).Length),
            ("plain-text block: render the signature's text (wrap, join)", () => string.Join("\r\n", PlainTextRenderer.Wrap(PlainTextRenderer.SourceText(signature.Text, signature.Html), 76)).Length),
            ("HTML block: HtmlStamp.Build", () => HtmlStamp.Build(signature, "\r\n").Length),
            ("logo: walk a parsed message for an existing Content-ID", () => Carries(parsed.Body, "contoso-logo") ? 1 : 0),
            ("logo: build the MimePart as the inserter does", () => LogoPart(signature.Images[0]).Headers.Count),
            ("logo: parse the part from its prepared bytes (reused parser)", () => ParsedLogo(logoBytes).Headers.Count),
            ("logo piece: new ContentType(multipart, related)", () => new ContentType("multipart", "related").MediaSubtype.Length),
            ("logo piece: ContentType.TryParse", () => ContentType.TryParse("image/png", out var t) ? t.MediaSubtype.Length : 0),
            ("logo piece: new MimePart(image, png)", () => new MimePart("image", "png").Headers.Count),
            ("logo piece: new MimePart(image, png) + ContentId", () => new MimePart("image", "png") { ContentId = "contoso-logo" }.Headers.Count),
            ("logo piece: new MimePart(image, png) + disposition", () => new MimePart("image", "png") { ContentDisposition = new ContentDisposition(ContentDisposition.Inline) { FileName = "logo.png" } }.Headers.Count),
            ("logo piece: new MimePart(image, png) + CTE", () => new MimePart("image", "png") { ContentTransferEncoding = ContentEncoding.Base64 }.Headers.Count),
            ("logo: a new multipart/related", () => new MultipartRelated().Headers.Count),
            ("logo: write the built MimePart alone (MimeKit)", () => WritePart(LogoPart(signature.Images[0]))),
            ("duplicate check: the block's fingerprints (cached)", () => (BlockFingerprint.Of(signature.Text).Probe?.Length ?? 0) + (BlockFingerprint.Of(HtmlParsing.PlainTextOf(signature.Html)).Probe?.Length ?? 0)),
        };
        InterleavedStopwatch.Print("inserter step (40 KB Outlook reply, the realistic rule set's signature)", InterleavedStopwatch.Select(steps, only), iterations);
        return 0;
    }

    private static InsertContentAction With(InsertContentAction action, bool skipIfPresent, IReadOnlyList<InlineImage> images) =>
        new(action.RuleName, action.FailurePolicy, action.Kind, action.Html, action.Text, action.Placement, skipIfPresent, images, action.SpecialMessages);

    private static bool Carries(MimeEntity? body, string contentId)
    {
        foreach (var entity in MimeWalker.Walk(body))
        {
            if (string.Equals(entity.ContentId, contentId, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static MimePart LogoPart(InlineImage image)
    {
        var type = ContentType.TryParse(image.MediaType, out var parsed) ? parsed : new ContentType("application", "octet-stream");
        var encoded = EncodedImages.Base64Of(image, NewLineFormat.Dos);
        return new MimePart(type)
        {
            Content = new MimeContent(new MemoryStream(encoded, 0, encoded.Length, writable: false, publiclyVisible: true), ContentEncoding.Base64),
            ContentId = image.ContentId,
            ContentDisposition = new ContentDisposition(ContentDisposition.Inline) { FileName = image.FileName },
            ContentTransferEncoding = ContentEncoding.Base64,
        };
    }

    private static byte[] Bytes(MimePart part)
    {
        using var output = new MemoryStream();
        part.WriteTo(FormatOptions.Default, output);
        return output.ToArray();
    }

    private static readonly ParserOptions _options = ParserOptions.Default.Clone();

    private static MimeEntity ParsedLogo(byte[] bytes)
    {
        var stream = new MemoryStream(bytes, 0, bytes.Length, writable: false, publiclyVisible: true);
        var parser = ReusedParser.Rent(_options, stream);
        try
        {
            var entity = parser.ParseEntity();
            entity.Dispose();
            return entity;
        }
        finally
        {
            ReusedParser.Return(parser, _options);
        }
    }

    private static long WritePart(MimePart part)
    {
        using var output = new MemoryStream(1024);
        part.WriteTo(output);
        part.Dispose();
        return output.Length;
    }

    private static long WriteStamp(HeaderList headers)
    {
        StampHeader.Write(headers, ["Signature Sales"], null);
        return headers.Count;
    }

    private static long Apply(IMessageEditor editor, byte[] mime, PlannedAction action)
    {
        using var input = new MemoryStream(mime, writable: false);
        using var output = new MemoryStream(mime.Length + 8192);
        var content = editor.Read(input, SubmissionOrigin.Authenticated);
        try
        {
            if (!editor.Apply(content, [action], output).Changed)
            {
                throw new InvalidOperationException($"{action.GetType().Name} did not change the message.");
            }
        }
        finally
        {
            (content as IDisposable)?.Dispose();
        }

        return output.Length;
    }
}
