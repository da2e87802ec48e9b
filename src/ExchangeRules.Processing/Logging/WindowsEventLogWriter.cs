using System.Diagnostics;
using Serilog.Events;

namespace ExchangeRules.Processing.Logging;

/// <summary>
/// Writes to the Application log under a source that the install script registers (the Transport
/// service's account may not create sources). Only created on Windows.
/// </summary>
internal sealed class WindowsEventLogWriter : IEventLogWriter
{
    public const string SourceName = "ExchangeRules";

    public void Write(string message, LogEventLevel level, int eventId)
    {
        var type = level >= LogEventLevel.Error ? EventLogEntryType.Error
            : level == LogEventLevel.Warning ? EventLogEntryType.Warning
            : EventLogEntryType.Information;
#pragma warning disable CA1416 // Constructed only after a Windows check (LoggingSetup).
        EventLog.WriteEntry(SourceName, message, type, eventId);
#pragma warning restore CA1416
    }
}
