using System;
using System.Linq;
using System.Threading;
using ExchangeRules.Harness.HybridCheck;
using ExchangeRules.Harness.Tests.Support;
using ExchangeRules.Harness.Topology;
using ExchangeRules.Harness.Transport;
using Xunit;

namespace ExchangeRules.Harness.Tests.HybridCheck;

/// <summary>
/// hybrid-check on inbound internet mail with centralized mail transport (Microsoft, "Transport routing in Exchange
/// hybrid deployments": with CMT, Exchange Online routes inbound internet mail through on-premises first) and on
/// forwarding set on Exchange Online mailboxes (KB 3194415: a message that came from on-premises is not routed back).
/// </summary>
public sealed class HybridCheckerInboundAndForwardingTests
{
    [Fact]
    public void Run_CmtOnAndMxAtExchangeOnline_InternetToCloudMailboxIsProcessedWithoutMovingTheMx()
    {
        var report = HybridChecker.Run(TestFiles.Organization("hybrid.xml"), new MarkerOnlyTransport(), CancellationToken.None);

        var flow = report.Flows.Single(f => f.Name.StartsWith("internet → cloud mailbox (", StringComparison.Ordinal));
        Assert.True(flow.Processed, flow.Verdict);
        Assert.StartsWith("processed", flow.Verdict, StringComparison.Ordinal);
        Assert.Empty(flow.Advice);
        var copy = Assert.Single(flow.Copies);
        Assert.Equal(DeliveryTarget.ExchangeOnlineMailbox, copy.Target);
        Assert.Contains(copy.Path, step => step.Contains("routed through on-premises first", StringComparison.Ordinal));
        Assert.DoesNotContain(report.Flows.SelectMany(f => f.Advice), a => a.Contains("MX records", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_CmtOffAndMxAtExchangeOnline_InternetToCloudMailboxAdvisesCentralizedMailTransportFirst()
    {
        var report = HybridChecker.Run(TestFiles.Organization("hybrid-cmt-off-mx-exo.xml"), new MarkerOnlyTransport(), CancellationToken.None);

        var flow = report.Flows.Single(f => f.Name.StartsWith("internet → cloud mailbox (", StringComparison.Ordinal));
        Assert.False(flow.Processed);
        Assert.Contains("centralized mail transport off", flow.Verdict, StringComparison.Ordinal);
        Assert.Contains(flow.Advice, a => a.Contains("-RouteAllMessagesViaOnPremises $true", StringComparison.Ordinal));
        Assert.DoesNotContain(flow.Advice, a => a.Contains("MX records", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_CmtOnAndMxAtExchangeOnline_InternetToCloudOnlyObjectInAuthoritativeDomainBouncesOnPremises()
    {
        var report = HybridChecker.Run(TestFiles.Organization("hybrid.xml"), new MarkerOnlyTransport(), CancellationToken.None);

        var flow = report.Flows.Single(f => f.Name.StartsWith("internet → cloud-only object (", StringComparison.Ordinal));
        Assert.True(flow.Failed);
        Assert.Contains("5.1.10", flow.Verdict, StringComparison.Ordinal);
        Assert.Contains(flow.Advice, a => a.Contains("Set-AcceptedDomain -Identity 'contoso.com' -DomainType InternalRelay", StringComparison.Ordinal));
        Assert.DoesNotContain(flow.Advice, a => a.Contains("Set-TransportRule", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_CloudMailboxForwardsWithCmt_ReportsTheForwardedCopyLeavingExchangeOnlineUnprocessed()
    {
        var report = HybridChecker.Run(TestFiles.Organization("hybrid-forwarding.xml"), new MarkerOnlyTransport(), CancellationToken.None);

        var flow = report.Flows.Single(f => f.Name.StartsWith("internet → cloud mailbox frank@contoso.com forwarding to frank.home@external.example", StringComparison.Ordinal));
        Assert.False(flow.Processed);
        Assert.Contains("KB 3194415", flow.Verdict, StringComparison.Ordinal);
        var kept = flow.Copies.Single(c => c.Recipient == "frank@contoso.com");
        Assert.Equal(DeliveryTarget.ExchangeOnlineMailbox, kept.Target);
        Assert.True(kept.ProcessedAsDelivered);
        var forwarded = flow.Copies.Single(c => c.Recipient == "frank.home@external.example");
        Assert.Equal(DeliveryTarget.Internet, forwarded.Target);
        Assert.Equal("frank@contoso.com", forwarded.ForwardedBy);
        Assert.Single(forwarded.Passes);
        Assert.False(forwarded.ProcessedAsDelivered);
        Assert.Contains(flow.Advice, a => a.Contains("Set-Mailbox -Identity 'frank@contoso.com' -ForwardingSmtpAddress $null", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_CloudMailboxForwardsWithoutCmt_ForwardedCopyLeavesDirectlyAndEnablingCmtIsTheFix()
    {
        var report = HybridChecker.Run(TestFiles.Organization("hybrid-forwarding-cmt-off.xml"), new MarkerOnlyTransport(), CancellationToken.None);

        var flow = report.Flows.Single(f => f.Name.StartsWith("cloud → cloud mailbox frank@contoso.com forwarding", StringComparison.Ordinal));
        Assert.False(flow.Processed);
        Assert.Contains("centralized mail transport is off", flow.Verdict, StringComparison.Ordinal);
        var forwarded = flow.Copies.Single(c => c.ForwardedBy is not null);
        Assert.Equal(DeliveryTarget.Internet, forwarded.Target);
        Assert.Empty(forwarded.Passes);
        Assert.Contains(flow.Advice, a => a.Contains("-RouteAllMessagesViaOnPremises $true", StringComparison.Ordinal));
    }

    [Fact]
    public void Submit_CloudToForwardingMailboxWithCmt_ForwardedCopyCrossesOnPremisesOnce()
    {
        var organization = TestFiles.Organization("hybrid-forwarding-cmt-off.xml");
        var cmtOn = new Organization.OrganizationModel(
            organization.Name,
            organization.Server,
            organization.AcceptedDomains,
            organization.Recipients,
            new Organization.HybridSettings(organization.Hybrid!.TenantDomain, true, organization.Hybrid.Mx, organization.Hybrid.OutboundConnector, organization.Hybrid.RedirectRule),
            organization.Directory);
        var topology = new HybridTopology(cmtOn, new MarkerOnlyTransport());

        var copies = topology.Submit(new Submission(EntryPoint.CloudMailbox, "carol@contoso.com", new[] { "frank@contoso.com" }, Messages.Bytes(Messages.Create("carol@contoso.com", "frank@contoso.com"))), CancellationToken.None);

        // frank keeps no copy (DeliverToMailboxAndForward off): the forwarded copy is the only one.
        var forwarded = Assert.Single(copies);
        Assert.Equal("frank@contoso.com", forwarded.ForwardedBy);
        Assert.Equal(DeliveryTarget.Internet, forwarded.Target);
        Assert.True(forwarded.ProcessedAsDelivered);
        Assert.Equal(0, forwarded.PassesBeforeForward);
        Assert.Single(forwarded.Passes);
    }
}
