using ExchangeRules.Processing.Transport;
using Serilog;

namespace ExchangeRules.Processing.Logging;

/// <summary>
/// The logging a host set up from the agent's configuration (files, Windows event log), for the Exchange adapter's
/// own messages, so that what the adapter skips, defers or fails at is where the admin looks.
/// </summary>
public interface IAgentLogging
{
    /// <summary>The agent's logger; never <see langword="null"/>.</summary>
    ILogger Logger { get; }

    /// <summary>Per-event lab diagnostics; <see cref="TransportDiagnostics.Off"/> unless the configuration turns them on.</summary>
    ITransportDiagnostics Diagnostics { get; }
}
