using System;

namespace Microsoft.Exchange.Data.Transport.Routing;

/// <summary>
/// Base of a routing agent, raised by the categorizer in the Transport service. Events fire in the order
/// <see cref="OnSubmittedMessage"/>, <see cref="OnResolvedMessage"/>, <see cref="OnRoutedMessage"/>,
/// <see cref="OnCategorizedMessage"/>; each may be subscribed once.
/// See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa564421(v=exchg.150).
/// </summary>
public abstract class RoutingAgent : Agent
{
    /// <summary>The event topic of <see cref="OnSubmittedMessage"/>.</summary>
    internal const string SubmittedMessageEventTopic = "OnSubmittedMessage";

    /// <summary>The event topic of <see cref="OnResolvedMessage"/>.</summary>
    internal const string ResolvedMessageEventTopic = "OnResolvedMessage";

    /// <summary>The event topic of <see cref="OnRoutedMessage"/>.</summary>
    internal const string RoutedMessageEventTopic = "OnRoutedMessage";

    /// <summary>The event topic of <see cref="OnCategorizedMessage"/>.</summary>
    internal const string CategorizedMessageEventTopic = "OnCategorizedMessage";

    /// <summary>Initializes the agent.</summary>
    protected RoutingAgent()
    {
    }

    /// <summary>Raised when the message was submitted; the only event where recipients can be added.</summary>
    protected event SubmittedMessageEventHandler OnSubmittedMessage
    {
        add => AddHandler(SubmittedMessageEventTopic, value);
        remove => RemoveHandler(SubmittedMessageEventTopic);
    }

    /// <summary>Raised after all recipients were resolved and before routing is determined.</summary>
    protected event ResolvedMessageEventHandler OnResolvedMessage
    {
        add => AddHandler(ResolvedMessageEventTopic, value);
        remove => RemoveHandler(ResolvedMessageEventTopic);
    }

    /// <summary>Raised after the next hop of every recipient was determined.</summary>
    protected event RoutedMessageEventHandler OnRoutedMessage
    {
        add => AddHandler(RoutedMessageEventTopic, value);
        remove => RemoveHandler(RoutedMessageEventTopic);
    }

    /// <summary>Raised last, before the message is put in the delivery queue.</summary>
    protected event CategorizedMessageEventHandler OnCategorizedMessage
    {
        add => AddHandler(CategorizedMessageEventTopic, value);
        remove => RemoveHandler(CategorizedMessageEventTopic);
    }

    internal override void InvokeHandler(string eventTopic, Delegate handler, object source, EventArgs e)
    {
        var args = (QueuedMessageEventArgs)e;
        switch (handler)
        {
            case SubmittedMessageEventHandler submitted:
                submitted((SubmittedMessageEventSource)source, args);
                break;
            case ResolvedMessageEventHandler resolved:
                resolved((ResolvedMessageEventSource)source, args);
                break;
            case RoutedMessageEventHandler routed:
                routed((RoutedMessageEventSource)source, args);
                break;
            case CategorizedMessageEventHandler categorized:
                categorized((CategorizedMessageEventSource)source, args);
                break;
            default:
                throw new InvalidOperationException($"Unexpected handler type for event '{eventTopic}'.");
        }
    }
}
