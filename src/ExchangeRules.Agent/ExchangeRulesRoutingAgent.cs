using System;
using System.Threading.Tasks;
using ExchangeRules.Processing;
using Microsoft.Exchange.Data.Transport;
using Microsoft.Exchange.Data.Transport.Routing;
using Serilog;

namespace ExchangeRules.Agent;

/// <summary>The routing agent of one Exchange session: subscribes and hands every event to the gateway.</summary>
internal sealed class ExchangeRulesRoutingAgent : RoutingAgent
{
    // Generous: the processor has its own per-message limits; this only stops a runaway rule for good.
    private static readonly TimeSpan _processingBudget = TimeSpan.FromMinutes(1);

    private readonly MailItemGateway _gateway;

    internal ExchangeRulesRoutingAgent(SmtpServer server, IMessageProcessor processor, ILogger log)
    {
        _gateway = new MailItemGateway(processor, new ExchangeOrganization(server), log, work => Task.Run(work), _processingBudget, server?.Name);

        // OnSubmittedMessage only, and once: it is the only event where recipients can be added (BCC and
        // add-recipient actions), it is the earliest event so the stamp is in place before DKIM signers (which
        // sign in OnCategorizedMessage) and before content conversion, and Fork works in it for split copies.
        // OnResolvedMessage would see expanded groups but cannot add recipients; a second subscription would
        // process, and stamp, the same message twice.
        OnSubmittedMessage += HandleSubmittedMessage;
    }

    private void HandleSubmittedMessage(SubmittedMessageEventSource source, QueuedMessageEventArgs e) =>
        _gateway.Handle(source, e.MailItem, () => new AgentAsyncCompletion(GetAgentAsyncContext()));
}
