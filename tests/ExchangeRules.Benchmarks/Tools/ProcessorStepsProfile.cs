using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using ExchangeRules.Benchmarks.Fixtures;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Engine.Evaluation;
using ExchangeRules.Engine.Messages;
using MimeKit;

namespace ExchangeRules.Benchmarks.Tools;

/// <summary>
/// Target 5's share of the processor (`profile-processor`): the processor on the 40 KB reply next to the reference
/// agent's own work (MimeKit parse + write, disposed, into a presized stream: what the agent does in the topology), and
/// the processor's phases cumulatively (read, the parse the traits need, evaluation, the edit), each disposing what it
/// parsed as the product does, so no step pays for finalizers or gen1 collections another step caused. Also counts the
/// exceptions thrown per message (a caught exception costs tens of microseconds).
/// </summary>
internal static class ProcessorStepsProfile
{
    /// <summary>Prints one Markdown row per step; with <paramref name="only"/>, only the steps whose name contains one of its '|'-separated texts.</summary>
    public static int Run(int iterations, string? only = null)
    {
        var mime = MessageFixtures.OutlookReply40K(MessageFixtures.ExternalRecipient);
        var editor = BenchmarkProcessor.Editor;
        var plan = BenchmarkRules.Realistic();
        var directory = new BenchmarkDirectory();
        var processor = BenchmarkProcessor.Create(plan);
        var quietProcessor = BenchmarkProcessor.Create(plan, logEveryMessage: false);
        var envelope = BenchmarkProcessor.Envelope(MessageFixtures.ExternalRecipient);
        CountExceptions(() => (long)BenchmarkProcessor.Process(processor, envelope, mime));
        if (only == "allocations")
        {
            PrintAllocations(() => (long)BenchmarkProcessor.Process(processor, envelope, mime), iterations);
            return 0;
        }

        var untouched = MessageFixtures.OutlookReply40K(MessageFixtures.InternalRecipient);
        var untouchedNote = MessageFixtures.SmallPlain(MessageFixtures.InternalRecipient);
        var internalEnvelope = BenchmarkProcessor.Envelope(MessageFixtures.InternalRecipient);
        var actions = EvaluatedActions(editor, plan, envelope, directory, mime);
        Console.WriteLine("evaluated actions: " + string.Join(", ", System.Linq.Enumerable.Select(actions, a => a.GetType().Name + " " + a.RuleName)));
        var steps = new List<(string Name, Func<long> Step)>
        {
            ("reference agent's work: MimeKit parse + write into a presized stream, disposed", () => Baselines.MimeKitRoundTrip.Run(mime)),
            ("reference agent's work, not disposed, growing stream (the old standalone row)", () => ParseAndSerializeUndisposed(mime)),
            ("phase 1: editor.Read (header block)", () => Phases(editor, plan, envelope, directory, mime, 1)),
            ("phase 2: + the full parse and traits", () => Phases(editor, plan, envelope, directory, mime, 2)),
            ("phase 3: + evaluation of the realistic 50 rules", () => Phases(editor, plan, envelope, directory, mime, 3)),
            ("phase 4: + the edit into a pooled buffer", () => Phases(editor, plan, envelope, directory, mime, 4)),
            ("edit phases: read + traits + a header action (parse, write)", () => EditOnly(editor, mime, [new ExchangeRules.Engine.Actions.HeaderAction("Tag", ExchangeRules.Engine.Actions.FailurePolicy.FailOpen, "X-Tag", "1")])),
            ("edit phases: read + traits + the evaluated actions", () => EditOnly(editor, mime, actions)),
            ("edit phases: the signature without its image", () => EditOnly(editor, mime, [Variant(actions, images: false)])),
            ("edit phases: the signature without its image, skipIfPresent=false", () => EditOnly(editor, mime, [Variant(actions, images: false, skipIfPresent: false)])),
            ("edit phases: the signature at the bottom", () => EditOnly(editor, mime, [Variant(actions, images: true, placement: ExchangeRules.Engine.Actions.Placement.Bottom)])),
            ("edit phases: the signature at the top", () => EditOnly(editor, mime, [Variant(actions, images: true, placement: ExchangeRules.Engine.Actions.Placement.Top)])),
            ("untouched (target 1): MimeKit parse + write of the internal 40 KB reply (the baseline)", () => Baselines.MimeKitRoundTrip.Run(untouched)),
            ("untouched (target 1): the header block alone (HeaderList.Load)", () => Baselines.HeaderBlock.Parse(untouched)),
            ("untouched (target 1): editor.Read + the evaluation's header reads (Subject, Message-ID, From)", () => UntouchedReads(editor, untouched)),
            ("untouched (target 1): processor on the internal 40 KB reply", () => (long)BenchmarkProcessor.Process(processor, internalEnvelope, untouched)),
            ("untouched (target 1): processor on the internal 0.8 KB note", () => (long)BenchmarkProcessor.Process(processor, internalEnvelope, untouchedNote)),
            ("untouched (target 1): processor on the internal 40 KB reply, logging at Warning (no per-message event)", () => (long)BenchmarkProcessor.Process(quietProcessor, internalEnvelope, untouched)),
            ("untouched, anonymous mail: the processor's search for our own headers (OwnHeaders.FindIn)", () => ExchangeRules.Processing.Safety.OwnHeaders.FindIn(new MemoryStream(untouched, writable: false)).Count),
            ("processor (log event at Information)", () => (long)BenchmarkProcessor.Process(processor, envelope, mime)),
            ("processor (logging at Warning)", () => (long)BenchmarkProcessor.Process(quietProcessor, envelope, mime)),
        };
        InterleavedStopwatch.Print("step (40 KB Outlook reply, target 5's processor share)", InterleavedStopwatch.Select(steps, only), iterations);
        return 0;
    }

