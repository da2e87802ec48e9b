using System;
using System.IO;
using System.Threading;
using ExchangeRules.Harness.Organization;
using ExchangeRules.Harness.Transport;
using MimeKit;

namespace ExchangeRules.Benchmarks.Baselines;

/// <summary>
/// Target 5's reference agent: on-premises transport with an agent that parses every message with MimeKit and writes
/// it out again, unchanged in content. That is the least any stamping agent does (it cannot insert a signature without
/// parsing the message and writing the result), so "our agent at least 0.9x its throughput" asks that deciding,
/// evaluating 50 rules and stamping cost little more than that parse and write.
/// </summary>
internal sealed class MimeKitRewritingTransport : IOnPremisesTransport
{
    private static readonly string[] _events = { "reference agent: parsed and rewritten with MimeKit" };

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
