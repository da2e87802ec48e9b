using System.Collections.Concurrent;
using System.Globalization;
using System.Linq;

namespace ExchangeRules.Benchmarks.Tools;

/// <summary>
/// Samples large-object-heap allocations by type from the runtime's allocation ticks (one tick per about 100 KB
/// allocated): the allocations that start gen2 collections once the large object heap's budget is used up.
/// </summary>
internal sealed class LargeAllocationCounter : AllocationTickListener
{
    private readonly ConcurrentDictionary<string, long> _bytes = new();

    /// <summary>"System.Byte[]: 1,200 KB; ..." since the last call, the types with the most bytes first.</summary>
    public string TakeSummary()
    {
        var text = string.Join("; ", _bytes.OrderByDescending(p => p.Value).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}: {p.Value / 1024:N0} KB")));
        _bytes.Clear();
        return text.Length == 0 ? "none" : text;
    }

    protected override void OnAllocationTick(int kind, string typeName, long objectSize, long amount)
    {
        if (kind == LargeObjectHeap)
        {
            _bytes.AddOrUpdate(typeName, amount, (_, n) => n + amount);
        }
    }
}
