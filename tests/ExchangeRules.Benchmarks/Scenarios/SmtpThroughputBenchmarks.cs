using System;
using System.IO;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using ExchangeRules.Benchmarks.Baselines;
using ExchangeRules.Benchmarks.Fixtures;
using ExchangeRules.Harness.Organization;
using ExchangeRules.Harness.Smtp;
using ExchangeRules.Harness.Topology;
using ExchangeRules.Harness.Transport;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace ExchangeRules.Benchmarks.Scenarios;

/// <summary>
/// Scenario 5: end to end through the pipeline harness over SMTP on loopback. A MailKit client, authenticated as
/// the on-premises sender, submits the 40 KB Outlook reply to an external recipient over one open connection;
/// the harness runs on-premises transport with the reference agent (baseline: every message parsed and rewritten
/// with MimeKit at OnResolvedMessage, <see cref="MimeKitRewritingTransport"/>, in the same model of Exchange's events
/// and mail item as our agent), with our agent's processing (the message processor and
/// the realistic 50-rule set; the signature is stamped), or with no agent at all (for scale). Messages per second
/// = 1 / mean; target: our agent at least 0.9x the reference agent's throughput, i.e. a time ratio of at most 1.11.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class SmtpThroughputBenchmarks
{
    private const int _messagesPerInvocation = 10;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "exchangerules-bench-smtp-" + Environment.ProcessId);
    private MimeMessage _message = null!;
    private HarnessSmtpServer _withoutAgent = null!;
    private HarnessSmtpServer _withAgent = null!;
    private HarnessSmtpServer _withReferenceAgent = null!;
    private SmtpClient _withoutAgentClient = null!;
    private SmtpClient _withAgentClient = null!;
    private SmtpClient _withReferenceAgentClient = null!;

    /// <summary>Starts the three harnesses on free loopback ports and connects a client to each.</summary>
    [GlobalSetup]
    public async Task Setup()
    {
        _message = MimeMessage.Load(new MemoryStream(MessageFixtures.OutlookReply40K(MessageFixtures.ExternalRecipient)));
        var organization = OrganizationFile.Load(BenchmarkHarness.WriteOrganization(_folder));
        var processor = BenchmarkProcessor.Create(BenchmarkRules.Realistic());
        _withoutAgent = await StartAsync(new HybridTopology(organization, new NoAgentTransport()));
        _withAgent = await StartAsync(new HybridTopology(organization, new ProcessorTransport(processor)));
        _withReferenceAgent = await StartAsync(new HybridTopology(organization, new MimeKitRewritingTransport()));
        _withoutAgentClient = await BenchmarkHarness.ConnectAsync(_withoutAgent);
        _withAgentClient = await BenchmarkHarness.ConnectAsync(_withAgent);
        _withReferenceAgentClient = await BenchmarkHarness.ConnectAsync(_withReferenceAgent);
    }

    /// <summary>Disconnects and stops the harnesses.</summary>
    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _withoutAgentClient.DisconnectAsync(true);
        await _withAgentClient.DisconnectAsync(true);
        await _withReferenceAgentClient.DisconnectAsync(true);
        _withoutAgentClient.Dispose();
        _withAgentClient.Dispose();
        _withReferenceAgentClient.Dispose();
        await _withoutAgent.DisposeAsync();
        await _withAgent.DisposeAsync();
        await _withReferenceAgent.DisposeAsync();
        System.IO.Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Baseline: on-premises transport with the reference agent that parses and rewrites every message with MimeKit.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = _messagesPerInvocation)]
    public Task WithReferenceAgent() => SendAsync(_withReferenceAgentClient);

    /// <summary>For scale: on-premises transport without any agent (the harness's own cost).</summary>
    [Benchmark(OperationsPerInvoke = _messagesPerInvocation)]
    public Task WithoutAgent() => SendAsync(_withoutAgentClient);

    /// <summary>On-premises transport with the agent's processing (MessageProcessor, realistic 50 rules, signature stamped).</summary>
    [Benchmark(OperationsPerInvoke = _messagesPerInvocation)]
    public Task WithAgent() => SendAsync(_withAgentClient);

    private async Task SendAsync(SmtpClient client)
    {
        var sender = MailboxAddress.Parse(MessageFixtures.Sender);
        MailboxAddress[] recipients = [MailboxAddress.Parse(MessageFixtures.ExternalRecipient)];
        for (var i = 0; i < _messagesPerInvocation; i++)
        {
            await client.SendAsync(_message, sender, recipients);
        }
    }

    private static async Task<HarnessSmtpServer> StartAsync(HybridTopology topology) =>
        // Keeps no message once delivered, as Exchange does: thousands of retained copies would make every GC slower.
        await HarnessSmtpServer.StartAsync(topology, null, new IPEndPoint(IPAddress.Loopback, 0), null, keptMessages: 0, CancellationToken.None);
}
