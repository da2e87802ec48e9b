using System;
using System.Threading.Tasks;
using ExchangeRules.Processing;
using ExchangeRules.Processing.Transport;
using Microsoft.Exchange.Data.Transport;
using Microsoft.Exchange.Data.Transport.Routing;
using Serilog;

namespace ExchangeRules.Agent;

/// <summary>
/// The routing agent of one Exchange session (one mail item and the clones forked off it): subscribes to the events
/// that make each action correct and hands every event to the gateway.
/// </summary>
internal sealed class ExchangeRulesRoutingAgent : RoutingAgent
{
    // Generous: the processor has its own per-message limits; this only stops a runaway rule for good.
    private static readonly TimeSpan _processingBudget = TimeSpan.FromMinutes(1);

    private readonly MailItemGateway _gateway;

    internal ExchangeRulesRoutingAgent(SmtpServer server, IMessageProcessor processor, ILogger log)
    {
        _gateway = new MailItemGateway(processor, new ExchangeOrganization(server), log, work => Task.Run(work), _processingBudget);

        // OnSubmittedMessage: the only event where EnvelopeRecipientCollection.CanAdd is true, so add/BCC/redirect
        // actions are applied here (and only when a rule in force has one).
        OnSubmittedMessage += (source, e) => _gateway.Handle(source, e.MailItem, TransportEvent.Submitted, GoAsync);

        // OnResolvedMessage: groups are expanded by the categorizer, so recipient conditions and per-recipient splits
        // see the real recipients; Exchange's own transport-rule agent edits content here for the same reason.
        OnResolvedMessage += (source, e) => _gateway.Handle(source, e.MailItem, TransportEvent.Resolved, GoAsync);

        // OnRoutedMessage: where Exchange hands this agent instance the clone of a forked item (QueuedMessageEventSource.Fork).
        // The item handled at OnResolvedMessage is recognised by the session and not handled twice.
        OnRoutedMessage += (source, e) => _gateway.Handle(source, e.MailItem, TransportEvent.Routed, GoAsync);
    }

    private IAsyncCompletion GoAsync() => new AgentAsyncCompletion(GetAgentAsyncContext());
}
