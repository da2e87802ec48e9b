namespace Microsoft.Exchange.Data.Transport.Routing;

/// <summary>
/// The source of <c>RoutingAgent.OnResolvedMessage</c>: also sets per-recipient routing overrides and TLS domains.
/// See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/bb799574(v=exchg.150).
/// </summary>
public abstract class ResolvedMessageEventSource : QueuedMessageEventSource
{
    /// <summary>Created by the transport runtime only.</summary>
    internal ResolvedMessageEventSource()
    {
    }

    /// <summary>Returns the routing override of <paramref name="recipient"/>, or <see langword="null"/>.</summary>
    public abstract RoutingOverride GetRoutingOverride(EnvelopeRecipient recipient);

    /// <summary>Routes <paramref name="recipient"/> as if its domain were the override's domain.</summary>
    public abstract void SetRoutingOverride(EnvelopeRecipient recipient, RoutingOverride routingOverride);

    /// <summary>Returns the domain used to verify the TLS certificate of the recipient's next hop.</summary>
    public abstract string GetTlsDomain(EnvelopeRecipient recipient);

    /// <summary>Sets the domain used to verify the TLS certificate of the recipient's next hop.</summary>
    public abstract void SetTlsDomain(EnvelopeRecipient recipient, string domain);
}
