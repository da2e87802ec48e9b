using System;
using System.IO;
using ExchangeRules.Processing.Configuration;
using Serilog;
using Serilog.Core;

namespace ExchangeRules.Processing.Logging;

/// <summary>
/// Where the agent factory reports that it could not start the processor: the same log files and Windows event log
/// the configuration sets up (or, when it cannot be read, the defaults beside the agent). The logger it returns stays
/// open for the adapter's messages while the agent runs without rules.
/// </summary>
public static class StartupFailureLog
{
    /// <summary>Writes the failure (event ID 4099) and returns the logger; never throws.</summary>
    /// <param name="agentDirectory">The folder holding the agent DLL and its configuration.</param>
    /// <param name="failure">What went wrong.</param>
    /// <returns>A logger to keep using (dispose it at shutdown), or <see cref="Logger.None"/> when nothing can be written.</returns>
    public static ILogger Open(string agentDirectory, Exception failure) =>
        Open(agentDirectory, failure, LoggingSetup.PlatformEventLog());

    internal static ILogger Open(string agentDirectory, Exception failure, IEventLogWriter? eventLog)
    {
        try
        {
            var settings = LoggingSettingsFor(agentDirectory);
            var logger = LoggingSetup.Create(settings, eventLog, out _);
            logger.ForEvent(LogEventId.StartupFailure).Safely(log => log.Error(
                failure,
                "ExchangeRules could not start its rule processor (agent folder {AgentFolder}); every message passes unchanged until the Transport service restarts",
                agentDirectory));
            return logger;
        }
#pragma warning disable CA1031 // The factory must never throw; the caller falls back to Trace.
        catch (Exception)
#pragma warning restore CA1031
        {
            return Logger.None;
        }
    }

    private static LoggingSettings LoggingSettingsFor(string agentDirectory)
    {
        try
        {
            var loaded = AgentConfigurationLoader.Load(Path.Combine(agentDirectory, AgentConfiguration.FileName), agentDirectory);
            return loaded.Configuration.Logging;
        }
#pragma warning disable CA1031 // The configuration may be what failed: fall back to the default log folder.
        catch (Exception)
#pragma warning restore CA1031
        {
            return AgentConfiguration.Defaults(agentDirectory).Logging;
        }
    }
}
