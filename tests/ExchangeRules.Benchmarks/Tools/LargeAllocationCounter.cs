using System;
using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Linq;

namespace ExchangeRules.Benchmarks.Tools;

/// <summary>
/// Samples large-object-heap allocations by type from the runtime's allocation ticks (one tick per about 100 KB
/// allocated): the allocations that start gen2 collections once the large object heap's budget is used up.
/// </summary>
internal sealed class LargeAllocationCounter : EventListener
{
    private const int _largeObjectHeap = 1;
    private readonly ConcurrentDictionary<string, long> _bytes = new();

    /// <summary>"System.Byte[]: 1,200 KB; ..." since the last call, the types with the most bytes first.</summary>
    public string TakeSummary()
    {
        var text = string.Join("; ", _bytes.OrderByDescending(p => p.Value).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}: {p.Value / 1024:N0} KB")));
        _bytes.Clear();
        return text.Length == 0 ? "none" : text;
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            // GC keyword at Verbose level: GCAllocationTick.
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.PayloadNames is null || eventData.Payload is null)
        {
            return;
        }

        var kind = Convert.ToInt32(eventData.Payload[eventData.PayloadNames.IndexOf("AllocationKind")], CultureInfo.InvariantCulture);
        if (kind != _largeObjectHeap)
        {
            return;
        }

        var type = eventData.Payload[eventData.PayloadNames.IndexOf("TypeName")] as string ?? "?";
        var amount = Convert.ToInt64(eventData.Payload[eventData.PayloadNames.IndexOf("AllocationAmount64")], CultureInfo.InvariantCulture);
        _bytes.AddOrUpdate(type, amount, (_, n) => n + amount);
    }
}
