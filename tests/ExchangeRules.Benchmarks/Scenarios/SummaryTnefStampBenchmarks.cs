using System;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using ExchangeRules.Benchmarks.Fixtures;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Harness.Tnef;
using ExchangeRules.Processing;
using MimeKit;
using MimeKit.Tnef;

namespace ExchangeRules.Benchmarks.Scenarios;

/// <summary>
/// Scenario 2 as Exchange hands Outlook mail to the agent (issue #18): the same 40 KB Outlook HTML reply carried in
/// Summary TNEF (the harness's Mailbox Transport Submission conversion: headers and one binary winmail.dat part),
/// stamped with the Sales signature under the newest reply by the realistic 50-rule set. Baseline: MimeKit's own
/// read of the same message, parse plus <see cref="TnefPart.ConvertToMessage"/>.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class SummaryTnefStampBenchmarks
{
    private byte[] _tnef = [];
    private MessageProcessor _processor = null!;
    private MessageEnvelope _envelope = null!;

    /// <summary>Converts the reply to Summary TNEF, builds the processor and checks that the TNEF body is stamped.</summary>
    [GlobalSetup]
    public void Setup()
    {
        using (var input = new MemoryStream(MessageFixtures.OutlookReply40K(MessageFixtures.ExternalRecipient), writable: false))
        {
            var converted = SummaryTnefConverter.Convert(MimeMessage.Load(input), MailboxBodyFormat.Html);
            using var output = new MemoryStream();
            converted.WriteTo(output);
            _tnef = output.ToArray();
        }

        // The signature's logo becomes a hidden inline TNEF attachment.
        _processor = BenchmarkProcessor.Create(BenchmarkRules.Realistic());
        _envelope = BenchmarkProcessor.Envelope(MessageFixtures.ExternalRecipient);
        using var check = new MemoryStream(_tnef, writable: false);
        var result = _processor.Process(_envelope, BenchmarkOrganization.Instance, check, System.Threading.CancellationToken.None);
        result.Mime?.Dispose();
        if (result.Outcome != ProcessingOutcome.Changed || !result.ActionOutcomes.Any(o => o.Status == ExchangeRules.Engine.Editing.ActionStatus.Applied && o.Detail.Contains("Summary TNEF", StringComparison.Ordinal) && o.Detail.Contains("under the newest reply", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException("The Summary TNEF reply was not stamped under the newest reply: " + string.Join("; ", result.ActionOutcomes.Select(o => o.Status + " " + o.Detail)));
        }
    }

    /// <summary>Baseline: MimeKit parses the message and converts its TNEF part to MIME.</summary>
    [Benchmark(Baseline = true)]
    public int MimeKitTnefRead()
    {
        using var input = new MemoryStream(_tnef, writable: false);
        using var message = MimeMessage.Load(input);
        using var converted = ((TnefPart)message.Body!).ConvertToMessage();
        return converted.HtmlBody?.Length ?? 0;
    }

    /// <summary>The product: the message processor with the realistic 50-rule set, stamping inside the TNEF.</summary>
    [Benchmark]
    public ProcessingOutcome ExchangeRulesProcess() => BenchmarkProcessor.Process(_processor, _envelope, _tnef);
}
