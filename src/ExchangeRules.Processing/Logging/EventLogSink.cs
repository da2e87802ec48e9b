using System;
using System.Globalization;
using Serilog.Core;
using Serilog.Events;

namespace ExchangeRules.Processing.Logging;

/// <summary>
/// Sends events to the Windows event log with their stable event ID. Failures propagate to Serilog, which
/// isolates them: an unavailable event log never affects mail flow.
/// </summary>
internal sealed class EventLogSink : ILogEventSink
{
    // The event log refuses entries over 31,839 characters.
    private const int _maxMessageLength = 31000;

    private readonly IEventLogWriter _writer;

    public EventLogSink(IEventLogWriter writer)
    {
        _writer = writer;
    }

    public void Emit(LogEvent logEvent)
    {
        var message = logEvent.RenderMessage(CultureInfo.InvariantCulture);
        if (logEvent.Exception is not null)
        {
            message += Environment.NewLine + logEvent.Exception;
        }

        if (message.Length > _maxMessageLength)
        {
            message = message.Substring(0, _maxMessageLength) + " ...";
        }

        _writer.Write(message, logEvent.Level, EventIdOf(logEvent));
    }

    private static int EventIdOf(LogEvent logEvent) =>
        logEvent.Properties.TryGetValue(LoggerExtensions.EventIdProperty, out var value) && value is ScalarValue { Value: int id } ? id : 0;
}
