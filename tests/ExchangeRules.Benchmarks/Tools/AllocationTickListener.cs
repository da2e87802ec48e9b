using System;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace ExchangeRules.Benchmarks.Tools;

/// <summary>
/// Listens to the runtime's allocation ticks (one event per about 100 KB allocated, with the type and heap of the
/// allocation that crossed the mark) and hands each to <see cref="OnAllocationTick"/>: the sampling both allocation
/// counters share.
/// </summary>
internal abstract class AllocationTickListener : EventListener
{
    /// <summary>The tick's <c>AllocationKind</c> for the large object heap.</summary>
    protected const int LargeObjectHeap = 1;

    /// <summary>One tick: the heap (0 small, 1 large), the type that crossed the mark, its size and the bytes since the last tick.</summary>
    protected abstract void OnAllocationTick(int kind, string typeName, long objectSize, long amount);

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

        var names = eventData.PayloadNames;
        var payload = eventData.Payload;
        var kind = Convert.ToInt32(payload[names.IndexOf("AllocationKind")], CultureInfo.InvariantCulture);
        var sizeIndex = names.IndexOf("ObjectSize");
        var size = sizeIndex >= 0 ? Convert.ToInt64(payload[sizeIndex], CultureInfo.InvariantCulture) : 0;
        var type = payload[names.IndexOf("TypeName")] as string ?? "?";
        var amount = Convert.ToInt64(payload[names.IndexOf("AllocationAmount64")], CultureInfo.InvariantCulture);
        OnAllocationTick(kind, type, size, amount);
    }
}
