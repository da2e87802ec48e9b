using System;
using BenchmarkDotNet.Attributes;
using ExchangeRules.Benchmarks.Baselines;
using ExchangeRules.Benchmarks.Fixtures;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Processing;

namespace ExchangeRules.Benchmarks.Scenarios;

/// <summary>
/// Scenario 1: an internal message that none of the realistic 50 rules touches. Target: at most 0.1x the
/// bare MimeKit parse + write, because the decision needs only the envelope and the headers.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class UntouchedMessageBenchmarks
{
    private byte[] _mime = [];
    private MessageProcessor _processor = null!;
    private MessageEnvelope _envelope = null!;

    /// <summary>The message: the 40 KB Outlook reply or the 0.8 KB plain note.</summary>
    [Params("outlook-reply-40k", "small-plain")]
    public string Message { get; set; } = "outlook-reply-40k";

    /// <summary>Builds the message and the processor; checks that no rule touches the message.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _mime = Message == "small-plain"
            ? MessageFixtures.SmallPlain(MessageFixtures.InternalRecipient)
            : MessageFixtures.OutlookReply40K(MessageFixtures.InternalRecipient);
        _processor = BenchmarkProcessor.Create(BenchmarkRules.Realistic());
        _envelope = BenchmarkProcessor.Envelope(MessageFixtures.InternalRecipient);
        var outcome = ExchangeRulesProcess();
        if (outcome != ProcessingOutcome.Unchanged)
        {
            throw new InvalidOperationException($"The untouched message came out {outcome}.");
        }
    }

    /// <summary>Baseline: bare MimeKit parse + write.</summary>
    [Benchmark(Baseline = true)]
    public long MimeKitParseAndWrite() => MimeKitRoundTrip.Run(_mime);

    /// <summary>The practical limit: parse the header block only.</summary>
    [Benchmark]
    public int HeaderBlockOnly() => HeaderBlock.Parse(_mime);

    /// <summary>The product: the message processor with the realistic 50-rule set.</summary>
    [Benchmark]
    public ProcessingOutcome ExchangeRulesProcess() => BenchmarkProcessor.Process(_processor, _envelope, _mime);
}
