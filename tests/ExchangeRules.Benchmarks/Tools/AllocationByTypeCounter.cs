using System;
using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Linq;

namespace ExchangeRules.Benchmarks.Tools;

/// <summary>
/// Samples all allocations (both heaps, every thread) by type from the runtime's allocation ticks (one tick per about
/// 100 KB allocated): which types make up the bytes that start collections.
/// </summary>
internal sealed class AllocationByTypeCounter : EventListener
{
    private readonly ConcurrentDictionary<string, long> _bytes = new();

    /// <summary>The <paramref name="top"/> types with the most bytes since the last call, in KB per call, one a line.</summary>
    public string TakeSummary(int calls, int top)
    {
        var total = _bytes.Values.Sum();
        var lines = _bytes.OrderByDescending(p => p.Value).Take(top)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"  {p.Value / 1024.0 / calls,8:N1} KB  {p.Key}")).ToList();
        _bytes.Clear();
        return string.Create(CultureInfo.InvariantCulture, $"  {total / 1024.0 / calls,8:N1} KB  (all types)") + Environment.NewLine + string.Join(Environment.NewLine, lines);
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
        var sizeIndex = eventData.PayloadNames.IndexOf("ObjectSize");
        var size = kind == 1 && sizeIndex >= 0 ? Convert.ToInt64(eventData.Payload[sizeIndex], CultureInfo.InvariantCulture) : 0;
        var type = (eventData.Payload[eventData.PayloadNames.IndexOf("TypeName")] as string ?? "?") + (kind == 1 ? string.Create(CultureInfo.InvariantCulture, $" (large object heap, {size:N0} bytes each)") : string.Empty);
        var amount = Convert.ToInt64(eventData.Payload[eventData.PayloadNames.IndexOf("AllocationAmount64")], CultureInfo.InvariantCulture);
        _bytes.AddOrUpdate(type, amount, (_, n) => n + amount);
    }
}
