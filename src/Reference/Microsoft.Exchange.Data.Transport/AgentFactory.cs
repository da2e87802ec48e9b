namespace Microsoft.Exchange.Data.Transport;

/// <summary>
/// Base of every transport agent factory. Agents derive from a concrete factory base such as
/// <see cref="Routing.RoutingAgentFactory"/>; the internal abstract member keeps this class closed.
/// See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa564119(v=exchg.150).
/// </summary>
public abstract class AgentFactory
{
    /// <summary>Initializes the factory.</summary>
    protected AgentFactory()
    {
    }

    /// <summary>Called once when the transport service shuts down; releases what the factory holds.</summary>
    public virtual void Close()
    {
    }

    /// <summary>Creates an agent for the runtime: <paramref name="state"/> is the host state (an <see cref="SmtpServer"/>).</summary>
    internal abstract Agent CreateAgent(string typeName, object state);
}
