using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using ExchangeRules.Benchmarks.Fixtures;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Harness.Tnef;
using ExchangeRules.Mime.Tnef;
using MimeKit;
using MimeKit.Tnef;

namespace ExchangeRules.Benchmarks.Tools;

/// <summary>
/// A stopwatch breakdown of target 8 (the 40 KB Outlook reply in Summary TNEF, stamped inside the TNEF): the TNEF
/// decode, the body extraction, the MIME editing core on the TNEF bodies, the logo attachment, the TNEF encode and
/// the read-back guard, each measured alone in the same process beside MimeKit's read (the target's baseline). It first
/// counts the first-chance exceptions of one processor run (there should be none on this normal path).
/// </summary>
internal static class TnefStepsProfile
{
    // A valid 1x1 PNG, the size of the realistic set's logo.
    private static readonly byte[] _logo = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    /// <summary>Prints the exceptions of one run and one Markdown row per step; with <paramref name="only"/>, only the steps whose name contains one of its '|'-separated texts.</summary>
    public static int Run(int iterations, string? only = null)
    {
        var mime = SummaryTnefMessage();
        var plan = BenchmarkRules.Realistic();
        var processor = BenchmarkProcessor.Create(plan);
        var envelope = BenchmarkProcessor.Envelope(MessageFixtures.ExternalRecipient);
        var editor = BenchmarkProcessor.Editor;
        ReportExceptions(() => BenchmarkProcessor.Process(processor, envelope, mime));

        var part = (MimePart)MimeMessage.Load(new MemoryStream(mime, writable: false)).Body!;
        var tnef = Decode(part);
        var document = TnefDocument.Read(tnef);
        var body = TnefMessageBody.Read(document);
        var html = body.Html ?? throw new InvalidOperationException("The fixture's TNEF has no HTML body.");
        var plain = body.Plain ?? string.Empty;
        var stampedHtml = html.Replace("</body>", "<div>" + Disclaimer.Html + "</div></body>", StringComparison.OrdinalIgnoreCase);
        var image = new InlineImage("contoso-logo", "logo.png", "image/png", _logo);
        var signature = new InsertContentAction("Signature Sales", FailurePolicy.FailOpen, InsertionKind.Signature, "<p>Sales signature</p><img src=\"cid:contoso-logo\">", "Sales signature", Placement.UnderNewestReply, skipIfPresent: true, images: [image]);
        var (edited, mayChange) = EditedStream(tnef, stampedHtml, image);
        Console.WriteLine($"TNEF stream {tnef.Length} bytes, {document.Attributes.Count} attributes; HTML body {html.Length} chars, plain body {plain.Length} chars, code page {body.CodePage}; edited stream {edited.Length} bytes");

        var steps = new List<(string Name, Func<long> Step)>
        {
            ("baseline: MimeKit parse + TnefPart.ConvertToMessage + HtmlBody", () => MimeKitRead(mime)),
            ("processor: the realistic 50-rule set (the benchmark's ExchangeRulesProcess)", () => (long)BenchmarkProcessor.Process(processor, envelope, mime)),
            ("editor: read + signature with logo under the newest reply + write", () => Apply(editor, mime, signature)),
            ("editor: read + set one header + write (no TNEF decode)", () => Apply(editor, mime, new HeaderAction("Tag", FailurePolicy.FailOpen, "X-Tag", "1"))),
            ("editor: read, then the message traits (the message class read from the TNEF)", () => (long)editor.Read(new MemoryStream(mime, writable: false), SubmissionOrigin.Authenticated).Traits),
            ("read, then evaluate the realistic 50-rule set (traits and template included)", () => Evaluate(editor, plan, envelope, mime)),
            ("MimeKit parse of the message (the MIME wrapper)", () => MimeMessage.Load(new MemoryStream(mime, writable: false)).Headers.Count),
            ("TNEF part content base64-decoded to bytes", () => Decode(part).Length),
            ("TNEF decode once per message (DecodedTnef: content, attributes, properties; a new part each call)", () => DecodedTnef.Of(FreshPart(part)).Bytes.Length),
            ("MimeKit multipart/alternative of two text parts", () => new MultipartAlternative { new TextPart("plain"), new TextPart("html") }.Count),
            ("TNEF decode: TnefDocument.Read (framing, checksums)", () => TnefDocument.Read(tnef).Attributes.Count),
            ("TNEF decode: message properties (TnefMessageBody.Read)", () => TnefMessageBody.Read(document).Properties.Count),
            ("body extraction: PR_HTML as a string", () => body.Html!.Length),
            ("body extraction: PR_BODY as a string", () => body.Plain?.Length ?? 0),
            ("body extraction: PR_HTML and PR_BODY as MimeKit text parts (TextPart.SetText)", () => TextParts(html, plain)),
            ("trait detection: TnefMessageClass.Read (message class)", () => TnefMessageClass.Read(part).Length),
            ("Open's pieces in a row (decode, document, properties, class, bodies, text parts)", () => OpenPieces(part)),
            ("SummaryTnefBody's constructor alone (reflection)", () => Constructor(part, tnef, document, body)),
            ("SummaryTnefBody.Open (decode + bodies as text parts; a new part each call)", () => SummaryTnefBody.Open(FreshPart(part), null).Html!.ContentType.MediaSubtype.Length),
            ("SummaryTnefBody.Open + AddImages (the logo's Content-ID looked up)", () => OpenAndAddImage(part, image)),
            ("TNEF encode: character references for the code page", () => CharacterReferences.ForCodePage(stampedHtml, body.CodePage).Length),
            ("TNEF encode: WithHtml (PR_HTML encoded, attMsgProps re-encoded)", () => body.WithHtml(stampedHtml).Attributes.Count),
            ("TNEF encode: the stream written (ToArray)", () => document.ToArray().Length),
            ("read-back guard: TnefReadBack.Difference (MimeKit reads both streams)", () => TnefReadBack.Difference(tnef, edited, body.CodePage, mayChange, appendedAttachments: 1)?.Length ?? 0),
            ("read-back guard: our reader reads the edited stream again", () => TnefMessageBody.Read(TnefDocument.Read(edited)).Html!.Length),
            ("SummaryTnefBody: open, stamp the HTML, add the logo, Encode (guard included)", () => OpenEditEncode(part, stampedHtml, image)),
        };
        InterleavedStopwatch.Print("Summary TNEF step (40 KB Outlook reply)", InterleavedStopwatch.Select(steps, only), iterations);
        return 0;
    }

