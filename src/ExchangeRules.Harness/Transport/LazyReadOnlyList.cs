using System;
using System.Collections;
using System.Collections.Generic;
using System.Threading;

namespace ExchangeRules.Harness.Transport;

/// <summary>
/// A read-only list computed on first use: a report line that most runs never read (the idle rules of a pass, the
/// rules that acted) is not built for every message on the hot path (docs/performance.md, target 5).
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class LazyReadOnlyList<T> : IReadOnlyList<T>
{
    private readonly Lazy<IReadOnlyList<T>> _items;

    /// <summary>Creates the list; <paramref name="compute"/> runs once, when the list is first read (from any thread).</summary>
    public LazyReadOnlyList(Func<IReadOnlyList<T>> compute)
    {
        if (compute is null)
        {
            throw new ArgumentNullException(nameof(compute));
        }

        _items = new Lazy<IReadOnlyList<T>>(compute, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Whether the list has been computed (for tests: a run nobody asked about computes nothing).</summary>
    public bool IsComputed => _items.IsValueCreated;

    /// <inheritdoc />
    public int Count => _items.Value.Count;

    /// <inheritdoc />
    public T this[int index] => _items.Value[index];

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator() => _items.Value.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
