using System.Threading;
using ExchangeRules.Harness.Organization;

namespace ExchangeRules.Harness.Transport;

/// <summary>
/// The on-premises Transport service's categorizer with its routing agents: takes a received item and returns
/// the items that leave it. The topology simulation calls it every time a message crosses on-premises.
/// </summary>
public interface IOnPremisesTransport
{
    /// <summary>Runs the agents over one item.</summary>
    TransportRun Run(TransportItem item, OrganizationModel organization, CancellationToken cancellationToken);
}
