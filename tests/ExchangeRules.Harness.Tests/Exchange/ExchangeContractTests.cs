using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using ExchangeRules.Harness.Exchange;
using ExchangeRules.Harness.Tests.Support;
using ExchangeRules.Harness.Topology;
using Xunit;

namespace ExchangeRules.Harness.Tests.Exchange;

/// <summary>Exchange's routing-agent contract, played by the harness over real SMTP with agents loaded by factory type name.</summary>
public sealed class ExchangeContractTests
{
    private const string _alice = "alice@contoso.com";
    private const string _bob = "bob@contoso.com";

    // Without the redirect rule: these agents do not stamp the loop marker the rule's exception needs.
    private const string _organization = "hybrid-no-rule.xml";

    private static ExchangeTransport Agents(params (string Name, Type Factory)[] agents) =>
        new(agents.Select(a => new AgentRegistration(a.Name, a.Factory.Assembly.Location, a.Factory.FullName!)), maxDeferrals: 2, asyncTimeLimit: TimeSpan.FromSeconds(20));

    private static async Task<DeliveredCopy[]> SendAsync(ExchangeTransport transport, string subject, params string[] recipients)
    {
        await using var harness = await SmtpHarness.StartAsync(_organization, transport);
        var copies = await harness.SendAsync(Messages.Create(_alice, recipients[0], subject), _alice, recipients, _alice);
        return copies.ToArray();
    }

    [Fact]
    public async Task Events_AreRaisedInExchangeOrder()
    {
        using var transport = Agents(("Order", typeof(EventOrderAgentFactory)));

        var copy = Assert.Single(await SendAsync(transport, "order", _bob));

        Assert.Equal(
            new[] { "OnSubmittedMessage", "OnResolvedMessage", "OnRoutedMessage", "OnCategorizedMessage" },
            Messages.Values(File.ReadAllBytes(copy.File!), "X-Test-Event"));
    }

    [Fact]
    public async Task Agents_RunInPriorityOrderWithANewInstancePerMailItem()
    {
        using var transport = Agents(("First", typeof(NamedAgentFactory)), ("Second", typeof(NamedAgentFactory)));

        var first = Assert.Single(await SendAsync(transport, "one", _bob));
        var second = Assert.Single(await SendAsync(transport, "two", _bob));

        Assert.Equal(new[] { "First #1", "Second #1" }, Messages.Values(File.ReadAllBytes(first.File!), "X-Test-Order"));
        Assert.Equal(new[] { "First #2", "Second #2" }, Messages.Values(File.ReadAllBytes(second.File!), "X-Test-Order"));
    }

    [Fact]
    public async Task Recipients_CanBeAddedOnlyInOnSubmittedMessage()
    {
        using var transport = Agents(("Add", typeof(AddRecipientAgentFactory)));

        var copies = await SendAsync(transport, "add", "carol@contoso.com");

        Assert.Equal(new[] { _bob, "carol@contoso.com" }, copies.Select(c => c.Recipient).OrderBy(r => r).ToArray());
        Assert.All(copies, c => Assert.Equal(new[] { nameof(NotSupportedException) }, Messages.Values(File.ReadAllBytes(c.File!), "X-Test-Add")));
        Assert.DoesNotContain(copies, c => c.Recipient == "erin@fabrikam.com");
    }

