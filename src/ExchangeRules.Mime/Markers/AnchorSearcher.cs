using System;
using System.Collections.Generic;
using System.Linq;

namespace ExchangeRules.Mime.Markers;

/// <summary>
/// Finds the first of many literal anchors in a text, ignoring case like <see cref="StringComparison.OrdinalIgnoreCase"/>
/// (each UTF-16 unit folded with <see cref="char.ToUpperInvariant"/>). Immutable, safe for concurrent searches.
/// </summary>
/// <remarks>
/// The anchors used to be one case-insensitive regex alternation. Many anchors start with common letters
/// ("wrote", "escreveu", "reenviado"), so the regex tried a match at almost every character and scanning a 17 K-character
/// reply cost about 30 ns per character, more than parsing the whole message. Here each position costs one fold and one
/// table lookup keyed by the first three folded characters, and only positions whose three characters begin an anchor
/// are compared: linear, allocation-free and the same on .NET Framework as on .NET.
/// </remarks>
internal sealed class AnchorSearcher
{
    private const int _prefixLength = 3;
    private const int _bucketMask = 4095;
    // Every UTF-16 unit's folding, looked up instead of computed: the search loop does one lookup per character.
    private static readonly char[] _fold = Enumerable.Range(0, char.MaxValue + 1).Select(c => char.ToUpperInvariant((char)c)).ToArray();

    private readonly string[]?[] _buckets = new string[]?[_bucketMask + 1];
    private readonly string[] _short;

    // One bit per bucket that holds anchors: 512 bytes that stay in the first-level cache, where the buckets take 32 KB.
    private readonly ulong[] _occupied = new ulong[(_bucketMask + 1) / 64];

    // One bit per folded UTF-16 unit that begins a short anchor, and the range of those units: a character outside the
    // range (any ASCII letter when the short anchors are Chinese) is ruled out by one comparison.
    private readonly uint[] _shortStarts = new uint[1];
    private readonly int _shortStartMin = char.MaxValue + 1;
    private readonly uint _shortStartSpan;
    private readonly int _minLength;

    // For a tagged searcher: each folded anchor's tags, one bit per tag (see TagsStartingIn).
    private readonly Dictionary<string, ulong>? _tags;

    /// <summary>Builds the searcher; empty anchors are ignored.</summary>
    /// <exception cref="ArgumentException">No non-empty anchor was given.</exception>
    public AnchorSearcher(IEnumerable<string> anchors)
        : this((anchors ?? throw new ArgumentNullException(nameof(anchors))).Select(a => (a, -1)))
    {
    }

    /// <summary>
    /// Builds a searcher whose anchors carry tags from 0 to 63 (the index of the marker they belong to, say), so that
    /// <see cref="TagsStartingIn"/> can say which tags' anchors occur in a range; a tag of -1 is none. Empty anchors are ignored.
    /// </summary>
    /// <exception cref="ArgumentException">No non-empty anchor was given, or a tag is outside -1 to 63.</exception>
    public AnchorSearcher(IEnumerable<(string Anchor, int Tag)> anchors)
    {
        var tagged = (anchors ?? throw new ArgumentNullException(nameof(anchors))).Where(a => !string.IsNullOrEmpty(a.Anchor)).ToList();
        if (tagged.Any(a => a.Tag < -1 || a.Tag > 63))
        {
            throw new ArgumentException("Tags go from 0 to 63 (-1: none).", nameof(anchors));
        }

        if (tagged.Any(a => a.Tag >= 0))
        {
            _tags = new Dictionary<string, ulong>(StringComparer.Ordinal);
            foreach (var (anchor, tag) in tagged)
            {
                var key = Fold(anchor);
                _tags.TryGetValue(key, out var bits);
                _tags[key] = tag < 0 ? bits : bits | (1UL << tag);
            }
        }

        var folded = tagged
            .Select(a => Fold(a.Anchor))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (folded.Count == 0)
        {
            throw new ArgumentException("At least one non-empty anchor is needed.", nameof(anchors));
        }

        _short = folded.Where(a => a.Length < _prefixLength).ToArray();
        if (_short.Length > 0)
        {
            _shortStartMin = _short.Min(a => a[0]);
            _shortStartSpan = (uint)(_short.Max(a => a[0]) - _shortStartMin);
            _shortStarts = new uint[(_shortStartSpan / 32) + 1];
            foreach (var anchor in _short)
            {
                var bit = anchor[0] - _shortStartMin;
                _shortStarts[bit >> 5] |= 1u << bit;
            }
        }

        _minLength = folded.Min(a => a.Length);
        MaxLength = folded.Max(a => a.Length);
        foreach (var group in folded.Where(a => a.Length >= _prefixLength).GroupBy(a => Bucket(a[0], a[1], a[2])))
        {
            _buckets[group.Key] = group.ToArray();
            _occupied[group.Key >> 6] |= 1UL << group.Key;
        }
    }

