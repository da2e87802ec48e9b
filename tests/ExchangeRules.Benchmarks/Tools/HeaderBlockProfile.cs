using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading;
using ExchangeRules.Benchmarks.Fixtures;
using ExchangeRules.Harness.Exchange;
using ExchangeRules.Harness.Organization;
using ExchangeRules.Harness.Topology;
using ExchangeRules.Harness.Transport;

namespace ExchangeRules.Benchmarks.Tools;

/// <summary>
/// A stopwatch table of large header blocks (16, 64 and 256 KB; the shapes of <see cref="LargeHeaderMessages"/>) through
/// the processor, the transport handler the agent, the harness and the CLI share, the harness topology and the harness
/// categorizer with an agent that edits headers through Exchange's header API: the time per KB must stay flat as the
/// block grows (MaxHeaderBytes is 256 KB, so a quadratic step shows as a 16× rise from 64 to 256 KB).
/// </summary>
internal static class HeaderBlockProfile
{
    private static string? _only;

    /// <summary>Prints one Markdown row per block and path.</summary>
    /// <param name="iterations">Messages per round.</param>
    /// <param name="only">Only the paths whose name contains this text.</param>
    public static int Run(int iterations, string? only = null)
    {
        _only = only;
        var folder = Path.Combine(Path.GetTempPath(), "exchangerules-profile-headers-" + Environment.ProcessId);
        try
        {
            var organization = OrganizationFile.Load(BenchmarkHarness.WriteOrganization(folder));
            var processor = BenchmarkProcessor.Create(BenchmarkRules.Realistic(), logEveryMessage: false);
            var transport = new ProcessorTransport(processor);
            var topology = new HybridTopology(organization, transport);
            using var categorizer = new ExchangeTransport([new AgentRegistration("HeaderApi", typeof(HeaderApiAgentFactory).Assembly.Location, typeof(HeaderApiAgentFactory).FullName!)]);
            var envelope = BenchmarkProcessor.Envelope(MessageFixtures.ExternalRecipient);
            Console.WriteLine("| header block | path | ms per message (median of 5) | µs per KB |");
            Console.WriteLine("|---|---|---:|---:|");
            foreach (var kilobytes in new[] { 16, 64, 256 })
            {
                foreach (var shape in LargeHeaderMessages.Shapes)
                {
                    var mime = LargeHeaderMessages.Create(kilobytes * 1024 - 2048, shape);
                    var name = $"{kilobytes} KB, {shape}";
                    var item = new TransportItem(MessageFixtures.Sender, [MessageFixtures.ExternalRecipient], mime);
                    Row(name, "processor", kilobytes, iterations, () => (long)BenchmarkProcessor.Process(processor, envelope, mime));
                    Row(name, "transport handler (ProcessorTransport.Run)", kilobytes, iterations, () => transport.Run(item, organization, CancellationToken.None).Delivered.Count);
                    Row(name, "harness categorizer, an agent setting the marker through the header API", kilobytes, iterations, () => categorizer.Run(item, organization, CancellationToken.None).Delivered.Count);
                    var internet = new Submission(EntryPoint.Internet, "someone@fabrikam.example", [MessageFixtures.Sender], mime);
                    Row(name, "harness topology, from the internet", kilobytes, iterations, () => topology.Submit(internet, CancellationToken.None).Count);
                    var outgoing = new Submission(EntryPoint.OnPremisesMailbox, MessageFixtures.Sender, [MessageFixtures.ExternalRecipient], mime);
                    Row(name, "harness topology, on-premises mailbox to the internet", kilobytes, iterations, () => topology.Submit(outgoing, CancellationToken.None).Count);
                }
            }

            return 0;
        }
        finally
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    private static void Row(string block, string path, int kilobytes, int iterations, Func<long> step)
    {
        if (_only is not null && !path.Contains(_only, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        step();
        var rounds = new double[5];
        for (var round = 0; round < rounds.Length; round++)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < iterations; i++)
            {
                step();
            }

            rounds[round] = watch.Elapsed.TotalMilliseconds / iterations;
        }

        Array.Sort(rounds);
        var median = rounds[rounds.Length / 2];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {block} | {path} | {median:0.00} | {median * 1000 / kilobytes:0.0} |"));
    }
}
