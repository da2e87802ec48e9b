using ExchangeRules.Processing;
using ExchangeRules.Processing.Logging;

namespace ExchangeRules.Agent;

/// <summary>
/// Starts the rule processor for the agent installed in <c>agentDirectory</c>. The factory disposes the
/// processor in Close() when it is <see cref="System.IDisposable"/>.
/// </summary>
internal static class ProcessorProvider
{
    /// <summary>Must not throw; the factory falls back to <see cref="PassThroughMessageProcessor"/> if it does.</summary>
    internal static IMessageProcessor Create(string agentDirectory) => ProcessingHost.Start(agentDirectory);

    /// <summary>
    /// Writes a start-up failure to the log files and the event log the configuration names (defaults when it cannot
    /// be read) and returns the Serilog logger to keep using (typed object: see the factory). Never throws.
    /// </summary>
    internal static object ReportStartupFailure(string agentDirectory, System.Exception failure) =>
        StartupFailureLog.Open(agentDirectory, failure);
}
