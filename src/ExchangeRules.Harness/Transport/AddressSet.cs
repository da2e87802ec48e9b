using System;
using System.Collections.Generic;

namespace ExchangeRules.Harness.Transport;

/// <summary>
/// A case-insensitive set of addresses that stays off the large object heap. A <see cref="HashSet{T}"/> of 10,000
/// strings grows its entry array to 280 KB (and 135 KB on the way): large-object-heap allocations, whose budget, once
/// used up, starts a blocking gen2 collection. Past <see cref="SplitAt"/> addresses this set spreads them over
/// <see cref="SegmentCount"/> smaller sets by hash, each of which keeps its arrays below 85 KB up to about 170,000
/// addresses in all.
/// </summary>
internal sealed class AddressSet
{
    /// <summary>How many smaller sets a large set is spread over.</summary>
    internal const int SegmentCount = 64;

    /// <summary>
    /// The size at which one set is split: a <see cref="HashSet{T}"/> of up to 2,048 strings has at most 2,729 entries
    /// (16 bytes each on 64-bit, 44 KB); its next growth, at 2,730, would be 5,471 entries (88 KB).
    /// </summary>
    internal const int SplitAt = 2_048;

    private static readonly StringComparer _comparer = StringComparer.OrdinalIgnoreCase;

    private HashSet<string>? _single = new(_comparer);
    private HashSet<string>[]? _segments;

    /// <summary>How many addresses the set holds.</summary>
    public int Count { get; private set; }

    /// <summary>The most addresses any one of the underlying sets holds (what bounds its arrays).</summary>
    internal int LargestSegmentCount
    {
        get
        {
            if (_single is not null)
            {
                return _single.Count;
            }

            var largest = 0;
            foreach (var segment in _segments!)
            {
                largest = Math.Max(largest, segment.Count);
            }

            return largest;
        }
    }

    /// <summary>Adds the address; whether it was not there yet (compared without regard to case).</summary>
    public bool Add(string address)
    {
        if (address is null)
        {
            throw new ArgumentNullException(nameof(address));
        }

        if (_single is not null && _single.Count >= SplitAt)
        {
            Split();
        }

        var added = (_single ?? SegmentOf(address)).Add(address);
        if (added)
        {
            Count++;
        }

        return added;
    }

    /// <summary>Whether the address is in the set (compared without regard to case).</summary>
    public bool Contains(string address) => address is not null && (_single ?? SegmentOf(address)).Contains(address);

    private HashSet<string> SegmentOf(string address)
    {
        // The segment takes the hash's high bits; each segment's own buckets use it modulo a prime, so both spread.
        var hash = (uint)_comparer.GetHashCode(address);
        return _segments![(int)(hash >> 26)];
    }

    private void Split()
    {
        var segments = new HashSet<string>[SegmentCount];
        for (var i = 0; i < segments.Length; i++)
        {
            segments[i] = new HashSet<string>(_comparer);
        }

        _segments = segments;
        foreach (var address in _single!)
        {
            SegmentOf(address).Add(address);
        }

        _single = null;
    }
}
