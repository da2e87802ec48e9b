using System;
using System.IO;
using System.Linq;
using System.Threading;
using ExchangeRules.Benchmarks.Fixtures;

namespace ExchangeRules.Benchmarks.Tools;

/// <summary>
/// Prints what the product decides for each benchmark message (outcome, reason, the rules that applied), so
/// a scenario whose setup check fails can be understood without a debugger.
/// </summary>
internal static class ScenarioExplainer
{
    /// <summary>Processes the scenario messages once and prints the decisions.</summary>
    public static int Run()
    {
        Console.WriteLine("The product (MimeMessageEditor straight into MessageProcessor):");
        Explain(BenchmarkProcessor.Create(BenchmarkRules.Realistic()));
        return 0;
    }

    private static void Explain(ExchangeRules.Processing.MessageProcessor processor)
    {
        (string Name, string Recipient, byte[] Mime)[] cases =
        [
            ("1 untouched: outlook-reply-40k, internal", MessageFixtures.InternalRecipient, MessageFixtures.OutlookReply40K(MessageFixtures.InternalRecipient)),
            ("1 untouched: small-plain, internal", MessageFixtures.InternalRecipient, MessageFixtures.SmallPlain(MessageFixtures.InternalRecipient)),
            ("2 stamp: outlook-reply-40k, outgoing", MessageFixtures.ExternalRecipient, MessageFixtures.OutlookReply40K(MessageFixtures.ExternalRecipient)),
            ("3 stamp: large-10mb, outgoing", MessageFixtures.ExternalRecipient, MessageFixtures.LargeWithAttachments(MessageFixtures.ExternalRecipient)),
        ];
        foreach (var (name, recipient, mime) in cases)
        {
            using var input = new MemoryStream(mime, writable: false);
            var result = processor.Process(BenchmarkProcessor.Envelope(recipient), BenchmarkOrganization.Instance, input, CancellationToken.None);
            Console.WriteLine($"  {name}: {result.Outcome} {result.Reason}");
            foreach (var rule in result.Trace?.Rules.Where(rule => rule.Applied) ?? [])
            {
                Console.WriteLine($"    applied: {rule.RuleName}: {rule.Reason}");
            }

            result.Mime?.Dispose();
        }
    }
}
