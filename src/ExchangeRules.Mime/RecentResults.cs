using System;
using System.Collections.Concurrent;

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

    public RecentResults(Func<string, T> compute, int capacity = 256, int maxKeyLength = 64 * 1024)
    {
        _compute = compute;
        _capacity = capacity;
        _maxKeyLength = maxKeyLength;
    }

    public T Get(string key)
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
}
