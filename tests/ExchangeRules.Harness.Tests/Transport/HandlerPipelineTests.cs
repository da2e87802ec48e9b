using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using ExchangeRules.Engine.Organization;
using ExchangeRules.Harness.Transport;
using ExchangeRules.Processing.Transport;
using Xunit;

namespace ExchangeRules.Harness.Tests.Transport;

/// <summary>
/// The pipeline is the harness's model of what Exchange does around any agent (target 5's reference agent runs in it
/// as ours does): the events in order, the categorizer's expansion before OnResolvedMessage, the item's read and write
/// streams, the written content delivered.
/// </summary>
public class HandlerPipelineTests
{
    private const string _message = "From: alice@contoso.com\r\nTo: team@contoso.com\r\nSubject: Hi\r\n\r\nHello\r\n";

    [Fact]
    public void Run_AnyAgent_SeesTheEventsInOrder_RecipientsExpandedBeforeResolved_AndItsWriteIsDelivered()
    {
        var agent = new RecordingAgent();
        var pipeline = new HandlerPipeline(agent);
        var item = new TransportItem("alice@contoso.com", new[] { "team@contoso.com" }, Encoding.ASCII.GetBytes(_message));

        var run = pipeline.Run(item, new NoOrganization(), _ => new[] { "bob@contoso.com", "carol@contoso.com" }, null, CancellationToken.None);

        Assert.Equal(new[] { "Submitted team@contoso.com", "Resolved bob@contoso.com,carol@contoso.com", "Routed bob@contoso.com,carol@contoso.com" }, agent.Seen);
        var delivered = Assert.Single(run.Delivered);
        Assert.Equal("X-Agent: was here\r\n" + _message, Encoding.ASCII.GetString(delivered.Mime));
        Assert.Equal(new[] { "bob@contoso.com", "carol@contoso.com" }, delivered.Recipients);
    }

    [Fact]
    public void InMemoryTransportItem_Recipients_AListHandedOutEarlierStaysAsItWas_WhenTheItemChanges()
    {
        var item = new InMemoryTransportItem("alice@contoso.com", new[] { "bob@contoso.com", "carol@contoso.com" }, Encoding.ASCII.GetBytes(_message)) { CanAddRecipients = true };

        var first = item.Recipients;
        Assert.Same(first, item.Recipients);
        item.AddRecipient("dan@contoso.com");
        var added = item.Recipients;
        item.RemoveRecipient("bob@contoso.com");
        var removed = item.Recipients;
        item.Fork(new[] { "carol@contoso.com" });
        var forked = item.Recipients;
        item.ReplaceRecipients(new[] { "erin@contoso.com" });

        Assert.Equal(new[] { "bob@contoso.com", "carol@contoso.com" }, first);
        Assert.Equal(new[] { "bob@contoso.com", "carol@contoso.com", "dan@contoso.com" }, added);
        Assert.Equal(new[] { "carol@contoso.com", "dan@contoso.com" }, removed);
        Assert.Equal(new[] { "carol@contoso.com" }, forked);
        Assert.Equal(new[] { "erin@contoso.com" }, item.Recipients);
        Assert.Equal(new[] { "dan@contoso.com" }, Assert.Single(item.TakeForks()).Recipients);
    }

    private sealed class RecordingAgent : ITransportAgent
    {
        public List<string> Seen { get; } = new();

        public TransportHandling Handle(ITransportItem item, TransportEvent transportEvent, TransportSession session, IOrganization organization, CancellationToken cancellationToken)
        {
            Seen.Add(transportEvent + " " + string.Join(",", item.Recipients));
            if (transportEvent != TransportEvent.Resolved)
            {
                return new TransportHandling { Event = transportEvent, Disposition = TransportDisposition.Skipped };
            }

            using var content = item.OpenContent()!;
            using var output = new MemoryStream();
            var header = Encoding.ASCII.GetBytes("X-Agent: was here\r\n");
            output.Write(header, 0, header.Length);
            content.CopyTo(output);
            item.WriteContent(output);
            return new TransportHandling { Event = transportEvent, Disposition = TransportDisposition.Processed, ContentWritten = true };
        }
    }

    private sealed class NoOrganization : IOrganization
    {
        public bool IsAcceptedDomain(string domain) => domain == "contoso.com";

        public RecipientLocation Locate(string smtpAddress) => RecipientLocation.OnPremises;
    }
}
