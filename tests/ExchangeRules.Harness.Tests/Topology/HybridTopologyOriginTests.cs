using System.IO;
using System.Linq;
using System.Threading;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Engine.Organization;
using ExchangeRules.Harness.Tests.Support;
using ExchangeRules.Harness.Topology;
using ExchangeRules.Harness.Transport;
using Xunit;

namespace ExchangeRules.Harness.Tests.Topology;

/// <summary>Each crossing of on-premises transport is classified from the headers transport stamped, whatever the message claims.</summary>
public class HybridTopologyOriginTests
{
    private static readonly byte[] _forgedInternal = File.ReadAllBytes(TestFiles.Path("messages", "forged-internal.eml"));

    [Theory]
    [InlineData(EntryPoint.Internet, "ceo@contoso.com", "bob@contoso.com", SubmissionOrigin.Anonymous, MessageDirection.Incoming)]
    [InlineData(EntryPoint.OnPremisesMailbox, "alice@contoso.com", "someone@partner.example", SubmissionOrigin.Authenticated, MessageDirection.Outgoing)]
    [InlineData(EntryPoint.OnPremisesMailbox, "alice@contoso.com", "bob@contoso.com", SubmissionOrigin.Authenticated, MessageDirection.Internal)]
    [InlineData(EntryPoint.CloudMailbox, "carol@contoso.com", "bob@contoso.com", SubmissionOrigin.HybridConnector, MessageDirection.Internal)]
    public void Submit_WithoutAgent_ClassifiesTheCrossingFromTheStampedHeaders(EntryPoint entry, string sender, string recipient, SubmissionOrigin origin, MessageDirection direction)
    {
        var topology = new HybridTopology(TestFiles.Organization("hybrid.xml"), new NoAgentTransport());

        var copies = topology.Submit(new Submission(entry, sender, new[] { recipient }, _forgedInternal), CancellationToken.None);

        var pass = Assert.Single(Assert.Single(copies).Passes);
        Assert.Equal(origin, pass.Origin);
        Assert.Equal(direction, pass.Direction);
        Assert.False(pass.AgentRan);
    }

    [Fact]
    public void Submit_FromTheInternetWithForgedOrganizationHeadersFoldedOver16KB_IsStillAnonymousAndIncoming()
    {
        // The sender decides how long a forged field is; the header firewall strips it whatever its length.
        var text = System.Text.Encoding.ASCII.GetString(_forgedInternal);
        var padding = string.Concat(Enumerable.Repeat("\r\n ", 6_000));
        var forged = System.Text.Encoding.ASCII.GetBytes(text.Replace("X-MS-Exchange-Organization-AuthAs: Internal", "X-MS-Exchange-Organization-AuthAs: Internal" + padding, System.StringComparison.Ordinal));
        Assert.NotEqual(text.Length, forged.Length);
        var topology = new HybridTopology(TestFiles.Organization("hybrid.xml"), new NoAgentTransport());

        var copies = topology.Submit(new Submission(EntryPoint.Internet, "ceo@contoso.com", new[] { "bob@contoso.com" }, forged), CancellationToken.None);

        var copy = Assert.Single(copies);
        var pass = Assert.Single(copy.Passes);
        Assert.Equal(SubmissionOrigin.Anonymous, pass.Origin);
        Assert.Equal(MessageDirection.Incoming, pass.Direction);

        // What an agent reads from the content (our handler parses the bytes) holds no forged value either.
        using var delivered = MimeKit.MimeMessage.Load(new MemoryStream(copy.Mime));
        Assert.DoesNotContain(delivered.Headers, h => h.Field.StartsWith("X-MS-Exchange-Organization-AuthAs", System.StringComparison.OrdinalIgnoreCase) && h.Value.Trim() == "Internal");
    }

    [Fact]
    public void Submit_CloudToCloudMail_IsRedirectedThroughOnPremisesOnce_UntilTheMarkerStopsTheRule()
    {
        var topology = new HybridTopology(TestFiles.Organization("hybrid.xml"), new MarkerOnlyTransport());

        var copies = topology.Submit(new Submission(EntryPoint.CloudMailbox, "carol@contoso.com", new[] { "dave@contoso.com" }, _forgedInternal), CancellationToken.None);

        var copy = Assert.Single(copies);
        Assert.Equal(DeliveryTarget.ExchangeOnlineMailbox, copy.Target);
        Assert.Equal(new[] { SubmissionOrigin.HybridConnector }, copy.Passes.Select(p => p.Origin));
        Assert.Contains(copy.Path, step => step.Contains("carries X-ExchangeRules-Processed", System.StringComparison.Ordinal));
    }
}
