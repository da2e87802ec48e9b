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
        var compiler = new ExchangeRules.Templates.FluidTemplateCompiler();
        var htmlTemplate = compiler.Compile("<table role=\"presentation\" style=\"border-collapse:collapse;font:10pt Segoe UI,Arial,sans-serif;color:#333333\"><tr><td style=\"padding-right:12px;vertical-align:top\"><img src=\"cid:contoso-logo\" width=\"96\" height=\"32\" alt=\"Contoso\"></td><td style=\"border-left:2px solid #0078D4;padding-left:12px\"><b>{{ sender.displayName }}</b><br>{{ sender.title }} &middot; Sales<br>Contoso Ltd. &middot; {{ sender.street }}, {{ sender.city }}<br>T {{ sender.phone }} &middot; M {{ sender.mobile }}<br><a href=\"https://www.contoso.example/\">www.contoso.example</a></td></tr></table>", ExchangeRules.Engine.Templates.TemplateFormat.Html, "signature-Sales");
        var textTemplate = compiler.Compile("{{ sender.displayName }}\n{{ sender.title }} · Sales\nContoso Ltd. · {{ sender.street }}, {{ sender.city }}\nT {{ sender.phone }} · M {{ sender.mobile }}\nhttps://www.contoso.example/", ExchangeRules.Engine.Templates.TemplateFormat.Text, "signature-Sales");
        var model = new ExchangeRules.Engine.Templates.TemplateModel { SenderAddress = MessageFixtures.Sender, Sender = directory.FindBySmtpAddress(MessageFixtures.Sender), Subject = "RE: Quarterly figures", Now = DateTimeOffset.UtcNow, RuleName = "Signature Sales" };
        var changed = new[] { "text/html (us-ascii)", "text/plain (us-ascii)" };
        var steps = new List<(string Name, Func<long> Step)>
        {
            ("evaluate the realistic 50-rule set again (the signature rendered from its template)", () => plan.Evaluate(context).Copies[0].Actions.Count),
            ("template: render the signature's HTML and text (Fluid, the sender's directory entry)", () => htmlTemplate.Render(model).Length + textTemplate.Render(model).Length),
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
            ("logo: a multipart/related parsed from its header (reused parser, own boundary)", () => ParsedRelated().Headers.Count),
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

    private static MimeEntity ParsedLogo(byte[] bytes) => ParsedAndDisposed(bytes);

    private static readonly System.Security.Cryptography.RandomNumberGenerator _random = System.Security.Cryptography.RandomNumberGenerator.Create();

    private static MimeEntity ParsedRelated()
    {
        var random = new byte[16];
        _random.GetBytes(random);
        var bytes = System.Text.Encoding.ASCII.GetBytes("Content-Type: multipart/related; boundary=\"=-" + Convert.ToBase64String(random).TrimEnd('=') + "\"\r\n\r\n");
        return ParsedAndDisposed(bytes);
    }

    // Parses one entity with the editor's reused parser, as an insertion built from prepared bytes would.
    private static MimeEntity ParsedAndDisposed(byte[] bytes)
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
