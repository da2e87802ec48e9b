using Microsoft.Exchange.Data.Transport;
using Microsoft.Exchange.Data.Transport.Routing;

namespace ExchangeRules.Harness.Exchange;

/// <summary>The arguments of a routing-agent event.</summary>
internal sealed class HarnessEventArgs : QueuedMessageEventArgs
{
    private readonly HarnessMailItem _item;

    public HarnessEventArgs(HarnessMailItem item)
    {
        _item = item;
    }

    public override MailItem MailItem => _item;
}
