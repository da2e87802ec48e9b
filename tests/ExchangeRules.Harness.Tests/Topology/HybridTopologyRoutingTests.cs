using System;
using System.Linq;
using System.Threading;
using ExchangeRules.Harness.Tests.Support;
using ExchangeRules.Harness.Topology;
using ExchangeRules.Harness.Transport;
using Xunit;

namespace ExchangeRules.Harness.Tests.Topology;

/// <summary>On-premises transport sends each recipient's copy its own way, in recipient order within each way.</summary>
public class HybridTopologyRoutingTests
{
    [Fact]
    public void Submit_MixedRecipients_BouncesFirst_ThenLocal_ThenInternet_ThenTheHybridLeg_EachRecipientOnce()
    {
        var topology = new HybridTopology(TestFiles.Organization("hybrid.xml"), new NoAgentTransport());
        var mime = Messages.Bytes(Messages.Create("alice@contoso.com", "someone@partner.example"));
        var recipients = new[] { "unknown@contoso.com", "alice@contoso.com", "someone@partner.example", "all-staff@contoso.com", "BOB@contoso.com", "other@partner.example" };

        var copies = topology.Submit(new Submission(EntryPoint.OnPremisesMailbox, "alice@contoso.com", recipients, mime), CancellationToken.None);

        // all-staff expands to alice and bob (already recipients: one copy each) and carol, a remote mailbox whose copy
        // crosses the hybrid connector after the on-premises copies.
        Assert.Equal(
            new[]
            {
                ("unknown@contoso.com", DeliveryTarget.Bounced),
                ("alice@contoso.com", DeliveryTarget.OnPremisesMailbox),
                ("BOB@contoso.com", DeliveryTarget.OnPremisesMailbox),
                ("someone@partner.example", DeliveryTarget.Internet),
                ("other@partner.example", DeliveryTarget.Internet),
            },
            copies.Take(5).Select(c => (c.Recipient, c.Target)));
        Assert.StartsWith("550 5.1.10 RESOLVER.ADR.RecipientNotFound", copies[0].Detail, StringComparison.Ordinal);
        Assert.Equal("carol@contoso.com", Assert.Single(copies.Skip(5).Select(c => c.Recipient).Distinct()));
        Assert.Same(copies[3].Mime, copies[4].Mime);
    }
}
