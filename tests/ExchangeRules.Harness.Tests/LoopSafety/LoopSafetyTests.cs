using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using ExchangeRules.Harness.Tests.Support;
using ExchangeRules.Harness.Topology;
using Xunit;

namespace ExchangeRules.Harness.Tests.LoopSafety;

/// <summary>
/// Messages that cross on-premises transport more than once, over real SMTP with the product's real processing:
/// every processed message carries X-ExchangeRules-Processed, so it is processed (and stamped) once, the Exchange
/// Online redirect rule does not send it back, and a marker forged on internet mail changes nothing.
/// </summary>
public sealed class LoopSafetyTests
{
    private const string _marker = "X-ExchangeRules-Processed";
    private const string _footer = "-- Contoso footer --";
    private const string _banner = "[External sender] This message came from outside.";

    [Fact]
    public async Task CloudToCloud_NoRuleActs_CrossesOnPremisesOnceAndReturnsMarkedButUnedited()
    {
        await using var harness = await SmtpHarness.StartAsync("hybrid.xml", RealProcessing.Transport("banner-and-disclaimer.xml"));
        var message = Messages.Create("carol@contoso.com", "dave@contoso.com");

        var copies = await harness.SendAsync(message, "carol@contoso.com", new[] { "dave@contoso.com" }, "carol@contoso.com");

        var copy = Assert.Single(copies);
        Assert.Equal(DeliveryTarget.ExchangeOnlineMailbox, copy.Target);
        Assert.Single(copy.Passes);
        var delivered = File.ReadAllBytes(copy.File!);
        Assert.Equal(new[] { "processed" }, Messages.Values(delivered, _marker));
        Assert.Empty(Messages.Values(delivered, "X-ExchangeRules-Stamped"));
        Assert.Equal("Hello,\nthe numbers are attached.\n", Messages.Parse(delivered).TextBody?.ReplaceLineEndings("\n"));
        Assert.Contains(copy.Path, step => step.Contains("does not apply (the message carries X-ExchangeRules-Processed)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CloudToCloud_RedirectRuleExceptsTheStampHeaderOnly_UneditedMailLoopsUntilTheHopCount()
    {
        await using var harness = await SmtpHarness.StartAsync("hybrid-rule-excepts-stamped.xml", RealProcessing.Transport("banner-and-disclaimer.xml"));

        var copies = await harness.SendAsync(Messages.Create("carol@contoso.com", "dave@contoso.com"), "carol@contoso.com", new[] { "dave@contoso.com" }, "carol@contoso.com");

        var copy = Assert.Single(copies);
        Assert.Equal(DeliveryTarget.Bounced, copy.Target);
        Assert.Contains("5.4.14", copy.Detail, StringComparison.Ordinal);
        Assert.Equal(1, copy.Passes.Count(p => p.Events.Any(e => e.StartsWith("processed as", StringComparison.Ordinal))));
        Assert.All(copy.Passes.Skip(1), p => Assert.Contains(p.Events, e => e.Contains("not processed again", StringComparison.Ordinal)));
        Assert.Equal(new[] { "processed" }, Messages.Values(File.ReadAllBytes(copy.File!), _marker));
    }

    [Fact]
    public async Task OnPremisesToCloudOnlyGroup_ComesBackOnPremisesForTheOnPremisesMember_FooterOnceInEveryCopy()
    {
        await using var harness = await SmtpHarness.StartAsync("hybrid-cloud-group.xml", RealProcessing.Transport("internal-footer-and-banner.xml"));

        var copies = await harness.SendAsync(Messages.Create("alice@contoso.com", "project-x@fabrikam.com"), "alice@contoso.com", new[] { "project-x@fabrikam.com" }, "alice@contoso.com");

        Assert.Equal(new[] { "bob@contoso.com", "dave@contoso.com" }, copies.Select(c => c.Recipient).OrderBy(r => r, StringComparer.Ordinal));
        var bob = copies.Single(c => c.Recipient == "bob@contoso.com");
        Assert.Equal(DeliveryTarget.OnPremisesMailbox, bob.Target);
        Assert.Equal(2, bob.Passes.Count);
        Assert.Contains(bob.Passes[1].Events, e => e.Contains("not processed again", StringComparison.Ordinal));
        var dave = copies.Single(c => c.Recipient == "dave@contoso.com");
        Assert.Equal(DeliveryTarget.ExchangeOnlineMailbox, dave.Target);
        foreach (var copy in copies)
        {
            var delivered = File.ReadAllBytes(copy.File!);
            Assert.Equal(1, Occurrences(delivered, _footer));
            Assert.Equal(new[] { "processed" }, Messages.Values(delivered, _marker));
            Assert.Equal(new[] { "Footer" }, Messages.Values(delivered, "X-ExchangeRules-Stamped"));
        }
    }

    [Fact]
    public async Task CloudToCloudOnlyGroup_RedirectedOnPremisesOnce_CloudMemberIsNotRedirectedAgain()
    {
        await using var harness = await SmtpHarness.StartAsync("hybrid-cloud-group.xml", RealProcessing.Transport("internal-footer-and-banner.xml"));

        var copies = await harness.SendAsync(Messages.Create("carol@contoso.com", "project-x@fabrikam.com"), "carol@contoso.com", new[] { "project-x@fabrikam.com" }, "carol@contoso.com");

        Assert.Equal(2, copies.Count);
        Assert.All(copies, copy =>
        {
            Assert.Single(copy.Passes);
            Assert.Equal(Engine.Messages.SubmissionOrigin.HybridConnector, copy.Passes[0].Origin);
            var delivered = File.ReadAllBytes(copy.File!);
            Assert.Equal(1, Occurrences(delivered, _footer));
            Assert.Equal(new[] { "processed" }, Messages.Values(delivered, _marker));
        });
        Assert.Contains(copies.Single(c => c.Recipient == "dave@contoso.com").Path, step => step.Contains("carries X-ExchangeRules-Processed", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("hybrid.xml")]
    [InlineData("hybrid-cmt-off-mx-onprem.xml")]
    public async Task InternetMailWithForgedMarker_GetsTheBannerAndOnlyOurMarker(string organization)
    {
        await using var harness = await SmtpHarness.StartAsync(organization, RealProcessing.Transport("internal-footer-and-banner.xml"));
        var message = Messages.Create("alice@contoso.com", "bob@contoso.com");
        message.Headers.Add(_marker, "ex01.contoso.com");
        message.Headers.Add("X-ExchangeRules-Stamped", "External banner");

        var copies = await harness.SendAsync(message, "alice@contoso.com", new[] { "bob@contoso.com" });

        var copy = Assert.Single(copies);
        Assert.Equal(DeliveryTarget.OnPremisesMailbox, copy.Target);
        var delivered = File.ReadAllBytes(copy.File!);
        Assert.Equal(1, Occurrences(delivered, _banner));
        Assert.Equal(0, Occurrences(delivered, _footer));
        Assert.Equal(new[] { "processed" }, Messages.Values(delivered, _marker));
        Assert.Equal(new[] { "External banner" }, Messages.Values(delivered, "X-ExchangeRules-Stamped"));
        Assert.Equal(Engine.Messages.SubmissionOrigin.Anonymous, Assert.Single(copy.Passes).Origin);
    }

    private static int Occurrences(byte[] delivered, string text)
    {
        var body = Messages.Parse(delivered).TextBody ?? string.Empty;
        var count = 0;
        for (var at = body.IndexOf(text, StringComparison.Ordinal); at >= 0; at = body.IndexOf(text, at + text.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
