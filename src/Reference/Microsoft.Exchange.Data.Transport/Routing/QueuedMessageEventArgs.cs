using System;

namespace Microsoft.Exchange.Data.Transport.Routing;

/// <summary>
/// The arguments of a routing agent event: the mail item being categorized.
/// See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa581176(v=exchg.150).
/// </summary>
public abstract class QueuedMessageEventArgs : EventArgs
{
    /// <summary>Created by the transport runtime only.</summary>
    internal QueuedMessageEventArgs()
    {
    }

    /// <summary>The mail item of the event.</summary>
    public abstract MailItem MailItem { get; }
}
