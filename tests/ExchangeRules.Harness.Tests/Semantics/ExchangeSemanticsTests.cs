using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ExchangeRules.Engine.Loading;
using ExchangeRules.Harness.Exchange;
using ExchangeRules.Harness.Tests.AgentEndToEnd;
using ExchangeRules.Harness.Tests.Support;
using ExchangeRules.Harness.Topology;
using ExchangeRules.Harness.Transport;
using ExchangeRules.Processing;
using ExchangeRules.Processing.Transport;
using ExchangeRules.Templates;
using Serilog.Core;
using Xunit;

namespace ExchangeRules.Harness.Tests.Semantics;

/// <summary>
/// Issue #17's "done when", run twice: through the real agent DLL inside the harness's Exchange categorizer
/// (<see cref="ExchangeTransport"/>: groups expanded before OnResolvedMessage, forked clones at OnRoutedMessage with
/// the same agent, Defer restoring the original) and through the in-process <see cref="ProcessorTransport"/> — both
/// run the same <see cref="TransportHandler"/>. The Mono twins are in ExchangeRules.Agent.Tests (MonoSmokeTests).
/// </summary>
[Collection(InstalledAgent.Collection)]
public sealed class ExchangeSemanticsTests : IClassFixture<InstalledAgent>
{
    private const string _sender = "megan.bowen@contoso.com";
    private const string _internalFooter = "Internal footer: for Contoso only.";
    private const string _externalDisclaimer = "External disclaimer: this message left Contoso.";
    private static readonly string _key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray());

    private readonly InstalledAgent _agent;

    public ExchangeSemanticsTests(InstalledAgent agent)
    {
        _agent = agent;
    }

    public static TheoryData<string> Hosts => new() { "agent", "handler" };

    [Theory]
    [MemberData(nameof(Hosts))]
    public void GroupWithAnExternalMember_TheExternalMemberGetsTheExternalDisclaimer_InternalMembersDoNot(string host)
    {
        var copies = SendToSales(host);

        var partner = Text(Single(copies, "partner@external.example", DeliveryTarget.Internet));
        var bob = Text(Single(copies, "bob@contoso.com", DeliveryTarget.OnPremisesMailbox));
        Assert.Equal(1, Count(partner, _externalDisclaimer));
        Assert.Equal(0, Count(partner, _internalFooter));
        Assert.Equal(0, Count(bob, _externalDisclaimer));
        Assert.Equal(1, Count(bob, _internalFooter));
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void PerRecipientSplit_BothBranchesAreStamped_TheCloneWhereExchangeDeliversIt(string host)
    {
        var copies = SendToSales(host);

        Assert.Contains(_externalDisclaimer, Text(Single(copies, "partner@external.example", DeliveryTarget.Internet)), StringComparison.Ordinal);
        Assert.Contains(_internalFooter, Text(Single(copies, "bob@contoso.com", DeliveryTarget.OnPremisesMailbox)), StringComparison.Ordinal);
        var events = copies.SelectMany(c => c.Passes).SelectMany(p => p.Events).Distinct().ToList();
        Assert.Contains(events, e => e.Contains("OnRoutedMessage", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Contains("expanded group", StringComparison.Ordinal) && e.Contains("sales@contoso.com", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void BccRule_AddsItsRecipientOnce_EvenThoughTheMessageIsForked(string host)
    {
        var copies = SendToSales(host);

        var archive = Single(copies, "archive@contoso.com", DeliveryTarget.OnPremisesMailbox);
        Assert.Equal(1, Count(Text(archive), _internalFooter));
        Assert.Equal(3, copies.Count);
        Assert.Equal(new[] { "processed" }, Messages.Values(archive.Mime, ProcessedMarker.Name));
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void CopyForTheInternet_CarriesNothingOfOurs(string host)
    {
        var copies = SendToSales(host);

        var partner = Messages.Parse(Single(copies, "partner@external.example", DeliveryTarget.Internet).Mime);
        Assert.DoesNotContain(partner.Headers, h => h.Field.StartsWith("X-ExchangeRules-", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(partner.Headers, h => !h.Field.Equals("Received", StringComparison.OrdinalIgnoreCase) && h.Value.Contains("ex01.contoso.com", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void WriteFailureHalfWay_LeavesTheOriginalMessageAndDefersIt(string host)
    {
        var original = Messages.Create(_sender, "bob@contoso.com", "Write fault");
        var topology = Topology(host, "semantics.xml", "split-and-bcc.xml", failWritesAfterBytes: 300);

        var copies = topology.Submit(new Submission(EntryPoint.OnPremisesMailbox, _sender, new[] { "bob@contoso.com" }, Messages.Bytes(original)), CancellationToken.None);

        var copy = Assert.Single(copies);
        Assert.Equal(DeliveryTarget.Queued, copy.Target);
        var kept = Messages.Parse(copy.Mime);
        Assert.Equal("Write fault", kept.Subject);
        Assert.Equal(original.TextBody, kept.TextBody);
        Assert.DoesNotContain(_internalFooter, kept.TextBody ?? string.Empty, StringComparison.Ordinal);
        Assert.Contains(copy.Passes.SelectMany(p => p.Events), e => e.Contains("deferred", StringComparison.Ordinal) && e.Contains("writing the edited message failed", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void MessageCrossingOnPremisesTwice_WithAnOrganizationKey_IsStampedOnceAndItsMarkerIsSigned(string host)
    {
        // On-premises → cloud-only group → back on-premises for the on-premises member (the second crossing).
        var topology = Topology(host, "hybrid-cloud-group.xml", "internal-footer-and-banner.xml", organizationKey: _key);
        var message = Messages.Create("alice@contoso.com", "project-x@fabrikam.com");

        var copies = topology.Submit(new Submission(EntryPoint.OnPremisesMailbox, "alice@contoso.com", new[] { "project-x@fabrikam.com" }, Messages.Bytes(message)), CancellationToken.None);

        var bob = Single(copies, "bob@contoso.com", DeliveryTarget.OnPremisesMailbox);
        Assert.Equal(2, bob.Passes.Count);
        Assert.All(copies, copy =>
        {
            Assert.Equal(1, Count(Text(copy), "-- Contoso footer --"));
            Assert.StartsWith("v1; ", Assert.Single(Messages.Values(copy.Mime, ProcessedMarker.Name)), StringComparison.Ordinal);
        });
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void InsiderAddsTheProcessedMarker_WithAnOrganizationKey_RulesStillApply(string host)
    {
        var topology = Topology(host, "semantics.xml", "split-and-bcc.xml", organizationKey: _key);
        var message = Messages.Create(_sender, "bob@contoso.com", "Skip the disclaimer, please");
        message.Headers.Add(ProcessedMarker.Name, "processed");
        message.Headers.Add(ProcessedMarker.Name, "v1; AAAAAAAAAAAAAAAAAAAAAA==");

        var copies = topology.Submit(new Submission(EntryPoint.OnPremisesMailbox, _sender, new[] { "bob@contoso.com" }, Messages.Bytes(message)), CancellationToken.None);

        var bob = Single(copies, "bob@contoso.com", DeliveryTarget.OnPremisesMailbox);
        Assert.Equal(1, Count(Text(bob), _internalFooter));
        var marker = Assert.Single(Messages.Values(bob.Mime, ProcessedMarker.Name));
        Assert.StartsWith("v1; ", marker, StringComparison.Ordinal);
        Assert.NotEqual("v1; AAAAAAAAAAAAAAAAAAAAAA==", marker);
    }

    private List<DeliveredCopy> SendToSales(string host)
    {
        var topology = Topology(host, "semantics.xml", "split-and-bcc.xml");
        var message = Messages.Create(_sender, "sales@contoso.com", "Offer");
        return topology.Submit(new Submission(EntryPoint.OnPremisesMailbox, _sender, new[] { "sales@contoso.com" }, Messages.Bytes(message)), CancellationToken.None).ToList();
    }

    private HybridTopology Topology(string host, string organization, string rules, long? failWritesAfterBytes = null, string? organizationKey = null)
    {
        var rulesPath = TestFiles.Path("rules", rules);
        IOnPremisesTransport transport;
        if (host == "agent")
        {
            _agent.Configure(rulesPath, organizationKey: organizationKey);
            transport = new ExchangeTransport(new[] { _agent.Registration }, asyncTimeLimit: TimeSpan.FromSeconds(30), failMimeWritesAfterBytes: failWritesAfterBytes);
        }
        else
        {
            var plan = RuleSetLoader.Load(rulesPath, new FluidTemplateCompiler());
            var processor = MessageProcessorFactory.Create(() => plan, null, ProcessingOptions.Default, Logger.None);
            transport = new ProcessorTransport(processor, organizationKey: organizationKey is null ? null : OrganizationKey.Parse(organizationKey), failWritesAfterBytes: failWritesAfterBytes);
        }

        return new HybridTopology(TestFiles.Organization(organization), transport);
    }

    private static DeliveredCopy Single(IEnumerable<DeliveredCopy> copies, string recipient, DeliveryTarget target)
    {
        var copy = Assert.Single(copies, c => c.Recipient.Equals(recipient, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(target, copy.Target);
        return copy;
    }

    private static string Text(DeliveredCopy copy) => Messages.Parse(copy.Mime).TextBody ?? string.Empty;

    private static int Count(string text, string value) =>
        Enumerable.Range(0, Math.Max(0, text.Length - value.Length + 1)).Count(i => string.CompareOrdinal(text, i, value, 0, value.Length) == 0);
}
