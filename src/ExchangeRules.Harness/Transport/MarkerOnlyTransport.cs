using System.IO;
using System.Threading;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Engine.Organization;
using ExchangeRules.Harness.Organization;
using ExchangeRules.Processing;
using ExchangeRules.Processing.Transport;

namespace ExchangeRules.Harness.Transport;

/// <summary>
/// On-premises transport with the agent installed but no rule matching: the agent only writes its processed
/// marker (<see cref="ProcessedMarker"/>), which the Exchange Online redirect rule must exclude so the message is
/// not sent back (hybrid-check and serve without rules).
/// </summary>
public sealed class MarkerOnlyTransport : IOnPremisesTransport
{
    private readonly ProcessorTransport _inner = new(new NoRuleProcessor());

    /// <inheritdoc />
    public TransportRun Run(TransportItem item, OrganizationModel organization, CancellationToken cancellationToken) =>
        _inner.Run(item, organization, cancellationToken);

    private sealed class NoRuleProcessor : IMessageProcessor, IRecipientChangeProbe
    {
        public bool MayChangeRecipients => false;

        public ProcessingResult Process(MessageEnvelope envelope, IOrganization organization, Stream mime, CancellationToken cancellationToken) =>
            new() { Outcome = ProcessingOutcome.Unchanged, Reason = "no rules given: the agent only writes " + ProcessedMarker.Name };

        public ProcessingResult ProcessRecipientChanges(MessageEnvelope envelope, IOrganization organization, Stream mime, CancellationToken cancellationToken) =>
            new() { Outcome = ProcessingOutcome.Unchanged, Reason = "no rules given: no recipient changes" };
    }
}
