using System;
using System.Collections.Concurrent;
using System.Threading;

namespace ExchangeRules.Mime;

/// <summary>
/// The results of a pure function of a string for the strings seen recently. Rendered templates repeat message
/// after message (the same sender, the same block), so their derived forms are computed once; templates that differ
/// per message (a date, a recipient) would grow the cache without end, so it is emptied when full.
/// </summary>
/// <typeparam name="T">The result; shared between threads, so it must be immutable.</typeparam>
internal sealed class RecentResults<T>
{
    private readonly ConcurrentDictionary<string, T> _results = new(StringComparer.Ordinal);
    private readonly Func<string, T> _compute;
    private readonly int _capacity;
    private readonly int _maxKeyLength;

    // The template render cache hands out the same string instance for every message from a sender: the last few keys
    // are recognised by reference, without hashing their hundreds of characters again (a few, because one cache serves
    // a block's text and its HTML's text in turn). Each slot is replaced whole, so a reader on another thread sees a
    // key with its own result; the slots hold only keys the dictionary may hold too.
    private const int _recentSlots = 4;
    private readonly Last?[] _lastKeys = new Last?[_recentSlots];
    private int _nextSlot;

    public RecentResults(Func<string, T> compute, int capacity = 256, int maxKeyLength = 64 * 1024)
    {
        _compute = compute;
        _capacity = capacity;
        _maxKeyLength = maxKeyLength;
    }

    public T Get(string key)
    {
        for (var i = 0; i < _recentSlots; i++)
        {
            var last = Volatile.Read(ref _lastKeys[i]);
            if (last is not null && ReferenceEquals(last.Key, key))
            {
                return last.Value;
            }
        }

        var value = Lookup(key);
        if (key.Length <= _maxKeyLength)
        {
            // A race between threads only picks which slot a key lands in.
            var slot = (Interlocked.Increment(ref _nextSlot) & int.MaxValue) % _recentSlots;
            Volatile.Write(ref _lastKeys[slot], new Last(key, value));
        }

        return value;
    }

    private T Lookup(string key)
    {
        if (key.Length > _maxKeyLength)
        {
            return _compute(key);
        }

        if (_results.TryGetValue(key, out var value))
        {
            return value;
        }

        value = _compute(key);
        if (_results.Count >= _capacity)
        {
            _results.Clear();
        }

        _results[key] = value;
        return value;
    }

    private sealed class Last
    {
        public Last(string key, T value)
        {
            Key = key;
            Value = value;
        }

        public string Key { get; }

        public T Value { get; }
    }
}
