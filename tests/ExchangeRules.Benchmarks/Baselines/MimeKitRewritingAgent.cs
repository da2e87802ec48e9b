using System;
using System.IO;
using System.Threading;
using ExchangeRules.Engine.Organization;
using ExchangeRules.Harness.Transport;
using ExchangeRules.Processing.Transport;
using MimeKit;

namespace ExchangeRules.Benchmarks.Baselines;

/// <summary>
/// Target 5's reference agent: a routing agent that, at OnResolvedMessage, reads the mail item's content stream,
/// parses the whole message with MimeKit and writes it to the item's write stream, unchanged in content. That is the
/// least any stamping agent does (it cannot insert a signature without parsing the message and writing the result).
/// It does nothing of our agent's own (no skip checks, origin, rules or marker); the other events return at once.
/// </summary>
internal sealed class MimeKitRewritingAgent : ITransportAgent
{
    /// <inheritdoc />
    public TransportHandling Handle(ITransportItem item, TransportEvent transportEvent, TransportSession session, IOrganization organization, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (transportEvent != TransportEvent.Resolved)
        {
            return new TransportHandling { Event = transportEvent, Disposition = TransportDisposition.Skipped };
        }

        MimeMessage message;
        long length;
        using (var content = item.OpenContent() ?? throw new InvalidOperationException("The item exposes no content."))
        {
            length = content.Length;
            message = MimeMessage.Load(content, cancellationToken);
        }

        // Disposed as a well-written agent does: MimeKit's entities have finalizers, and an undisposed parsed message
        // survives its first collection with everything it holds (every collection then becomes gen1).
        using (message)
        {
            using var output = new MemoryStream((int)Math.Min(int.MaxValue, length + 1024));
            message.WriteTo(output, cancellationToken);
            item.WriteContent(output);
        }

        return new TransportHandling { Event = transportEvent, Disposition = TransportDisposition.Processed, ContentWritten = true };
    }
}