    /// <summary>The length of the longest anchor.</summary>
    public int MaxLength { get; }

    /// <summary>
    /// The index of the first anchor that lies wholly inside <c>[from, to)</c> of <paramref name="text"/>, or -1.
    /// </summary>
    public int IndexOf(string text, int from, int to)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        to = Math.Min(to, text.Length);
        from = Math.Max(from, 0);
        if (to - from < _minLength)
        {
            return -1;
        }

        // Each position costs one fold and one table lookup for the anchors of three characters or more, and, when some
        // anchors are shorter (写道), one bit test of the position's first character: only positions whose first
        // character begins a short anchor compare them (they used to be compared at every position, which made every
        // search three to five times slower).
        var fold = _fold;
        var occupied = _occupied;
        var shortStarts = _shortStarts;
        var shortStartMin = _shortStartMin;
        var shortStartSpan = _shortStartSpan;
        var last = to - _prefixLength;
        var i = from;
        if (last >= from)
        {
            var f0 = fold[text[from]];
            var f1 = fold[text[from + 1]];
            for (; i <= last; i++)
            {
                var f2 = fold[text[i + 2]];
                var shortStart = (uint)(f0 - shortStartMin);
                if (shortStart <= shortStartSpan && (shortStarts[shortStart >> 5] & (1u << (int)shortStart)) != 0 && AnyStartsAt(_short, text, i, to))
                {
                    return i;
                }

                var bucket = ((((f0 * 31) + f1) * 31) + f2) & _bucketMask;
                if ((occupied[bucket >> 6] & (1UL << bucket)) != 0 && AnyStartsAt(_buckets[bucket]!, text, i, to))
                {
                    return i;
                }

                f0 = f1;
                f1 = f2;
            }
        }

        // The last positions, too close to the end for an anchor of three characters: only a short anchor fits there.
        if (_short.Length > 0)
        {
            for (; i < to; i++)
            {
                if (AnyStartsAt(_short, text, i, to))
                {
                    return i;
                }
            }
        }

        return -1;
    }

    /// <summary>
    /// The tags (one bit each) of every anchor that starts in <c>[from, to)</c> of <paramref name="text"/>; an anchor
    /// may run past <paramref name="to"/> (as far as the text goes). Every anchor that starts there is found, also one
    /// that starts where another does or inside another, so the answer does not depend on which of them the search
    /// meets first. Zero for a searcher built without tags.
    /// </summary>
    public ulong TagsStartingIn(string text, int from, int to)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        if (_tags is null)
        {
            return 0;
        }

        var end = (int)Math.Min(text.Length, (long)to + MaxLength - 1);
        var bits = 0UL;
        for (var at = IndexOf(text, from, end); at >= 0 && at < to; at = IndexOf(text, at + 1, end))
        {
            // Anchors found at a position are few (those of its three-character bucket and the short ones).
            if (text.Length - at >= _prefixLength)
            {
                var bucket = _buckets[Bucket(Fold(text[at]), Fold(text[at + 1]), Fold(text[at + 2]))];
                bits |= TagsAt(bucket, text, at, end);
            }

            bits |= TagsAt(_short, text, at, end);
        }

        return bits;
    }

    private ulong TagsAt(string[]? candidates, string text, int index, int end)
    {
        var bits = 0UL;
        if (candidates is not null)
        {
            foreach (var anchor in candidates)
            {
                if (index + anchor.Length <= end && StartsAt(anchor, text, index))
                {
                    bits |= _tags![anchor];
                }
            }
        }

        return bits;
    }

    /// <summary>Whether an anchor starts at <paramref name="index"/> of <paramref name="text"/>.</summary>
    public bool StartsAt(string text, int index) => IndexOf(text, index, Math.Min(text.Length, index + MaxLength)) == index;

    /// <summary>Whether any anchor occurs in <paramref name="text"/>.</summary>
    public bool IsIn(string text) => IndexOf(text, 0, text.Length) >= 0;

    private static bool AnyStartsAt(string[] candidates, string text, int index, int to)
    {
        foreach (var anchor in candidates)
        {
            if (index + anchor.Length <= to && StartsAt(anchor, text, index))
            {
                return true;
            }
        }

        return false;
    }

    private static bool StartsAt(string foldedAnchor, string text, int index)
    {
        for (var k = 0; k < foldedAnchor.Length; k++)
        {
            if (Fold(text[index + k]) != foldedAnchor[k])
            {
                return false;
            }
        }

        return true;
    }

    private static int Bucket(char f0, char f1, char f2) => ((((f0 * 31) + f1) * 31) + f2) & _bucketMask;

    private static char Fold(char symbol) => _fold[symbol];

    private static string Fold(string anchor)
    {
        var chars = new char[anchor.Length];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Fold(anchor[i]);
        }

        return new string(chars);
    }
}
