using System;
using System.Threading;
using ExchangeRules.Harness.Organization;

namespace ExchangeRules.Harness.Transport;

/// <summary>On-premises transport with no agent installed: what an admin checks before deploying.</summary>
public sealed class NoAgentTransport : IOnPremisesTransport
{
    private static readonly string[] _events = { "no agent installed: the agent would see this message here" };

    /// <inheritdoc />
    public TransportRun Run(TransportItem item, OrganizationModel organization, CancellationToken cancellationToken)
    {
        if (item is null)
        {
            throw new ArgumentNullException(nameof(item));
        }

        return new TransportRun(new[] { item }, Array.Empty<TransportItem>(), _events, agentRan: false);
    }
}
