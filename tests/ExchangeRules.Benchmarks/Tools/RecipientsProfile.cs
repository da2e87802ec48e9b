using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using ExchangeRules.Benchmarks.Fixtures;
using ExchangeRules.Harness.Organization;
using ExchangeRules.Harness.Smtp;
using ExchangeRules.Harness.Topology;
using ExchangeRules.Harness.Transport;
using MailKit.Net.Smtp;
using MimeKit;

namespace ExchangeRules.Benchmarks.Tools;

/// <summary>
/// A stopwatch breakdown of scenario 7 (one message to 1,000 and 10,000 recipients): the whole SMTP send as the
/// benchmark runs it, the topology simulation alone on the message as the server receives it, and the client's
/// writing of the message, each with its ratio of 10,000 to 1,000, to find what grows faster than the recipients.
/// </summary>
internal static class RecipientsProfile
{
    private static readonly int[] _counts = { 1_000, 10_000 };

    /// <summary>Prints the steps as a Markdown table; with <paramref name="only"/>, only the steps whose name contains one of its |-separated parts.</summary>
    public static int Run(int iterations, string? only = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "exchangerules-profile-recipients-" + Environment.ProcessId);
        var servers = new List<HarnessSmtpServer>();
        var clients = new List<SmtpClient>();
        try
        {
            var organization = OrganizationFile.Load(BenchmarkHarness.WriteOrganization(folder));
            var topology = new HybridTopology(organization, new NoAgentTransport());
            var steps = new List<(string Name, Func<long> Step)>();
            foreach (var count in _counts)
            {
                var recipients = Enumerable.Range(0, count).Select(i => MailboxAddress.Parse($"user{i}@fabrikam{i % 50}.example")).ToArray();
                var message = MimeMessage.Load(new MemoryStream(MessageFixtures.SmallPlain(MessageFixtures.ExternalRecipient)));
                message.To.Clear();
                message.To.AddRange(recipients);
                var addresses = recipients.Select(r => r.Address).ToList();
                var sender = MailboxAddress.Parse(MessageFixtures.Sender);
                var received = Capture(topology, message, sender, recipients);
                var submission = new Submission(EntryPoint.OnPremisesMailbox, MessageFixtures.Sender, addresses, received) { AuthenticatedMailbox = MessageFixtures.Sender };
                var server = HarnessSmtpServer.StartAsync(topology, null, new IPEndPoint(IPAddress.Loopback, 0), null, keptMessages: 0, CancellationToken.None).GetAwaiter().GetResult();
                var client = BenchmarkHarness.ConnectAsync(server).GetAwaiter().GetResult();
                servers.Add(server);
                clients.Add(client);
                var label = count.ToString("N0", CultureInfo.InvariantCulture);
                steps.Add(($"SMTP: send, {label} recipients", () => Send(client, message, sender, recipients)));
                steps.Add(($"topology: Submit, {label} recipients", () => topology.Submit(submission, CancellationToken.None).Count));
                steps.Add(($"client: MimeKit writes the message as MailKit sends it (CRLF), {label} recipients", () => WriteOnTheWire(message)));
            }

            var selected = InterleavedStopwatch.Select(steps, only);
            InterleavedStopwatch.Print("step (scenario 7)", selected, iterations);
            PrintProcessCpu(selected, iterations);
            HarnessProfile.PrintCollections(selected, iterations);
            PrintLargeAllocations(selected, iterations);

            // Sizes tell the owners apart: the message's own size (about 298 KB at 10,000) is a version of it, twice that
            // is MimeKit's CRLF filter on the client, 280 KB and 135 KB entry arrays are a HashSet of 10,000 strings.
            PrintAllocationsByType(selected, iterations);
            return 0;
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Disconnect(true);
                client.Dispose();
            }

            foreach (var server in servers)
            {
                server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    private static long Send(SmtpClient client, MimeMessage message, MailboxAddress sender, MailboxAddress[] recipients)
    {
        client.Send(message, sender, recipients);
        return 1;
    }

    /// <summary>The client's share: MimeKit writing the message with CRLF line endings (MailKit does it twice per send: SIZE, then DATA).</summary>
    private static long WriteOnTheWire(MimeMessage message)
    {
        var options = FormatOptions.Default.Clone();
        options.NewLineFormat = NewLineFormat.Dos;
        message.WriteTo(options, Stream.Null);
        return 1;
    }

    /// <summary>The message's bytes as the harness's store receives them over SMTP.</summary>
    private static byte[] Capture(HybridTopology topology, MimeMessage message, MailboxAddress sender, MailboxAddress[] recipients)
    {
        byte[]? received = null;
        var server = HarnessSmtpServer.StartAsync(topology, null, new IPEndPoint(IPAddress.Loopback, 0), m => received ??= m.Copies[0].Mime, keptMessages: 0, CancellationToken.None).GetAwaiter().GetResult();
        try
        {
            using var client = BenchmarkHarness.ConnectAsync(server).GetAwaiter().GetResult();
            client.Send(message, sender, recipients);
            client.Disconnect(true);
        }
        finally
        {
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        // The delivered copy carries the hop's headers; the topology's stamps replace them on the next Submit as well.
        return received ?? throw new InvalidOperationException("The harness delivered no copy.");
    }

    /// <summary>The large-object-heap allocations of each step by type, sampled, per call.</summary>
    private static void PrintLargeAllocations(IReadOnlyList<(string Name, Func<long> Step)> steps, int iterations)
    {
        Console.WriteLine();
        using var counter = new LargeAllocationCounter();
        foreach (var (name, step) in steps)
        {
            counter.TakeSummary();
            for (var i = 0; i < iterations; i++)
            {
                step();
            }

            Console.WriteLine($"large object heap, {iterations} calls of {name}: {counter.TakeSummary()}");
        }
    }

    /// <summary>All allocations of each step by type (both heaps, every thread: the server's and the client's), sampled, per call.</summary>
    private static void PrintAllocationsByType(IReadOnlyList<(string Name, Func<long> Step)> steps, int iterations)
    {
        const int top = 30;
        Console.WriteLine();
        using var counter = new AllocationByTypeCounter();
        foreach (var (name, step) in steps)
        {
            counter.TakeSummary(1, 0);
            for (var i = 0; i < iterations; i++)
            {
                step();
            }

            Console.WriteLine($"allocations by type per call of {name} (sampled, the {top} largest):");
            Console.WriteLine(counter.TakeSummary(iterations, top));
        }
    }

    /// <summary>The whole process's CPU per call (the server's threads and the collector included), steps taking turns.</summary>
    private static void PrintProcessCpu(IReadOnlyList<(string Name, Func<long> Step)> steps, int iterations)
    {
        const int rounds = 5;
        var medians = ProcessCpuTime.MedianPerCall(steps, iterations);
        Console.WriteLine();
        Console.WriteLine($"| step (scenario 7) | process CPU µs per call (median of {rounds} interleaved rounds) |");
        Console.WriteLine("|---|---:|");
        for (var s = 0; s < steps.Count; s++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {steps[s].Name} | {medians[s]:0.0} |"));
        }
    }
}
