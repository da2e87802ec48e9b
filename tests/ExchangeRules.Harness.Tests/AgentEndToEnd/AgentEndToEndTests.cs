using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Harness.Exchange;
using ExchangeRules.Harness.Tests.Support;
using ExchangeRules.Harness.Topology;
using Xunit;

namespace ExchangeRules.Harness.Tests.AgentEndToEnd;

/// <summary>
/// The real agent DLL, loaded the way Exchange loads it (Assembly.LoadFrom, the factory type by name, a new agent
/// per mail item, the four routing events in order), starting its real ProcessingHost from the configuration
/// beside it (the shipped sample rules and LDIF directory), driven over SMTP: the delivered bytes are asserted.
/// </summary>
[Collection(InstalledAgent.Collection)]
public sealed class AgentEndToEndTests : IClassFixture<InstalledAgent>
{
    private const string _marker = "X-ExchangeRules-Processed";
    private readonly InstalledAgent _agent;

    public AgentEndToEndTests(InstalledAgent agent)
    {
        _agent = agent;
        _agent.ConfigureSamples();
    }

    [Fact]
    public async Task OnPremisesToInternet_SignatureFromTheDirectoryAndDisclaimerOnceMarkedProcessed()
    {
        using var transport = new ExchangeTransport(new[] { _agent.Registration });
        await using var harness = await SmtpHarness.StartAsync("agent-e2e.xml", transport);

        var copies = await harness.SendAsync(Messages.Create("megan.bowen@contoso.com", "partner@external.example"), "megan.bowen@contoso.com", new[] { "partner@external.example" }, "megan.bowen@contoso.com");

        var copy = Assert.Single(copies);
        Assert.Equal(DeliveryTarget.Internet, copy.Target);
        var pass = Assert.Single(copy.Passes);
        Assert.Equal(SubmissionOrigin.Authenticated, pass.Origin);
        Assert.DoesNotContain(pass.Events, e => e.StartsWith("CRASH", StringComparison.Ordinal) || e.StartsWith("event 1057", StringComparison.Ordinal));
        var delivered = File.ReadAllBytes(copy.File!);
        var text = Messages.Parse(delivered).TextBody ?? string.Empty;
        Assert.Equal(1, Count(text, "Chief Executive Officer"));
        Assert.Equal(1, Count(text, "This message and any attachments are confidential"));

        // The internet copy carries nothing of ours: no marker, no rule names (issue #20: nothing names a server or rule outside).
        Assert.Empty(Messages.Values(delivered, _marker));
        Assert.Empty(Messages.Values(delivered, "X-ExchangeRules-Stamped"));
        Assert.Empty(Messages.Values(delivered, "X-MS-Exchange-Organization-AuthAs"));
    }

    [Fact]
    public async Task CloudToCloud_RedirectedOnPremisesOnce_SignedOnceAndNotSentBackAgain()
    {
        using var transport = new ExchangeTransport(new[] { _agent.Registration });
        await using var harness = await SmtpHarness.StartAsync("agent-e2e.xml", transport);

        var copies = await harness.SendAsync(Messages.Create("adele.vance@contoso.com", "carol@contoso.com"), "adele.vance@contoso.com", new[] { "carol@contoso.com" }, "adele.vance@contoso.com");

        var copy = Assert.Single(copies);
        Assert.Equal(DeliveryTarget.ExchangeOnlineMailbox, copy.Target);
        Assert.Equal(SubmissionOrigin.HybridConnector, Assert.Single(copy.Passes).Origin);
        var delivered = File.ReadAllBytes(copy.File!);
        Assert.Equal(1, Count(Messages.Parse(delivered).TextBody ?? string.Empty, "Product Manager"));
        Assert.Equal(new[] { "processed" }, Messages.Values(delivered, _marker));
        Assert.Contains(copy.Path, step => step.Contains("carries X-ExchangeRules-Processed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InternetSpoofingAnInternalSenderWithAForgedMarker_GetsTheBannerAndTagNotTheSignature()
    {
        using var transport = new ExchangeTransport(new[] { _agent.Registration });
        await using var harness = await SmtpHarness.StartAsync("agent-e2e.xml", transport);
        var message = Messages.Create("megan.bowen@contoso.com", "bob@contoso.com", "Wire transfer");
        message.Headers.Add(_marker, "ex01.contoso.com");

        var copies = await harness.SendAsync(message, "megan.bowen@contoso.com", new[] { "bob@contoso.com" });

        var copy = Assert.Single(copies);
        Assert.Equal(DeliveryTarget.OnPremisesMailbox, copy.Target);
        Assert.Equal(SubmissionOrigin.Anonymous, Assert.Single(copy.Passes).Origin);
        var delivered = File.ReadAllBytes(copy.File!);
        var parsed = Messages.Parse(delivered);
        Assert.Equal("[EXT] Wire transfer", parsed.Subject);
        Assert.Equal(1, Count(parsed.TextBody ?? string.Empty, "[External sender]"));
        Assert.Equal(0, Count(parsed.TextBody ?? string.Empty, "Chief Executive Officer"));
        Assert.Equal(new[] { "processed" }, Messages.Values(delivered, _marker));
    }

    private static int Count(string text, string value) =>
        Enumerable.Range(0, Math.Max(0, text.Length - value.Length + 1)).Count(i => string.CompareOrdinal(text, i, value, 0, value.Length) == 0);
}
