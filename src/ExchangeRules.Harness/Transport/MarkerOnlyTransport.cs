using System;
using System.IO;
using System.Threading;
using ExchangeRules.Harness.Organization;
using MimeKit;

namespace ExchangeRules.Harness.Transport;

/// <summary>
/// On-premises transport with the agent installed but no rule matching: the agent only stamps its processed
/// marker, which an Exchange Online redirect rule uses to stop sending the message back (hybrid-check without rules).
/// </summary>
public sealed class MarkerOnlyTransport : IOnPremisesTransport
{
    private readonly string _markerHeader;

    /// <summary>Creates the transport.</summary>
    public MarkerOnlyTransport(string markerHeader)
    {
        _markerHeader = markerHeader ?? throw new ArgumentNullException(nameof(markerHeader));
    }

    /// <inheritdoc />
    public TransportRun Run(TransportItem item, OrganizationModel organization, CancellationToken cancellationToken)
    {
        if (item is null)
        {
            throw new ArgumentNullException(nameof(item));
        }

        MimeMessage message;
        using (var input = new MemoryStream(item.Mime, writable: false))
        {
            message = MimeMessage.Load(input, cancellationToken);
        }

        var seen = message.Headers.Contains(_markerHeader);
        if (!seen)
        {
            message.Headers.Add(_markerHeader, "true");
        }

        using var output = new MemoryStream();
        message.WriteTo(output, cancellationToken);
        var text = seen ? $"agent: {_markerHeader} already present, nothing stamped again" : $"agent: no rule applies; stamps {_markerHeader}";
        return new TransportRun(new[] { item.With(item.Recipients, output.ToArray()) }, Array.Empty<TransportItem>(), new[] { text }, agentRan: true);
    }
}
