using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Exchange.Data.Transport;
using Microsoft.Exchange.Data.Transport.Routing;
using Microsoft.Exchange.Data.Transport.Smtp;

namespace ExchangeRules.Agent.Tests.Support;

/// <summary>The OnSubmittedMessage source; records what the agent asked of it.</summary>
internal sealed class RecordingEventSource : SubmittedMessageEventSource
{
    private readonly List<string> _calls;

    internal RecordingEventSource(List<string> calls)
    {
        _calls = calls;
    }

    internal IList<EnvelopeRecipient>? Forked { get; private set; }

    internal TimeSpan? DeferredFor { get; private set; }

    public override void Defer(TimeSpan waitTime)
    {
        DeferredFor = waitTime;
        _calls.Add("defer");
    }

    public override void Defer(TimeSpan waitTime, string trackingContext)
    {
        DeferredFor = waitTime;
        _calls.Add("defer:" + trackingContext);
    }

    public override void Defer(TimeSpan waitTime, SmtpResponse deferReason)
    {
        DeferredFor = waitTime;
        _calls.Add("defer:" + deferReason);
    }

    public override void Delete() => _calls.Add("delete");

    public override void Delete(string trackingContext) => _calls.Add("delete:" + trackingContext);

    public override void Fork(IList<EnvelopeRecipient> recipients)
    {
        Forked = recipients;
        _calls.Add("fork:" + string.Join(",", recipients.Select(r => r.Address.ToString())));
    }

    public override void ExpandRecipients(IList<RecipientExpansionInfo> recipientExpansionInfo) => _calls.Add("expand");
}
