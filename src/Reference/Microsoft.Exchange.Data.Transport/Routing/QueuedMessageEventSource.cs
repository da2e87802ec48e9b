using System;
using System.Collections.Generic;
using Microsoft.Exchange.Data.Transport.Smtp;

namespace Microsoft.Exchange.Data.Transport.Routing;

/// <summary>
/// What a routing agent can do with the current mail item besides editing it: defer, delete, fork, expand.
/// See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa564436(v=exchg.150).
/// </summary>
public abstract class QueuedMessageEventSource
{
    /// <summary>Created by the transport runtime only.</summary>
    internal QueuedMessageEventSource()
    {
    }

    /// <summary>Reverts the mail item to its original content and retries it after <paramref name="waitTime"/>.</summary>
    public abstract void Defer(TimeSpan waitTime);

    /// <summary>Defers the mail item, recording <paramref name="trackingContext"/> in message tracking.</summary>
    public abstract void Defer(TimeSpan waitTime, string trackingContext);

    /// <summary>Defers the mail item with the given SMTP response.</summary>
    public abstract void Defer(TimeSpan waitTime, SmtpResponse deferReason);

    /// <summary>Deletes the mail item without a non-delivery report.</summary>
    public abstract void Delete();

    /// <summary>Deletes the mail item, recording <paramref name="trackingContext"/> in message tracking.</summary>
    public abstract void Delete(string trackingContext);

    /// <summary>
    /// Keeps only <paramref name="recipients"/> on the current item; the other recipients move to a copy that
    /// is raised again on its own. See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa563120(v=exchg.150).
    /// </summary>
    public abstract void Fork(IList<EnvelopeRecipient> recipients);

    /// <summary>
    /// Replaces recipients with the expanded addresses. Outside OnSubmittedMessage call <see cref="Defer(TimeSpan)"/> too.
    /// See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa565831(v=exchg.150).
    /// </summary>
    public abstract void ExpandRecipients(IList<RecipientExpansionInfo> recipientExpansionInfo);
}