    /// <summary>The benchmark's message: scenario 2's reply converted to Summary TNEF by the harness.</summary>
    internal static byte[] SummaryTnefMessage()
    {
        using var input = new MemoryStream(MessageFixtures.OutlookReply40K(MessageFixtures.ExternalRecipient), writable: false);
        var converted = SummaryTnefConverter.Convert(MimeMessage.Load(input), MailboxBodyFormat.Html);
        using var output = new MemoryStream();
        converted.WriteTo(output);
        return output.ToArray();
    }

    private static void ReportExceptions(Action run)
    {
        run();
        var thrown = new List<string>();
        var thread = Environment.CurrentManagedThreadId;
        void Count(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e)
        {
            if (Environment.CurrentManagedThreadId == thread)
            {
                thrown.Add(e.Exception.GetType().Name + ": " + e.Exception.Message + Environment.NewLine + string.Join(Environment.NewLine, Environment.StackTrace.Split('\n').Skip(4).Take(8)));
            }
        }

        AppDomain.CurrentDomain.FirstChanceException += Count;
        try
        {
            run();
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= Count;
        }

        Console.WriteLine($"First-chance exceptions in one processor run on the Summary TNEF reply: {thrown.Count}");
        foreach (var exception in thrown)
        {
            Console.WriteLine("- " + exception);
        }
    }

    private static long MimeKitRead(byte[] mime)
    {
        var message = MimeMessage.Load(new MemoryStream(mime, writable: false));
        return ((TnefPart)message.Body!).ConvertToMessage().HtmlBody?.Length ?? 0;
    }

