using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using ExchangeRules.Benchmarks.Baselines;
using ExchangeRules.Benchmarks.Fixtures;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Evaluation;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Processing;
using MimeKit;

namespace ExchangeRules.Benchmarks.Scenarios;

/// <summary>
/// Scenario 3: a 10 MB message (short Outlook reply, 7.3 MB of attachments) stamped with the signature.
/// Target: allocations at most 2x the edited text parts plus a constant: attachments streamed, never buffered.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class LargeMessageStampBenchmarks
{
    private byte[] _mime = [];
    private byte[] _withoutAttachments = [];
    private MessageProcessor _processor = null!;
    private MessageEnvelope _envelope = null!;
    private IReadOnlyList<PlannedAction> _actions = [];

    /// <summary>The decoded size of the text parts the signature edits (plain + HTML), for the target.</summary>
    public static long EditedTextBytes { get; private set; }

    /// <summary>Builds the message, the processor and the planned actions; checks that the message is stamped.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _mime = MessageFixtures.LargeWithAttachments(MessageFixtures.ExternalRecipient);
        _withoutAttachments = MessageFixtures.ShortOutlookReply(MessageFixtures.ExternalRecipient);
        var plan = BenchmarkRules.Realistic();
        _processor = BenchmarkProcessor.Create(plan);
        _envelope = BenchmarkProcessor.Envelope(MessageFixtures.ExternalRecipient);
        using (var input = new MemoryStream(_mime, writable: false))
        {
            var content = BenchmarkProcessor.Editor.Read(input, SubmissionOrigin.Authenticated);
            var context = new MessageContext(_envelope, content, BenchmarkOrganization.Instance, new BenchmarkDirectory(), DateTimeOffset.UtcNow);
            _actions = plan.Evaluate(context).Copies[0].Actions;
            input.Position = 0;
            EditedTextBytes = MimeMessage.Load(input).BodyParts.OfType<TextPart>().Where(part => !part.IsAttachment).Sum(part => (long)part.Text.Length);
        }

        Console.WriteLine($"// message {_mime.Length} bytes; edited text parts {EditedTextBytes} characters");
        if (!_actions.OfType<InsertContentAction>().Any() || ExchangeRulesProcess() != ProcessingOutcome.Changed)
        {
            throw new InvalidOperationException("The large message was not stamped with a signature.");
        }
    }

    /// <summary>Baseline: bare MimeKit parse + write into a new memory stream.</summary>
    [Benchmark(Baseline = true)]
    public long MimeKitParseAndWrite() => MimeKitRoundTrip.Run(_mime);

    /// <summary>The practical limit: MimeKit persistent parse, written to the host's stream (here a null stream).</summary>
    [Benchmark]
    public long MimeKitPersistentToHostStream()
    {
        using var input = new MemoryStream(_mime, writable: false);
        using var message = MimeMessage.Load(input, persistent: true);
        message.WriteTo(Stream.Null);
        return input.Position;
    }

    /// <summary>The editor alone, writing to the host's stream: what the target is about.</summary>
    [Benchmark]
    public bool EditorToHostStream()
    {
        using var input = new MemoryStream(_mime, writable: false);
        var content = BenchmarkProcessor.Editor.Read(input, SubmissionOrigin.Authenticated);
        return BenchmarkProcessor.Editor.Apply(content, _actions, Stream.Null).Changed;
    }

    /// <summary>
    /// The same edit of the same text without the 7.3 MB of attachments: the difference in allocated bytes to
    /// <see cref="EditorToHostStream"/> is what the attachments cost (zero when they are streamed).
    /// </summary>
    [Benchmark]
    public bool EditorToHostStreamWithoutAttachments()
    {
        using var input = new MemoryStream(_withoutAttachments, writable: false);
        var content = BenchmarkProcessor.Editor.Read(input, SubmissionOrigin.Authenticated);
        return BenchmarkProcessor.Editor.Apply(content, _actions, Stream.Null).Changed;
    }

    /// <summary>The product: the message processor (which returns the edited message in a memory stream).</summary>
    [Benchmark]
    public ProcessingOutcome ExchangeRulesProcess() => BenchmarkProcessor.Process(_processor, _envelope, _mime);
}