    /// <summary>What evaluation reads of an untouched message's header block: the subject, the Message-ID and the From addresses.</summary>
    private static long UntouchedReads(IMessageEditor editor, byte[] mime)
    {
        using var input = new MemoryStream(mime, writable: false);
        var content = editor.Read(input, SubmissionOrigin.Authenticated);
        var read = content.Subject.Length + content.GetHeaderValues("Message-ID").Count + content.GetHeaderAddresses("From").Count;
        (content as IDisposable)?.Dispose();
        return read;
    }

    private static void CountExceptions(Func<long> run)
    {
        var thrown = new Dictionary<string, int>();
        void OnException(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e)
        {
            var name = e.Exception.GetType().Name;
            thrown[name] = thrown.TryGetValue(name, out var count) ? count + 1 : 1;
        }

        const int Messages = 200;
        AppDomain.CurrentDomain.FirstChanceException += OnException;
        try
        {
            for (var i = 0; i < Messages; i++)
            {
                run();
            }
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= OnException;
        }

        Console.WriteLine($"exceptions per message: {(thrown.Count == 0 ? "none" : string.Join(", ", System.Linq.Enumerable.Select(thrown, pair => $"{pair.Key} {pair.Value / (double)Messages:0.##}")))}");
    }

    /// <summary>Bytes allocated per message by type, from the runtime's allocation ticks (one sample about every 100 KB).</summary>
    private static void PrintAllocations(Func<long> run, int messages)
    {
        using var listener = new AllocationListener();
        for (var i = 0; i < messages; i++)
        {
            run();
        }

        Console.WriteLine("| type | bytes per message (sampled) |");
        Console.WriteLine("|---|---:|");
        foreach (var pair in System.Linq.Enumerable.Take(System.Linq.Enumerable.OrderByDescending(listener.Bytes, pair => pair.Value), 25))
        {
            Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"| {pair.Key} | {pair.Value / (double)messages:0} |"));
        }
    }

    private sealed class AllocationListener : System.Diagnostics.Tracing.EventListener
    {
        public Dictionary<string, long> Bytes { get; } = new();

