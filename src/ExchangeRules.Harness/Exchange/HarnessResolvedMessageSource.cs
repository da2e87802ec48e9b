using System;
using System.Collections.Generic;
using Microsoft.Exchange.Data.Transport;
using Microsoft.Exchange.Data.Transport.Routing;
using Microsoft.Exchange.Data.Transport.Smtp;

namespace ExchangeRules.Harness.Exchange;

/// <summary>The OnResolvedMessage event source: queue actions go to <see cref="QueueActions"/>.</summary>
internal sealed class HarnessResolvedMessageSource : ResolvedMessageEventSource
{
    private readonly QueueActions _actions;

    public HarnessResolvedMessageSource(QueueActions actions)
    {
        _actions = actions;
    }

    public override void Defer(TimeSpan waitTime) => _actions.Defer(waitTime, string.Empty);

    public override void Defer(TimeSpan waitTime, string trackingContext) => _actions.Defer(waitTime, trackingContext);

    public override void Defer(TimeSpan waitTime, SmtpResponse deferReason) => _actions.Defer(waitTime, QueueActions.Describe(deferReason));

    public override void Delete() => _actions.Delete(string.Empty);

    public override void Delete(string trackingContext) => _actions.Delete(trackingContext);

    public override void Fork(IList<EnvelopeRecipient> recipients) => _actions.Fork(recipients);

    public override void ExpandRecipients(IList<RecipientExpansionInfo> recipientExpansionInfo) => _actions.ExpandRecipients(recipientExpansionInfo, inSubmitted: false);

    private readonly Dictionary<EnvelopeRecipient, RoutingOverride> _overrides = new();
    private readonly Dictionary<EnvelopeRecipient, string> _tlsDomains = new();

    public override RoutingOverride GetRoutingOverride(EnvelopeRecipient recipient) =>
        _overrides.TryGetValue(recipient, out var value) ? value : null!;

    public override void SetRoutingOverride(EnvelopeRecipient recipient, RoutingOverride routingOverride) => _overrides[recipient] = routingOverride;

    public override string GetTlsDomain(EnvelopeRecipient recipient) =>
        _tlsDomains.TryGetValue(recipient, out var value) ? value : null!;

    public override void SetTlsDomain(EnvelopeRecipient recipient, string domain) => _tlsDomains[recipient] = domain;
}
