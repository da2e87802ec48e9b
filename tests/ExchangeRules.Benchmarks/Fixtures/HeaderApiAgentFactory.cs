using Microsoft.Exchange.Data.Mime;
using Microsoft.Exchange.Data.Transport;
using Microsoft.Exchange.Data.Transport.Routing;

namespace ExchangeRules.Benchmarks.Fixtures;

/// <summary>
/// A routing agent that sets the processed marker through <c>Message.RootPart.Headers</c> in OnRoutedMessage exactly
/// as our agent's <c>ExchangeTransportItem.SetHeader</c> does (RemoveAll, then AppendChild): the harness categorizer's
/// header API under a header block of thousands of fields, without the agent's configuration.
/// </summary>
public sealed class HeaderApiAgentFactory : RoutingAgentFactory
{
    /// <inheritdoc />
    public override RoutingAgent CreateAgent(Microsoft.Exchange.Data.Transport.SmtpServer server) => new MarkerAgent();

    private sealed class MarkerAgent : RoutingAgent
    {
        public MarkerAgent()
        {
            OnRoutedMessage += (_, e) =>
            {
                var headers = e.MailItem.Message.RootPart.Headers;
                headers.RemoveAll("X-ExchangeRules-Processed");
                headers.AppendChild(new TextHeader("X-ExchangeRules-Processed", "benchmark"));
            };
        }
    }
}
