using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using ExchangeRules.Benchmarks.Fixtures;
using ExchangeRules.Harness.Organization;
using ExchangeRules.Harness.Smtp;
using ExchangeRules.Harness.Topology;
using ExchangeRules.Harness.Transport;
using MailKit.Net.Smtp;
using MimeKit;

namespace ExchangeRules.Benchmarks.Scenarios;

/// <summary>
/// Scenario 7: one message to many recipients through the pipeline harness over SMTP (the harness without the agent,
/// copies kept in memory only). The worst case for per-recipient work: every recipient is external and listed in the
/// To header, so the message grows with the recipient count and anything done per copy over the whole message is
/// quadratic. Target: time and allocation grow linearly with the recipients (10,000 recipients within 10x of
/// 1,000), i.e. bounded time and memory per recipient.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class ManyRecipientsBenchmarks
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "exchangerules-bench-recipients-" + Environment.ProcessId);
    private HarnessSmtpServer _server = null!;
    private SmtpClient _client = null!;
    private MimeMessage _message = null!;
    private MailboxAddress[] _recipients = null!;

    /// <summary>How many recipients the message has.</summary>
    [Params(1_000, 10_000)]
    public int Recipients { get; set; }

    /// <summary>Starts the harness (which accepts that many recipients per message) and builds the message.</summary>
    [GlobalSetup]
    public async Task Setup()
    {
        var organization = OrganizationFile.Load(BenchmarkHarness.WriteOrganization(_folder));
        _server = await HarnessSmtpServer.StartAsync(
            new HybridTopology(organization, new NoAgentTransport()), null, new IPEndPoint(IPAddress.Loopback, 0), null, keptMessages: 0, CancellationToken.None);
        _client = await BenchmarkHarness.ConnectAsync(_server);
        _recipients = Enumerable.Range(0, Recipients).Select(i => MailboxAddress.Parse($"user{i}@fabrikam{i % 50}.example")).ToArray();
        _message = MimeMessage.Load(new MemoryStream(MessageFixtures.SmallPlain(MessageFixtures.ExternalRecipient)));
        _message.To.Clear();
        _message.To.AddRange(_recipients);
    }

    /// <summary>Disconnects and stops the harness.</summary>
    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _client.DisconnectAsync(true);
        _client.Dispose();
        await _server.DisposeAsync();
        System.IO.Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Sends the message once; every recipient gets a copy.</summary>
    [Benchmark]
    public Task Send() => _client.SendAsync(_message, MailboxAddress.Parse(MessageFixtures.Sender), _recipients);
}
