using ExchangeRules.Processing;

namespace ExchangeRules.Agent;

/// <summary>
/// Starts the rule processor for the agent installed in <c>agentDirectory</c>. The factory disposes the
/// processor in Close() when it is <see cref="System.IDisposable"/>.
/// </summary>
internal static class ProcessorProvider
{
    /// <summary>Must not throw; the factory falls back to <see cref="PassThroughMessageProcessor"/> if it does.</summary>
    internal static IMessageProcessor Create(string agentDirectory) => ProcessingHost.Start(agentDirectory);
}
