using System;

namespace Microsoft.Exchange.Data.Transport.Routing;

/// <summary>
/// Base of a routing agent factory: Exchange creates the factory once (public parameterless constructor)
/// and asks it for a new agent per session.
/// See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa564164(v=exchg.150).
/// </summary>
public abstract class RoutingAgentFactory : AgentFactory
{
    /// <summary>Initializes the factory.</summary>
    protected RoutingAgentFactory()
    {
    }

    /// <summary>
    /// Returns a new, unused agent for the session. See
    /// https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa563146(v=exchg.150).
    /// </summary>
    /// <param name="server">The server the agent runs on (a per-session clone of the host state).</param>
    public abstract RoutingAgent CreateAgent(SmtpServer server);

    internal override Agent CreateAgent(string typeName, object state)
    {
        if (state is not SmtpServer server)
        {
            throw new ArgumentException("The host state of a routing agent must be an SmtpServer.", nameof(state));
        }

        return CreateAgent(server);
    }
}