    [Fact]
    public async Task Fork_SplitsTheItemAndTheCloneGetsItsOwnEvent()
    {
        using var transport = Agents(("Fork", typeof(ForkAgentFactory)));

        var copies = await SendAsync(transport, "fork", _bob, "erin@fabrikam.com");

        Assert.Equal(2, copies.Length);
        foreach (var copy in copies)
        {
            Assert.Equal(new[] { copy.Recipient }, Messages.Values(File.ReadAllBytes(copy.File!), "X-Test-Copy"));
        }

        Assert.Contains(copies[0].Passes.Single().Events, e => e.Contains("forked", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Defer_RevertsTheContentAndRequeuesTheItem()
    {
        using var transport = Agents(("Defer", typeof(DeferOnceAgentFactory)));

        var copy = Assert.Single(await SendAsync(transport, "defer " + Guid.NewGuid(), _bob));

        Assert.Equal(new[] { "retried" }, Messages.Values(File.ReadAllBytes(copy.File!), "X-Test-Attempt"));
        Assert.Contains(copy.Passes.Single().Events, e => e.Contains("content reverted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Delete_DropsTheItemWithoutDelivery()
    {
        using var transport = Agents(("Delete", typeof(DeleteAgentFactory)));
        await using var harness = await SmtpHarness.StartAsync(_organization, transport);

        var copy = Assert.Single(await harness.SendAsync(Messages.Create(_alice, _bob, "please delete me"), _alice, new[] { _bob }, _alice));

        Assert.Equal(DeliveryTarget.Dropped, copy.Target);
        Assert.StartsWith("Delete in OnCategorizedMessage: deleted", copy.Detail, StringComparison.Ordinal);
        Assert.Equal(new[] { copy.File }, System.IO.Directory.GetFiles(harness.Drop.Root, "*.eml", SearchOption.AllDirectories));
        Assert.Equal("dropped", Path.GetFileName(Path.GetDirectoryName(copy.File!)));
    }

    [Fact]
    public async Task UnclosedMimeWriteStream_RestoresTheOldMimeAndClearsTheRecipients()
    {
        using var transport = Agents(("Leaky", typeof(UnclosedStreamAgentFactory)));
        await using var harness = await SmtpHarness.StartAsync(_organization, transport);

        var copy = Assert.Single(await harness.SendAsync(Messages.Create(_alice, _bob, "leak"), _alice, new[] { _bob }, _alice));

        Assert.Equal(DeliveryTarget.Dropped, copy.Target);
        Assert.Contains(copy.Passes.Single().Events, e => e.Contains("AgentDidNotCloseMimeStream", StringComparison.Ordinal));
        Assert.Equal("the item has no recipients left: nothing is delivered", copy.Detail);
        Assert.Equal("leak", Messages.Parse(File.ReadAllBytes(copy.File!)).Subject);
    }

    [Fact]
    public async Task AsyncWithoutResume_RecordsEvent1057AndStillDelivers()
    {
        using var transport = Agents(("Async", typeof(AsyncAgentFactory)));

        var copy = Assert.Single(await SendAsync(transport, "async", _bob));

        Assert.Equal(new[] { "not resumed" }, Messages.Values(File.ReadAllBytes(copy.File!), "X-Test-Async"));
        Assert.Contains(copy.Passes.Single().Events, e => e.StartsWith("event 1057: Agent 'Async' went async but did not call Resume", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AsyncWithResume_RecordsNoWarning()
    {
        using var transport = Agents(("Async", typeof(AsyncAgentFactory)));

        var copy = Assert.Single(await SendAsync(transport, "async with resume", _bob));

        Assert.Equal(new[] { "resumed" }, Messages.Values(File.ReadAllBytes(copy.File!), "X-Test-Async"));
        Assert.DoesNotContain(copy.Passes.Single().Events, e => e.Contains("1057", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExceptionEscapingAHandler_IsRecordedAsACrashAndTheMessageStaysQueuedUnchanged()
    {
        using var transport = Agents(("Buggy", typeof(ThrowingAgentFactory)));
        var original = Messages.Create(_alice, _bob, "crash");

        await using var harness = await SmtpHarness.StartAsync(_organization, transport);
        var copy = Assert.Single(await harness.SendAsync(original, _alice, new[] { _bob }, _alice));

        Assert.Equal(DeliveryTarget.Queued, copy.Target);
        Assert.Equal("queued", Path.GetFileName(Path.GetDirectoryName(copy.File!)));
        Assert.Contains(copy.Passes.Single().Events, e => e.StartsWith("CRASH: System.InvalidOperationException escaped Buggy's OnCategorizedMessage handler", StringComparison.Ordinal));
        Assert.Equal(original.MessageId, Messages.Parse(File.ReadAllBytes(copy.File!)).MessageId);
    }

    [Fact]
    public async Task FactoryReturningTheSameAgentTwice_IsRecordedAsACrash()
    {
        using var transport = Agents(("Singleton", typeof(SingletonAgentFactory)));

        var first = Assert.Single(await SendAsync(transport, "first", _bob));
        var second = Assert.Single(await SendAsync(transport, "second", _bob));

        Assert.Equal(DeliveryTarget.OnPremisesMailbox, first.Target);
        Assert.Equal(DeliveryTarget.Queued, second.Target);
        Assert.Contains(second.Passes.Single().Events, e => e.Contains("already in use", StringComparison.Ordinal));
    }

    [Fact]
    public void FactoryTypeThatDoesNotExist_StopsTheTransportFromStarting()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            new ExchangeTransport(new[] { new AgentRegistration("Missing", typeof(NamedAgentFactory).Assembly.Location, "Nope.MissingFactory") }));

        Assert.Contains("doesn't exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SmtpServerState_GivesTheAgentTheOnPremisesView()
    {
        using var transport = Agents(("Probe", typeof(OrganizationProbeAgentFactory)));

        var copies = await SendAsync(transport, "probe", _bob, "carol@contoso.com", "sales-team@fabrikam.com", "x@external.example");

        var probes = Messages.Values(File.ReadAllBytes(copies.Single(c => c.Recipient == _bob).File!), "X-Test-Probe");
        Assert.Equal(
            new[]
            {
                "bob@contoso.com; accepted=True; addressBook=True; category=InSameOrganization",
                "carol@contoso.com; accepted=True; addressBook=True; category=InSameOrganization",
                "sales-team@fabrikam.com; accepted=True; addressBook=False; category=InSameOrganization",
                "x@external.example; accepted=False; addressBook=False; category=InDifferentOrganization",
            },
            probes);
    }
}