        protected override void OnEventSourceCreated(System.Diagnostics.Tracing.EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, System.Diagnostics.Tracing.EventLevel.Verbose, (System.Diagnostics.Tracing.EventKeywords)0x1);
            }
        }

        protected override void OnEventWritten(System.Diagnostics.Tracing.EventWrittenEventArgs eventData)
        {
            if (eventData.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.PayloadNames is null)
            {
                return;
            }

            var type = eventData.Payload![eventData.PayloadNames.IndexOf("TypeName")] as string ?? "?";
            var amountIndex = eventData.PayloadNames.IndexOf("AllocationAmount64");
            var amount = amountIndex >= 0 ? Convert.ToInt64(eventData.Payload[amountIndex], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
            lock (Bytes)
            {
                Bytes[type] = Bytes.TryGetValue(type, out var total) ? total + amount : amount;
            }
        }
    }

    private static IReadOnlyList<ExchangeRules.Engine.Actions.PlannedAction> EvaluatedActions(IMessageEditor editor, IRulePlan plan, MessageEnvelope envelope, BenchmarkDirectory directory, byte[] mime)
    {
        using var input = new MemoryStream(mime, writable: false);
        var content = editor.Read(input, SubmissionOrigin.Authenticated);
        var context = new MessageContext(envelope, content, BenchmarkOrganization.Instance, directory, DateTimeOffset.UtcNow);
        var actions = plan.Evaluate(context).Copies[0].Actions;
        (content as IDisposable)?.Dispose();
        return actions;
    }

    private static ExchangeRules.Engine.Actions.InsertContentAction Variant(IReadOnlyList<ExchangeRules.Engine.Actions.PlannedAction> actions, bool images, bool? skipIfPresent = null, ExchangeRules.Engine.Actions.Placement? placement = null)
    {
        var action = (ExchangeRules.Engine.Actions.InsertContentAction)actions[0];
        return new(action.RuleName, action.FailurePolicy, action.Kind, action.Html, action.Text, placement ?? action.Placement, skipIfPresent ?? action.SkipIfPresent, images ? action.Images : []);
    }

    private static long EditOnly(IMessageEditor editor, byte[] mime, IReadOnlyList<ExchangeRules.Engine.Actions.PlannedAction> actions)
    {
        using var input = new MemoryStream(mime, writable: false);
        var content = editor.Read(input, SubmissionOrigin.Authenticated);
        try
        {
            _ = content.Traits;
            using var output = ExchangeRules.Processing.MessageBuffer.Create(mime.Length, long.MaxValue, null, out _);
            return editor.Apply(content, actions, output).Changed ? output.Length : throw new InvalidOperationException("The actions did not change the message.");
        }
        finally
        {
            (content as IDisposable)?.Dispose();
        }
    }

    private static long ParseAndSerializeUndisposed(byte[] mime)
    {
        using var output = new MemoryStream();
        MimeMessage.Load(new MemoryStream(mime, writable: false)).WriteTo(output);
        return output.ToArray().Length;
    }

    private static long Phases(IMessageEditor editor, IRulePlan plan, MessageEnvelope envelope, BenchmarkDirectory directory, byte[] mime, int phases)
    {
        using var input = new MemoryStream(mime, writable: false);
        var content = editor.Read(input, SubmissionOrigin.Authenticated);
        try
        {
            if (phases < 2)
            {
                return content.Subject.Length;
            }

            var traits = (long)content.Traits;
            if (phases < 3)
            {
                return traits;
            }

            var context = new MessageContext(envelope, content, BenchmarkOrganization.Instance, directory, DateTimeOffset.UtcNow) { CancellationToken = CancellationToken.None };
            var actions = plan.Evaluate(context).Copies[0].Actions;
            if (phases < 4)
            {
                return actions.Count;
            }

            using var output = ExchangeRules.Processing.MessageBuffer.Create(mime.Length, long.MaxValue, null, out _);
            input.Position = 0;
            return editor.Apply(content, actions, output).Changed ? output.Length : throw new InvalidOperationException("The realistic rule set did not change the message.");
        }
        finally
        {
            (content as IDisposable)?.Dispose();
        }
    }
}
