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

namespace ExchangeRules.Benchmarks.Scenarios;

/// <summary>
/// Scenario 2: the 40 KB Outlook HTML reply, outgoing, stamped with the Sales signature under the newest reply
/// by the realistic 50-rule set. Target: at most 1.5x the bare MimeKit parse + write.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class OutlookReplyStampBenchmarks
{
    private byte[] _mime = [];
    private MessageProcessor _processor = null!;
    private MessageEnvelope _envelope = null!;
    private IReadOnlyList<PlannedAction> _actions = [];

    /// <summary>Builds the message, the processor and the planned actions; checks that the message is stamped.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _mime = MessageFixtures.OutlookReply40K(MessageFixtures.ExternalRecipient);
        var plan = BenchmarkRules.Realistic();
        _processor = BenchmarkProcessor.Create(plan);
        _envelope = BenchmarkProcessor.Envelope(MessageFixtures.ExternalRecipient);
        using (var input = new MemoryStream(_mime, writable: false))
        {
            var content = BenchmarkProcessor.Editor.Read(input, SubmissionOrigin.Authenticated);
            var context = new MessageContext(_envelope, content, BenchmarkOrganization.Instance, new BenchmarkDirectory(), DateTimeOffset.UtcNow);
            _actions = plan.Evaluate(context).Copies[0].Actions;
        }

        if (!_actions.OfType<InsertContentAction>().Any() || ExchangeRulesProcess() != ProcessingOutcome.Changed)
        {
            throw new InvalidOperationException("The Outlook reply was not stamped with a signature.");
        }
    }

    /// <summary>Baseline: bare MimeKit parse + write.</summary>
    [Benchmark(Baseline = true)]
    public long MimeKitParseAndWrite() => MimeKitRoundTrip.Run(_mime);

    /// <summary>The editor alone: read and apply the planned signature (no evaluation, no processor).</summary>
    [Benchmark]
    public bool EditorOnly()
    {
        using var input = new MemoryStream(_mime, writable: false);
        using var output = new MemoryStream();
        var content = BenchmarkProcessor.Editor.Read(input, SubmissionOrigin.Authenticated);
        return BenchmarkProcessor.Editor.Apply(content, _actions, output).Changed;
    }

    /// <summary>The product: the message processor with the realistic 50-rule set.</summary>
    [Benchmark]
    public ProcessingOutcome ExchangeRulesProcess() => BenchmarkProcessor.Process(_processor, _envelope, _mime);
}
