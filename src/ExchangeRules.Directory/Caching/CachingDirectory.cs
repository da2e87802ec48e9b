using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ExchangeRules.Engine.Directory;

namespace ExchangeRules.Directory.Caching;

/// <summary>
/// Caches another directory's answers (entries and group memberships) so a transport thread rarely waits for
/// LDAP and never longer than <see cref="DirectoryCacheOptions.LookupBudget"/>. Entries are refreshed in the
/// background before they expire; when the directory is down or slow, expired answers are served stale (up to
/// <see cref="DirectoryCacheOptions.MaxStaleness"/>) and the event is reported through
/// <see cref="DirectoryCacheOptions.Diagnostic"/>. Thread-safe; one lookup per key is in flight at a time.
/// </summary>
public sealed class CachingDirectory : IDirectory
{
    private readonly IDirectory _inner;
    private readonly DirectoryCacheOptions _options;
    private readonly ConcurrentDictionary<string, CacheItem> _items = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Task<FetchResult>> _inFlight = new(StringComparer.OrdinalIgnoreCase);
    private long _backoffUntilTicks;
    private int _failing;

    /// <summary>Creates the cache in front of <paramref name="inner"/>.</summary>
    public CachingDirectory(IDirectory inner, DirectoryCacheOptions? options = null)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _options = options ?? new DirectoryCacheOptions();
    }

    /// <summary>How many answers are cached.</summary>
    public int Count => _items.Count;

    /// <inheritdoc />
    public DirectoryEntry? FindBySmtpAddress(string smtpAddress)
    {
        var address = smtpAddress?.Trim() ?? string.Empty;
        return address.Length == 0 ? null : Lookup("entry:" + address, () => _inner.FindBySmtpAddress(address)) as DirectoryEntry;
    }

    /// <inheritdoc />
    public bool IsMemberOf(string smtpAddress, string group)
    {
        var address = smtpAddress?.Trim() ?? string.Empty;
        var name = group?.Trim() ?? string.Empty;
        if (address.Length == 0 || name.Length == 0)
        {
            return false;
        }

        return Lookup("member:" + address + "|" + name, () => _inner.IsMemberOf(address, name) ? true : null) is true;
    }

    /// <summary>Completes when no lookup is running in the background (for tests and orderly shutdown).</summary>
    internal Task WhenIdleAsync()
    {
        Task[] running;
        lock (_inFlight)
        {
            running = _inFlight.Values.Cast<Task>().ToArray();
        }

        return Task.WhenAll(running);
    }

    private object? Lookup(string key, Func<object?> fetch)
    {
        var now = _options.Clock();
        _items.TryGetValue(key, out var item);
        if (item is not null)
        {
            var age = now - item.FetchedAt;
            if (age < TimeToLive(item))
            {
                if (item.Value is not null && age >= _options.RefreshAfter && !InBackoff(now))
                {
                    Start(key, fetch, background: true);
                }

                return item.Value;
            }
        }

        if (InBackoff(now))
        {
            return Fallback(key, item, now, error: null);
        }

        var task = Start(key, fetch, background: false);
        if (!task.Wait(_options.LookupBudget))
        {
            Report(DirectoryDiagnosticKind.BudgetExceeded, key, $"the directory did not answer within {_options.LookupBudget.TotalMilliseconds:0} ms; the lookup goes on in the background", null);
            return Fallback(key, item, now, error: null);
        }

        var result = task.Result;
        return result.Error is null ? result.Value : Fallback(key, item, now, result.Error);
    }

    private object? Fallback(string key, CacheItem? item, DateTimeOffset now, Exception? error)
    {
        if (item is not null && now - item.FetchedAt - TimeToLive(item) <= _options.MaxStaleness)
        {
            Report(DirectoryDiagnosticKind.ServedStale, key, $"the directory is unavailable; serving the answer cached at {item.FetchedAt:u}", error);
            return item.Value;
        }

        Report(DirectoryDiagnosticKind.Unavailable, key, "the directory is unavailable and nothing usable is cached; answering 'not found'", error);
        return null;
    }

    private Task<FetchResult> Start(string key, Func<object?> fetch, bool background)
    {
        Task<FetchResult> task;
        lock (_inFlight)
        {
            if (_inFlight.TryGetValue(key, out var running))
            {
                return running;
            }

            task = new Task<FetchResult>(() => Fetch(key, fetch, background));
            _inFlight.Add(key, task);
        }

        task.Start(TaskScheduler.Default);
        return task;
    }

    private FetchResult Fetch(string key, Func<object?> fetch, bool background)
    {
        try
        {
            var value = fetch();
            Store(key, value);
            if (Interlocked.Exchange(ref _failing, 0) == 1)
            {
                Report(DirectoryDiagnosticKind.Recovered, key, "the directory answers again", null);
            }

            return new FetchResult(value, null);
        }
#pragma warning disable CA1031 // Any failure of the directory must leave the cached answers in use, never reach the transport thread.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Interlocked.Exchange(ref _failing, 1);
            Interlocked.Exchange(ref _backoffUntilTicks, (_options.Clock() + _options.FailureBackoff).UtcTicks);
            if (background)
            {
                Report(DirectoryDiagnosticKind.RefreshFailed, key, "refreshing a cached answer failed; the cached answer stays in use", ex);
            }

            return new FetchResult(null, ex);
        }
        finally
        {
            lock (_inFlight)
            {
                _inFlight.Remove(key);
            }
        }
    }

    private void Store(string key, object? value)
    {
        _items[key] = new CacheItem(value, _options.Clock());
        if (_items.Count > _options.MaxEntries)
        {
            var excess = _items.Count - _options.MaxEntries + Math.Max(1, _options.MaxEntries / 10);
            foreach (var oldest in _items.OrderBy(pair => pair.Value.FetchedAt).Take(excess).ToList())
            {
                _items.TryRemove(oldest.Key, out _);
            }
        }
    }

    private bool InBackoff(DateTimeOffset now) => now.UtcTicks < Interlocked.Read(ref _backoffUntilTicks);

    private TimeSpan TimeToLive(CacheItem item) => item.Value is null ? _options.NegativeTimeToLive : _options.TimeToLive;

    private void Report(DirectoryDiagnosticKind kind, string key, string message, Exception? error)
    {
        try
        {
            _options.Diagnostic?.Invoke(new DirectoryDiagnostic(kind, key, message, error));
        }
#pragma warning disable CA1031 // A failing log sink must not fail the lookup.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private sealed class CacheItem
    {
        public CacheItem(object? value, DateTimeOffset fetchedAt)
        {
            Value = value;
            FetchedAt = fetchedAt;
        }

        /// <summary>The entry, <c>true</c> for a membership, or <see langword="null"/> for "not found"/"not a member".</summary>
        public object? Value { get; }

        public DateTimeOffset FetchedAt { get; }
    }

    private sealed class FetchResult
    {
        public FetchResult(object? value, Exception? error)
        {
            Value = value;
            Error = error;
        }

        public object? Value { get; }

        public Exception? Error { get; }
    }
}