    private static byte[] Decode(MimePart part)
    {
        using var decoded = new MemoryStream();
        part.Content!.DecodeTo(decoded);
        return decoded.ToArray();
    }

    private static long Apply(ExchangeRules.Engine.Editing.IMessageEditor editor, byte[] mime, PlannedAction action)
    {
        var content = editor.Read(new MemoryStream(mime, writable: false), SubmissionOrigin.Authenticated);
        using var output = new MemoryStream(mime.Length + 8192);
        if (!editor.Apply(content, [action], output).Changed)
        {
            throw new InvalidOperationException("The editor did not stamp the Summary TNEF reply.");
        }

        return output.Length;
    }

    private static long Evaluate(ExchangeRules.Engine.Editing.IMessageEditor editor, ExchangeRules.Engine.Evaluation.IRulePlan plan, MessageEnvelope envelope, byte[] mime)
    {
        var content = editor.Read(new MemoryStream(mime, writable: false), SubmissionOrigin.Authenticated);
        var context = new ExchangeRules.Engine.Evaluation.MessageContext(envelope, content, BenchmarkOrganization.Instance, new BenchmarkDirectory(), DateTimeOffset.UtcNow);
        return plan.Evaluate(context).Copies[0].Actions.Count;
    }

    // The same content in a part of its own, so that each call decodes the stream (DecodedTnef remembers it per part).
    private static MimePart FreshPart(MimePart part) => new(part.ContentType.MediaType, part.ContentType.MediaSubtype)
    {
        Content = new MimeContent(part.Content!.Stream!, part.Content.Encoding),
    };

    private static long TextParts(string html, string plain)
    {
        var htmlPart = new TextPart("html");
        htmlPart.SetText(System.Text.Encoding.UTF8, html);
        var plainPart = new TextPart("plain");
        plainPart.SetText(System.Text.Encoding.UTF8, plain);
        return htmlPart.Content!.Stream!.Length + plainPart.Content!.Stream!.Length;
    }

    private static long Constructor(MimePart part, byte[] tnef, TnefDocument document, TnefMessageBody body)
    {
        var constructor = typeof(SummaryTnefBody).GetConstructors(System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)[0];
        return ((SummaryTnefBody)constructor.Invoke([part, tnef, document, body, "IPM.Note", null])).Html!.ContentType.MediaSubtype.Length;
    }

    private static long OpenPieces(MimePart part)
    {
        var decoded = DecodedTnef.Of(FreshPart(part));
        var document = decoded.Document;
        var body = decoded.Body;
        var messageClass = SummaryTnefBody.MessageClassOf(document, body);
        return TextParts(body.Html!, body.Plain!) + messageClass.Length;
    }

    private static long OpenAndAddImage(MimePart part, InlineImage image)
    {
        var body = SummaryTnefBody.Open(FreshPart(part), null);
        body.AddImages([image]);
        return body.Html!.ContentType.MediaSubtype.Length;
    }

    private static long OpenEditEncode(MimePart part, string stampedHtml, InlineImage image)
    {
        var body = SummaryTnefBody.Open(FreshPart(part), null);
        body.Html!.Text = stampedHtml;
        body.AddImages([image]);
        return body.Encode(out var problem)?.Length ?? throw new InvalidOperationException(problem);
    }

    private static (byte[] Edited, HashSet<TnefPropertyId> MayChange) EditedStream(byte[] tnef, string stampedHtml, InlineImage image)
    {
        var part = new MimePart("application", "ms-tnef") { Content = new MimeContent(new MemoryStream(tnef, writable: false)) };
        var body = SummaryTnefBody.Open(FreshPart(part), null);
        body.Html!.Text = stampedHtml;
        body.AddImages([image]);
        var edited = body.Encode(out var problem) ?? throw new InvalidOperationException(problem);
        return (edited, new HashSet<TnefPropertyId> { (TnefPropertyId)0x1013, TnefPropertyId.RtfInSync });
    }
}
