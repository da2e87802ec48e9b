using System.Threading;
using ExchangeRules.Engine.Organization;
using ExchangeRules.Processing.Transport;

namespace ExchangeRules.Harness.Transport;

/// <summary>
/// An agent as the harness's <see cref="HandlerPipeline"/> raises transport events on it: what Exchange does around an
/// agent (one mail item per message, the categorizer events, the item's read and write streams, forks, deferrals) is
/// the pipeline's and the same for every agent; what the agent does with the item is its own. The product's agent is
/// the <see cref="TransportHandler"/>; a benchmark's reference agent implements this directly, so both are measured in
/// the same model of Exchange.
/// </summary>
public interface ITransportAgent
{
    /// <summary>Handles one event for one item, as an agent's event handler does. Must not throw.</summary>
    /// <param name="item">The mail item, as Exchange exposes it.</param>
    /// <param name="transportEvent">The event being raised.</param>
    /// <param name="session">The state of this item and its clones across the events of one agent instance.</param>
    /// <param name="organization">The organisation model.</param>
    /// <param name="cancellationToken">Cancels handling.</param>
    TransportHandling Handle(ITransportItem item, TransportEvent transportEvent, TransportSession session, IOrganization organization, CancellationToken cancellationToken);
}
