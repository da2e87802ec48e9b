using System.IO;
using System.Linq;
using System.Threading.Tasks;
using ExchangeRules.Harness.Tests.Support;
using ExchangeRules.Harness.Topology;
using ExchangeRules.Harness.Transport;
using Xunit;

namespace ExchangeRules.Harness.Tests.Smtp;

/// <summary>Every hybrid flow over real SMTP: where the copy lands and what the agent saw, read from the delivered file.</summary>
public sealed class HybridFlowTests
{
    private const string _hybrid = "hybrid.xml";
    private const string _cmtOffMxOnPremises = "hybrid-cmt-off-mx-onprem.xml";
    private const string _noRule = "hybrid-no-rule.xml";
    private const string _cmtOffMxExo = "hybrid-cmt-off-mx-exo.xml";
    private const string _external = "partner@external.example";

    [Theory]
    [InlineData("internet → on-premises, MX at EXO", _hybrid, null, _external, "alice@contoso.com", DeliveryTarget.OnPremisesMailbox, "Anonymous; OnPremises")]
    [InlineData("internet → on-premises, MX on-premises", _cmtOffMxOnPremises, null, _external, "alice@contoso.com", DeliveryTarget.OnPremisesMailbox, "Anonymous; OnPremises")]
    [InlineData("internet → cloud, MX at EXO, CMT on", _hybrid, null, _external, "carol@contoso.com", DeliveryTarget.ExchangeOnlineMailbox, "Anonymous; OnPremises")]
    [InlineData("internet → cloud, MX at EXO, CMT off", _cmtOffMxExo, null, _external, "carol@contoso.com", DeliveryTarget.ExchangeOnlineMailbox, null)]
    [InlineData("internet → cloud, MX on-premises", _cmtOffMxOnPremises, null, _external, "carol@contoso.com", DeliveryTarget.ExchangeOnlineMailbox, "Anonymous; OnPremises")]
    [InlineData("on-premises → internet", _hybrid, "alice@contoso.com", "alice@contoso.com", _external, DeliveryTarget.Internet, "Authenticated; External")]
    [InlineData("cloud → internet, CMT on", _hybrid, "carol@contoso.com", "carol@contoso.com", _external, DeliveryTarget.Internet, "HybridConnector; External")]
    [InlineData("cloud → internet, CMT off", _cmtOffMxOnPremises, "carol@contoso.com", "carol@contoso.com", _external, DeliveryTarget.Internet, null)]
    [InlineData("on-premises → on-premises", _hybrid, "alice@contoso.com", "alice@contoso.com", "bob@contoso.com", DeliveryTarget.OnPremisesMailbox, "Authenticated; OnPremises")]
    [InlineData("cloud → on-premises", _noRule, "carol@contoso.com", "carol@contoso.com", "bob@contoso.com", DeliveryTarget.OnPremisesMailbox, "HybridConnector; OnPremises")]
    [InlineData("on-premises → cloud", _hybrid, "alice@contoso.com", "alice@contoso.com", "carol@contoso.com", DeliveryTarget.ExchangeOnlineMailbox, "Authenticated; OnPremises")]
    [InlineData("cloud → cloud with the redirect rule", _hybrid, "carol@contoso.com", "carol@contoso.com", "dave@contoso.com", DeliveryTarget.ExchangeOnlineMailbox, "HybridConnector; OnPremises")]
    [InlineData("cloud → cloud without the redirect rule", _noRule, "carol@contoso.com", "carol@contoso.com", "dave@contoso.com", DeliveryTarget.ExchangeOnlineMailbox, null)]
    [InlineData("cloud → excluded cloud-only object", _hybrid, "carol@contoso.com", "carol@contoso.com", "helpdesk@contoso.com", DeliveryTarget.ExchangeOnlineMailbox, null)]
    [InlineData("cloud-only object → cloud, rule applies", _hybrid, "sales-team@fabrikam.com", "sales-team@fabrikam.com", "dave@contoso.com", DeliveryTarget.ExchangeOnlineMailbox, "HybridConnector; OnPremises")]
    [InlineData("on-premises → cloud-only object in an internal-relay domain", _hybrid, "alice@contoso.com", "alice@contoso.com", "sales-team@fabrikam.com", DeliveryTarget.ExchangeOnlineMailbox, "Authenticated; UnknownInternal")]
    [InlineData("internet → cloud-only object in an internal-relay domain, MX at EXO, CMT on", _hybrid, null, _external, "sales-team@fabrikam.com", DeliveryTarget.ExchangeOnlineMailbox, "Anonymous; UnknownInternal")]
    [InlineData("internet → cloud-only object, MX at EXO, CMT off", _cmtOffMxExo, null, _external, "helpdesk@contoso.com", DeliveryTarget.ExchangeOnlineMailbox, null)]
    public async Task Send_Flow_LandsWhereExchangeDeliversAndIsStampedOnlyWhenItCrossesOnPremises(
        string flow, string organization, string? authenticateAs, string sender, string recipient, DeliveryTarget target, string? stamp)
    {
        await using var harness = await SmtpHarness.StartAsync(organization);

        var copies = await harness.SendAsync(Messages.Create(sender, recipient, flow), sender, new[] { recipient }, authenticateAs);

        var copy = Assert.Single(copies);
        Assert.Equal(target, copy.Target);
        Assert.Equal(recipient, copy.Recipient);
        var delivered = File.ReadAllBytes(copy.File!);
        Assert.Equal(copy.Mime, delivered);
        Assert.Equal(stamp is null ? 0 : 1, copy.Passes.Count);
        Assert.Equal(stamp is null ? System.Array.Empty<string>() : new[] { stamp }, Messages.Values(delivered, StampingProcessor.StampHeader));
        Assert.Equal(flow, Messages.Parse(delivered).Subject);
        Assert.Contains(copy.File!, System.IO.Directory.GetFiles(harness.Drop.Root, "*.eml", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Send_SpoofedInternalSenderFromInternet_IsIncomingAndForgedExchangeHeadersAreStripped()
    {
        await using var harness = await SmtpHarness.StartAsync(_hybrid);
        var message = Messages.Create("alice@contoso.com", "bob@contoso.com");
        message.Headers.Add("X-MS-Exchange-Organization-AuthAs", "Internal");
        message.Headers.Add("X-MS-Exchange-CrossPremises-AuthAs", "Internal");
        message.Headers.Add("X-MS-Exchange-Organization-AuthSource", "ex01.contoso.com");

        var copies = await harness.SendAsync(message, "alice@contoso.com", new[] { "bob@contoso.com" });

        var delivered = File.ReadAllBytes(Assert.Single(copies).File!);
        Assert.Equal(new[] { "Anonymous; OnPremises" }, Messages.Values(delivered, StampingProcessor.StampHeader));
        Assert.Equal(new[] { "Anonymous" }, Messages.Values(delivered, "X-MS-Exchange-Organization-AuthAs"));
        Assert.Empty(Messages.Values(delivered, "X-MS-Exchange-CrossPremises-AuthAs"));
        Assert.DoesNotContain("ex01.contoso.com", Messages.Values(delivered, "X-MS-Exchange-Organization-AuthSource"));
    }

    [Fact]
    public async Task Send_SpoofedInternalSenderToCloudMailboxWithMxOnPremises_IsNotRedirectedAsInternal()
    {
        await using var harness = await SmtpHarness.StartAsync(_cmtOffMxOnPremises);
        var message = Messages.Create("dave@contoso.com", "carol@contoso.com");
        message.Headers.Add("X-MS-Exchange-CrossPremises-AuthAs", "Internal");

        var copies = await harness.SendAsync(message, "dave@contoso.com", new[] { "carol@contoso.com" });

        var copy = Assert.Single(copies);
        Assert.Equal(DeliveryTarget.ExchangeOnlineMailbox, copy.Target);
        Assert.Equal(new[] { "Anonymous; OnPremises" }, Messages.Values(File.ReadAllBytes(copy.File!), StampingProcessor.StampHeader));
    }

    [Fact]
    public async Task Send_MessageThatLoopsBecauseTheRedirectRuleLacksItsException_IsStampedOnceAndBouncesWithHopCountExceeded()
    {
        await using var harness = await SmtpHarness.StartAsync("hybrid-rule-without-exception.xml");

        var copies = await harness.SendAsync(Messages.Create("carol@contoso.com", "dave@contoso.com"), "carol@contoso.com", new[] { "dave@contoso.com" }, "carol@contoso.com");

        var copy = Assert.Single(copies);
        Assert.Equal(DeliveryTarget.Bounced, copy.Target);
        Assert.Contains("5.4.14", copy.Detail);
        Assert.True(copy.Passes.Count > 2, $"the message crossed on-premises {copy.Passes.Count} times");
        Assert.Equal(new[] { "HybridConnector; OnPremises" }, Messages.Values(File.ReadAllBytes(copy.File!), StampingProcessor.StampHeader));
        Assert.True(File.Exists(Path.ChangeExtension(copy.File!, ".txt")));
    }

    [Fact]
    public async Task Send_CloudToOnPremisesAndCloudAndInternet_EachCopyCrossesOnPremisesOnceAndIsStampedOnce()
    {
        await using var harness = await SmtpHarness.StartAsync(_hybrid);
        var recipients = new[] { "alice@contoso.com", "dave@contoso.com", _external };

        var copies = await harness.SendAsync(Messages.Create("carol@contoso.com", "alice@contoso.com"), "carol@contoso.com", recipients, "carol@contoso.com");

        Assert.Equal(
            new[] { ("alice@contoso.com", DeliveryTarget.OnPremisesMailbox), ("dave@contoso.com", DeliveryTarget.ExchangeOnlineMailbox), (_external, DeliveryTarget.Internet) },
            copies.Select(c => (c.Recipient, c.Target)).OrderBy(c => c.Target).ToArray());
        foreach (var copy in copies)
        {
            Assert.Single(copy.Passes);
            Assert.Single(Messages.Values(File.ReadAllBytes(copy.File!), StampingProcessor.StampHeader));
        }
    }

    [Fact]
    public async Task Send_CloudToCloudOnlyObjectNotExcludedFromTheRule_BouncesOnPremisesWithRecipientNotFound()
    {
        await using var harness = await SmtpHarness.StartAsync("hybrid-rule-not-excluding.xml");

        var copies = await harness.SendAsync(Messages.Create("carol@contoso.com", "helpdesk@contoso.com"), "carol@contoso.com", new[] { "helpdesk@contoso.com" }, "carol@contoso.com");

        var copy = Assert.Single(copies);
        Assert.Equal(DeliveryTarget.Bounced, copy.Target);
        Assert.StartsWith("550 5.1.10", copy.Detail);
        Assert.Equal("bounced", Path.GetFileName(Path.GetDirectoryName(copy.File!)));
        Assert.Single(Messages.Values(File.ReadAllBytes(copy.File!), StampingProcessor.StampHeader));
    }

    [Fact]
    public async Task Send_ToOnPremisesGroup_ExpandsToMembersOnBothSides()
    {
        await using var harness = await SmtpHarness.StartAsync(_hybrid);

        var copies = await harness.SendAsync(Messages.Create("bob@contoso.com", "all-staff@contoso.com"), "bob@contoso.com", new[] { "all-staff@contoso.com" }, "bob@contoso.com");

        Assert.Equal(new[] { "alice@contoso.com", "bob@contoso.com", "carol@contoso.com" }, copies.Select(c => c.Recipient).OrderBy(r => r).ToArray());
        Assert.All(copies, c => Assert.Equal("all-staff@contoso.com", Messages.Parse(File.ReadAllBytes(c.File!)).To.Mailboxes.Single().Address));
        Assert.Equal(DeliveryTarget.ExchangeOnlineMailbox, copies.Single(c => c.Recipient == "carol@contoso.com").Target);
    }

    [Fact]
    public async Task Send_OnPremisesToInternet_LeavesWithoutOrganizationHeaders()
    {
        await using var harness = await SmtpHarness.StartAsync(_hybrid);

        var copies = await harness.SendAsync(Messages.Create("alice@contoso.com", _external), "alice@contoso.com", new[] { _external }, "alice@contoso.com");

        var delivered = File.ReadAllBytes(Assert.Single(copies).File!);
        Assert.DoesNotContain(Messages.Parse(delivered).Headers, h => h.Field.StartsWith("X-MS-Exchange-", System.StringComparison.OrdinalIgnoreCase));
        Assert.Single(Messages.Values(delivered, StampingProcessor.StampHeader));
    }

    [Fact]
    public async Task Send_WithoutAgent_DeliversTheClientBytesPlusTransportHeadersOnly()
    {
        await using var harness = await SmtpHarness.StartAsync(_hybrid, new NoAgentTransport());
        var original = Messages.Create("alice@contoso.com", "bob@contoso.com");

        var copies = await harness.SendAsync(original, "alice@contoso.com", new[] { "bob@contoso.com" }, "alice@contoso.com");

        var bytes = File.ReadAllBytes(Assert.Single(copies).File!);
        var delivered = Messages.Parse(bytes);
        Assert.Equal(original.MessageId, delivered.MessageId);
        Assert.EndsWith("\r\n\r\nHello,\r\nthe numbers are attached.\r\n", System.Text.Encoding.ASCII.GetString(bytes), System.StringComparison.Ordinal);
        Assert.Equal("Internal", delivered.Headers["X-MS-Exchange-Organization-AuthAs"]);
        Assert.Empty(Messages.Values(Messages.Bytes(delivered), StampingProcessor.StampHeader));
    }
}
