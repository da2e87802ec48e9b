using System.Collections.Generic;
using System.Linq;
using ExchangeRules.Processing.Logging;
using Serilog.Events;

namespace ExchangeRules.Processing.Tests.Support;

/// <summary>An event log that keeps entries, or fails like an event log service that is down.</summary>
internal sealed class CollectingEventLog : IEventLogWriter
{
    private readonly object _gate = new();
    private readonly List<(string Message, LogEventLevel Level, int EventId)> _entries = new();

    public bool Unavailable { get; init; }

    public IReadOnlyList<(string Message, LogEventLevel Level, int EventId)> Entries
    {
        get
        {
            lock (_gate)
            {
                return _entries.ToList();
            }
        }
    }

    public void Write(string message, LogEventLevel level, int eventId)
    {
        if (Unavailable)
        {
            throw new System.InvalidOperationException("The event log service is not running.");
        }

        lock (_gate)
        {
            _entries.Add((message, level, eventId));
        }
    }
}
