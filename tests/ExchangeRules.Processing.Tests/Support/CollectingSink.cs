using System.Collections.Generic;
using System.Linq;
using Serilog.Core;
using Serilog.Events;

namespace ExchangeRules.Processing.Tests.Support;

/// <summary>Keeps every log event for assertions.</summary>
internal sealed class CollectingSink : ILogEventSink
{
    private readonly object _gate = new();
    private readonly List<LogEvent> _events = new();

    public IReadOnlyList<LogEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return _events.ToList();
            }
        }
    }

    public void Emit(LogEvent logEvent)
    {
        lock (_gate)
        {
            _events.Add(logEvent);
        }
    }

    public IReadOnlyList<LogEvent> WithEventId(int eventId) =>
        Events.Where(e => e.Properties.TryGetValue("EventId", out var value) && value is ScalarValue { Value: int id } && id == eventId).ToList();
}
