using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using AngleSharp.Html.Parser;
using ExchangeRules.Benchmarks.Baselines;
using ExchangeRules.Benchmarks.Fixtures;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Messages;
using MimeKit;

namespace ExchangeRules.Benchmarks.Tools;

/// <summary>
/// A stopwatch breakdown of stamping the 40 KB Outlook reply, each step measured alone in the same process:
/// what share of the editor's time is MIME parsing and writing, what is the HTML parse, what is the rest.
/// </summary>
internal static class StampingProfile
{
    /// <summary>Prints one Markdown row per step; with <paramref name="only"/>, only the steps whose name contains one of its '|'-separated texts (for a profiler).</summary>
    public static int Run(int iterations, string? only = null)
    {
        var mime = MessageFixtures.OutlookReply40K(MessageFixtures.ExternalRecipient);
        var html = MimeMessage.Load(new MemoryStream(mime)).HtmlBody ?? string.Empty;
        var editor = BenchmarkProcessor.Editor;
        var plan = BenchmarkRules.Realistic();
        var directory = new BenchmarkDirectory();
        var processor = BenchmarkProcessor.Create(plan);
        var quietProcessor = BenchmarkProcessor.Create(plan, logEveryMessage: false);
        var envelope = BenchmarkProcessor.Envelope(MessageFixtures.ExternalRecipient);
        var evaluated = new ExchangeRules.Engine.Evaluation.MessageContext(envelope, editor.Read(new MemoryStream(mime, writable: false), SubmissionOrigin.Authenticated), BenchmarkOrganization.Instance, directory, DateTimeOffset.UtcNow);
        EvaluateAgain(evaluated, plan);
        var parsed = MimeMessage.Load(new MemoryStream(mime, writable: false));
        var logged = LoggedSummary(processor, envelope, mime);
        var jsonLogger = ExchangeRules.Processing.Logging.LoggerExtensions.ForEvent(BenchmarkProcessor.InformationLogger(), ExchangeRules.Processing.Logging.LogEventId.MessageProcessed);
        var signature = new InsertContentAction("Signature Sales", FailurePolicy.FailOpen, InsertionKind.Signature, Disclaimer.Html, Disclaimer.Text, Placement.UnderNewestReply, skipIfPresent: true, images: []);
        var steps = new List<(string Name, Func<long> Step)>
        {
            ("MimeKit parse + write (the baseline)", () => MimeKitRoundTrip.Run(mime)),
            ("MimeKit persistent parse + write", () => MimeKitRoundTrip.RunPersistent(mime)),
            ("MimeKit parse alone", () => MimeMessage.Load(new MemoryStream(mime, writable: false)).BodyParts.Count()),
            ("MimeKit parse, then decode both text parts (no characters)", () => DecodeTextParts(mime, decode: true)),
            ("MimeKit parse, then copy both text parts' encoded bytes", () => DecodeTextParts(mime, decode: false)),
            ("MimeKit parse, then both text parts as strings (TextPart.Text)", () => MimeMessage.Load(new MemoryStream(mime, writable: false)).BodyParts.OfType<TextPart>().Sum(p => (long)p.Text.Length)),
            ("AngleSharp: tokenise one start tag", () => new AngleSharp.Html.Parser.HtmlTokenizer(new AngleSharp.Text.TextSource("<div style=\"border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm\">"), AngleSharp.Html.HtmlEntityProvider.Resolver).Get().Name.Length),
            ("AngleSharp: parse one start tag as a document", () => new HtmlParser().ParseDocument("<div style=\"border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm\">").All.Length),
            ($"AngleSharp parse of the HTML part ({html.Length} chars, source references kept)", () => new HtmlParser(new HtmlParserOptions { IsKeepingSourceReferences = true }).ParseDocument(html).All.Length),
            ("editor: set one header (parse + write, no body edit)", () => Apply(editor, mime, new HeaderAction("Tag", FailurePolicy.FailOpen, "X-Tag", "1"))),
            ("editor: signature at the top", () => Apply(editor, mime, With(signature, Placement.Top))),
            ("editor: signature at the bottom", () => Apply(editor, mime, With(signature, Placement.Bottom))),
            ("editor: signature under the newest reply", () => Apply(editor, mime, signature)),
            ("editor: signature under the newest reply, skipIfPresent=false", () => Apply(editor, mime, With(signature, Placement.UnderNewestReply, skipIfPresent: false))),
            ("editor: read, then the message traits (the full parse evaluation needs for the message type)", () => ReadTraits(editor, mime)),
            ("the message traits alone, on a message already parsed (headers and structure, as the edit computes them again)", () => (long)Traits(parsed)),
            ("read, then evaluate the realistic 50-rule set (traits and template included)", () => Evaluate(editor, plan, envelope, directory, mime)),
            ("evaluate the realistic 50-rule set again on a message already read and evaluated once", () => EvaluateAgain(evaluated, plan)),
            ("evaluate it in a new context over a message already read and evaluated once", () => EvaluateAgain(new ExchangeRules.Engine.Evaluation.MessageContext(envelope, evaluated.Content, BenchmarkOrganization.Instance, directory, DateTimeOffset.UtcNow), plan)),
            ("editor alone: read, evaluate the realistic 50-rule set, apply its actions into a pooled buffer (the least the processor does)", () => EvaluateAndApply(editor, plan, envelope, directory, mime)),
            ("processor: the per-message time budget alone (linked token source, CancelAfter, Dispose)", () => TimeBudget(ExchangeRules.Processing.ProcessingOptions.Default.TimeBudget)),
            ("processor: the per-message log event alone (MessageSummary.Write, compact JSON)", () => WriteSummary(logged, jsonLogger)),
            ("processor: the realistic 50-rule set (evaluation, template, signature, log event)", () => (long)BenchmarkProcessor.Process(processor, envelope, mime)),
            ("processor: the same, logging at Warning (no per-message event)", () => (long)BenchmarkProcessor.Process(quietProcessor, envelope, mime)),
        };
        var selected = InterleavedStopwatch.Select(steps, only);
        InterleavedStopwatch.Print("step (40 KB Outlook reply)", selected, iterations);
        PrintCollections(selected.ToList(), iterations);
        return 0;
    }

