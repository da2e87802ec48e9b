using BenchmarkDotNet.Attributes;
using ExchangeRules.Benchmarks.Baselines;
using ExchangeRules.Benchmarks.Fixtures;

namespace ExchangeRules.Benchmarks.Scenarios;

/// <summary>
/// Scenario 1: an internal message that none of the realistic 50 rules touches. Target: at most 0.1x the
/// bare MimeKit parse + write, because the decision needs only the envelope and the headers.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class UntouchedMessageBenchmarks
{
    private byte[] _mime = [];

    /// <summary>The message: the 40 KB Outlook reply or the 0.8 KB plain note.</summary>
    [Params("outlook-reply-40k", "small-plain")]
    public string Message { get; set; } = "outlook-reply-40k";

    /// <summary>Builds the message.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _mime = Message == "small-plain"
            ? MessageFixtures.SmallPlain(MessageFixtures.InternalRecipient)
            : MessageFixtures.OutlookReply40K(MessageFixtures.InternalRecipient);
    }

    /// <summary>Baseline: bare MimeKit parse + write.</summary>
    [Benchmark(Baseline = true)]
    public long MimeKitParseAndWrite() => MimeKitRoundTrip.Run(_mime);

    /// <summary>The practical limit: parse the header block only.</summary>
    [Benchmark]
    public int HeaderBlockOnly() => HeaderBlock.Parse(_mime);
}
