using System;
using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Linq;

namespace ExchangeRules.Benchmarks.Tools;

/// <summary>Counts the runtime's GC start events by generation and reason, and records the heap sizes after each, for the profiles.</summary>
internal sealed class GcEventCounter : EventListener
{
    private static readonly string[] _reasons = ["small allocation", "induced", "low memory", "empty", "large allocation", "out of SOH space", "out of LOH space", "induced, not forced", "internal", "induced low memory", "induced compacting", "low memory host", "PM full GC", "low memory host blocking"];
    private readonly ConcurrentDictionary<string, int> _starts = new();
    private long _lastGen1Size;
    private long _lastPinned;

    /// <summary>"gen1 because small allocation: 12; ..." since the last call.</summary>
    public string TakeSummary()
    {
        var text = string.Join("; ", _starts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}: {p.Value}"));
        _starts.Clear();
        return $"{(text.Length == 0 ? "no GC" : text)}; gen1 size after the last {_lastGen1Size / 1024} KB, pinned objects {_lastPinned}";
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Informational, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName?.StartsWith("GCStart", StringComparison.Ordinal) == true && eventData.Payload is { Count: > 2 } start)
        {
            var depth = Convert.ToInt32(start[1], System.Globalization.CultureInfo.InvariantCulture);
            var reason = Convert.ToInt32(start[2], System.Globalization.CultureInfo.InvariantCulture);
            _starts.AddOrUpdate($"gen{depth} because {(reason < _reasons.Length ? _reasons[reason] : reason.ToString(System.Globalization.CultureInfo.InvariantCulture))}", 1, (_, n) => n + 1);
        }
        else if (eventData.EventName?.StartsWith("GCHeapStats", StringComparison.Ordinal) == true && eventData.Payload is { Count: > 12 } stats)
        {
            _lastGen1Size = Convert.ToInt64(stats[2], System.Globalization.CultureInfo.InvariantCulture);
            _lastPinned = Convert.ToInt64(stats[12], System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