    /// <summary>
    /// Collections per 1,000 calls by generation, and what the last one kept: what a step leaves alive across a gen0
    /// collection (a cache, a buffer that grows, a message held past its call) is promoted and paid for in gen1 ones.
    /// </summary>
    private static void PrintCollections(List<(string Name, Func<long> Step)> steps, int iterations)
    {
        if (steps.Count == 0)
        {
            return;
        }

        Console.WriteLine();
        Console.WriteLine("| step | gen0 GCs per 1,000 calls | gen1 | gen2 | last GC: promoted KB | gen1 KB after | pinned objects | pause µs | GC pause µs per call |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, step) in steps)
        {
            GC.Collect();
            var before = Enumerable.Range(0, 3).Select(GC.CollectionCount).ToArray();
            var paused = GC.GetTotalPauseDuration();
            var calls = iterations * 10;
            for (var i = 0; i < calls; i++)
            {
                step();
            }

            var pause = (GC.GetTotalPauseDuration() - paused).TotalMicroseconds / calls;
            var per1000 = Enumerable.Range(0, 3).Select(g => (GC.CollectionCount(g) - before[g]) * 1000.0 / calls).ToArray();
            var last = GC.GetGCMemoryInfo(GCKind.Ephemeral);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {per1000[0]:0.0} | {per1000[1]:0.0} | {per1000[2]:0.0} | {last.PromotedBytes / 1024} | {last.GenerationInfo[1].SizeAfterBytes / 1024} | {last.PinnedObjectsCount} | {(last.PauseDurations.Length > 0 ? last.PauseDurations[0].TotalMicroseconds : 0):0} | {pause:0.0} |"));
        }
    }

    private static long Evaluate(ExchangeRules.Engine.Editing.IMessageEditor editor, ExchangeRules.Engine.Evaluation.IRulePlan plan, MessageEnvelope envelope, BenchmarkDirectory directory, byte[] mime)
    {
        var content = editor.Read(new MemoryStream(mime, writable: false), SubmissionOrigin.Authenticated);
        var context = new ExchangeRules.Engine.Evaluation.MessageContext(envelope, content, BenchmarkOrganization.Instance, directory, DateTimeOffset.UtcNow);
        var count = plan.Evaluate(context).Copies[0].Actions.Count;
        Release(content);
        return count;
    }

    private static long ReadTraits(ExchangeRules.Engine.Editing.IMessageEditor editor, byte[] mime)
    {
        var content = editor.Read(new MemoryStream(mime, writable: false), SubmissionOrigin.Authenticated);
        var traits = (long)content.Traits;
        Release(content);
        return traits;
    }

    /// <summary>Disposes the content as the processor does: MimeKit's model has finalizers, and would survive a collection.</summary>
    private static void Release(IMessageContent content) => (content as IDisposable)?.Dispose();

    private static long EvaluateAndApply(ExchangeRules.Engine.Editing.IMessageEditor editor, ExchangeRules.Engine.Evaluation.IRulePlan plan, MessageEnvelope envelope, BenchmarkDirectory directory, byte[] mime)
    {
        using var input = new MemoryStream(mime, writable: false);
        var content = editor.Read(input, SubmissionOrigin.Authenticated);
        var context = new ExchangeRules.Engine.Evaluation.MessageContext(envelope, content, BenchmarkOrganization.Instance, directory, DateTimeOffset.UtcNow);
        var actions = plan.Evaluate(context).Copies[0].Actions;
        using var output = ExchangeRules.Processing.MessageBuffer.Create(mime.Length, long.MaxValue, null, out _);
        input.Position = 0;
        var changed = editor.Apply(content, actions, output).Changed;
        Release(content);
        return changed ? output.Length : throw new InvalidOperationException("The realistic rule set did not change the message.");
    }

    /// <summary>The processor's summary of one real run on the message, ready to be written again.</summary>
    private static (ExchangeRules.Processing.Logging.MessageSummary Summary, ExchangeRules.Processing.ProcessingResult Result) LoggedSummary(ExchangeRules.Processing.MessageProcessor processor, MessageEnvelope envelope, byte[] mime)
    {
        using var input = new MemoryStream(mime, writable: false);
        var result = processor.Process(envelope, BenchmarkOrganization.Instance, input, System.Threading.CancellationToken.None);
        result.Mime?.Dispose();
        var summary = new ExchangeRules.Processing.Logging.MessageSummary(envelope)
        {
            MessageId = "<benchmark@example.com>",
            Direction = ExchangeRules.Processing.Logging.MessageSummary.ClassifyDirection(envelope, BenchmarkOrganization.Instance),
            Trace = result.Trace,
        };
        summary.AddOutcomes(result.ActionOutcomes);
        return (summary, result);
    }

    private static ExchangeRules.Engine.Messages.MessageTraits Traits(MimeMessage message) =>
        ExchangeRules.Mime.MessageTraitDetector.FromHeaders(message.Headers, message.Subject ?? string.Empty, trustsSender: true)
        | ExchangeRules.Mime.MessageTraitDetector.FromStructure(message, trustsSender: true);

    private static long TimeBudget(TimeSpan budget)
    {
        using var source = System.Threading.CancellationTokenSource.CreateLinkedTokenSource(System.Threading.CancellationToken.None);
        source.CancelAfter(budget);
        return source.Token.IsCancellationRequested ? 1 : 0;
    }

    private static long WriteSummary((ExchangeRules.Processing.Logging.MessageSummary Summary, ExchangeRules.Processing.ProcessingResult Result) logged, Serilog.ILogger logger)
    {
        logged.Summary.Write(logger, logged.Result, TimeSpan.FromMilliseconds(0.4), includeContent: false);
        return logged.Summary.Actions.Count;
    }

    private static long EvaluateAgain(ExchangeRules.Engine.Evaluation.MessageContext context, ExchangeRules.Engine.Evaluation.IRulePlan plan) =>
        plan.Evaluate(context).Copies[0].Actions.Count;

    private static long DecodeTextParts(byte[] mime, bool decode)
    {
        var message = MimeMessage.Load(new MemoryStream(mime, writable: false));
        var total = 0L;
        foreach (var content in message.BodyParts.OfType<TextPart>().Select(p => p.Content).OfType<IMimeContent>())
        {
            using var sink = new CountingStream();
            if (decode)
            {
                content.DecodeTo(sink);
            }
            else
            {
                var encoded = content.Stream ?? Stream.Null;
                encoded.Position = 0;
                encoded.CopyTo(sink);
            }

            total += sink.Length;
        }

        return total;
    }

    /// <summary>A write-only stream that only counts, so copying costs no allocation.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;
    }

    private static InsertContentAction With(InsertContentAction action, Placement placement, bool skipIfPresent = true) =>
        new(action.RuleName, action.FailurePolicy, action.Kind, action.Html, action.Text, placement, skipIfPresent, action.Images);

    private static long Apply(ExchangeRules.Engine.Editing.IMessageEditor editor, byte[] mime, PlannedAction action)
    {
        using var input = new MemoryStream(mime, writable: false);
        using var output = new MemoryStream();
        var content = editor.Read(input, SubmissionOrigin.Authenticated);
        if (!editor.Apply(content, [action], output).Changed)
        {
            throw new InvalidOperationException($"{action.GetType().Name} did not change the message.");
        }

        return output.Length;
    }
}
