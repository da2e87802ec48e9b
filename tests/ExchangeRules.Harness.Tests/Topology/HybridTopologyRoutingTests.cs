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

    [Theory]
    [InlineData(EntryPoint.OnPremisesMailbox, 12)]
    [InlineData(EntryPoint.Internet, 12)]
    [InlineData(EntryPoint.CloudMailbox, 12)]
    [InlineData(EntryPoint.OnPremisesMailbox, 0)]
    public void Submit_MessageInAPartOfABuffer_KeepsNoReferenceToThatBuffer_SoTheCallerMayReuseIt(EntryPoint entry, int maxTransits)
    {
        // The SMTP front end receives a message into a pooled buffer and returns it once Submit returns: a delivered copy
        // that still pointed into it would change under the next message.
        var topology = new HybridTopology(TestFiles.Organization("hybrid.xml"), new NoAgentTransport(), maxTransits);
        var mime = Messages.Bytes(Messages.Create("alice@contoso.com", "someone@partner.example"));
        var buffer = new byte[mime.Length + 100];
        Buffer.BlockCopy(mime, 0, buffer, 50, mime.Length);
        var recipients = new[] { "alice@contoso.com", "someone@partner.example", "carol@contoso.com" };

        var copies = topology.Submit(new Submission(entry, "alice@contoso.com", recipients, new ArraySegment<byte>(buffer, 50, mime.Length)), CancellationToken.None);
        var delivered = copies.Select(c => c.Mime.ToArray()).ToList();
        Array.Fill(buffer, (byte)'#');

        Assert.Equal(recipients.Length, copies.Count);
        Assert.All(copies, c => Assert.NotSame(buffer, c.Mime));
        Assert.Equal(delivered, copies.Select(c => c.Mime));
        Assert.All(copies, c => Assert.Equal("Quarterly numbers", Messages.Parse(c.Mime).Subject));
    }

    [Fact]
    public void Submit_TenThousandRecipientsWithDuplicates_DeliversOneCopyPerAddress_InOrder()
    {
        // Past 2,048 addresses the categorizer's duplicate check is spread over smaller sets (off the large object heap).
        var topology = new HybridTopology(TestFiles.Organization("hybrid.xml"), new NoAgentTransport());
        var mime = Messages.Bytes(Messages.Create("alice@contoso.com", "someone@partner.example"));
        var unique = Enumerable.Range(0, 10_000).Select(i => $"user{i}@fabrikam{i % 50}.example").ToList();
        var recipients = unique.Concat(unique.Select(r => r.ToUpperInvariant())).ToList();

        var copies = topology.Submit(new Submission(EntryPoint.OnPremisesMailbox, "alice@contoso.com", recipients, mime), CancellationToken.None);

        Assert.Equal(unique, copies.Select(c => c.Recipient));
        Assert.All(copies, c => Assert.Equal(DeliveryTarget.Internet, c.Target));

        // One record of the way they went for all of them, not 10,000 copies of it alive until the message is delivered.
        Assert.All(copies, c => Assert.Same(copies[0].SharedRoute, c.SharedRoute));
    }

    [Fact]
    public void DeliveredCopy_ForwardedByAndPassesBeforeForward_AreTheCopysOwn_NotTheRouteItShares()
    {
        var route = new DeliveredCopy.Route("alice@contoso.com", DeliveryTarget.Internet, new byte[] { 1 }, new[] { "hop" }, Array.Empty<AgentPass>(), string.Empty, null, 0);
        var plain = new DeliveredCopy("bob@partner.example", route);

        var forwarded = new DeliveredCopy("carol@partner.example", route) { ForwardedBy = "dave@contoso.com", PassesBeforeForward = 1 };

        Assert.Null(plain.ForwardedBy);
        Assert.Equal(0, plain.PassesBeforeForward);
        Assert.Equal("dave@contoso.com", forwarded.ForwardedBy);
        Assert.Equal(1, forwarded.PassesBeforeForward);
        Assert.Same(route.Mime, forwarded.Mime);
        Assert.Equal("carol@partner.example", forwarded.Recipient);
    }
}
