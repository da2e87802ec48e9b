using System;
using System.IO;
using System.Threading;
using ExchangeRules.Harness.Organization;
using ExchangeRules.Harness.Transport;
using MimeKit;

namespace ExchangeRules.Benchmarks.Baselines;

/// <summary>
/// Target 5's reference agent as it was measured until the baseline moved into the harness's Exchange model
/// (docs/performance.md, target 5): the message parsed and written with MimeKit straight from the transport's byte
/// array, without a mail item, events or the item's streams, which our agent pays for through
/// <see cref="HandlerPipeline"/>. Kept in <c>profile-harness</c> only, so the old and the new baseline can be compared.
/// </summary>
internal sealed class MimeKitRewritingOutsidePipeline : IOnPremisesTransport
{
    private static readonly string[] _events = { "reference agent (outside the pipeline): parsed and rewritten with MimeKit" };

    /// <inheritdoc />
    public TransportRun Run(TransportItem item, OrganizationModel organization, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        using var input = new MemoryStream(item.Mime, writable: false);
        var message = MimeMessage.Load(input, cancellationToken);
        using var output = new MemoryStream(item.Mime.Length + 1024);
        message.WriteTo(output, cancellationToken);
        return new TransportRun(new[] { item.With(item.Recipients, output.ToArray()) }, Array.Empty<TransportItem>(), _events, agentRan: true);
    }
}
