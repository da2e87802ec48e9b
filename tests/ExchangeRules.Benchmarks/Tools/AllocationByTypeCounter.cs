using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Linq;

namespace ExchangeRules.Benchmarks.Tools;

/// <summary>
/// Samples all allocations (both heaps, every thread) by type from the runtime's allocation ticks (one tick per about
/// 100 KB allocated): which types make up the bytes that start collections.
/// </summary>
internal sealed class AllocationByTypeCounter : AllocationTickListener
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

    protected override void OnAllocationTick(int kind, string typeName, long objectSize, long amount)
    {
        var type = kind == LargeObjectHeap ? typeName + string.Create(CultureInfo.InvariantCulture, $" (large object heap, {objectSize:N0} bytes each)") : typeName;
        _bytes.AddOrUpdate(type, amount, (_, n) => n + amount);
    }
}
