using Serilog.Events;

namespace ExchangeRules.Processing.Logging;

/// <summary>Writes one entry to the Windows event log; a seam so the sink is testable anywhere.</summary>
internal interface IEventLogWriter
{
    void Write(string message, LogEventLevel level, int eventId);
}
