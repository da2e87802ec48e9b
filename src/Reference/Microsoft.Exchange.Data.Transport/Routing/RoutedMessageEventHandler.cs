namespace Microsoft.Exchange.Data.Transport.Routing;

/// <summary>
/// Handles <c>RoutingAgent.OnRoutedMessage</c>.
/// See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa581176(v=exchg.150).
/// </summary>
/// <param name="source">The event source (defer, delete, fork the message).</param>
/// <param name="e">The event arguments (the mail item).</param>
public delegate void RoutedMessageEventHandler(RoutedMessageEventSource source, QueuedMessageEventArgs e);
