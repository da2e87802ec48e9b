using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ExchangeRules.Directory.Caching;
using Xunit;

namespace ExchangeRules.Directory.Tests.Caching;

public class CachingDirectoryTests
{
    private readonly FakeDirectory _inner = new(() => new DirectoryUnavailableException("server down"));
    private readonly List<DirectoryDiagnostic> _events = new();
    private DateTimeOffset _now = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);

    public CachingDirectoryTests()
    {
        _inner.Add("a@contoso.com", "Alice");
    }

    private CachingDirectory Cache(TimeSpan? budget = null, int maxEntries = 1000) => new(_inner, new DirectoryCacheOptions
    {
        Clock = () => _now,
        LookupBudget = budget ?? TimeSpan.FromMinutes(1),
        MaxEntries = maxEntries,
        Diagnostic = e =>
        {
            lock (_events)
            {
                _events.Add(e);
            }
        },
    });

    [Fact]
    public void FindBySmtpAddress_WithinTimeToLive_AsksTheDirectoryOnce()
    {
        var cache = Cache();

        cache.FindBySmtpAddress("a@contoso.com");
        _now += TimeSpan.FromMinutes(30);
        var entry = cache.FindBySmtpAddress("A@CONTOSO.COM");

        Assert.Equal("Alice", entry?.GetValue("displayName"));
        Assert.Equal(1, _inner.Lookups);
    }

    [Fact]
    public void FindBySmtpAddress_Missing_IsCachedNegativelyForItsOwnTime()
    {
        var cache = Cache();

        Assert.Null(cache.FindBySmtpAddress("x@contoso.com"));
        _now += TimeSpan.FromMinutes(4);
        Assert.Null(cache.FindBySmtpAddress("x@contoso.com"));
        Assert.Equal(1, _inner.Lookups);

        _now += TimeSpan.FromMinutes(2);
        Assert.Null(cache.FindBySmtpAddress("x@contoso.com"));
        Assert.Equal(2, _inner.Lookups);
    }

    [Fact]
    public async Task FindBySmtpAddress_PastRefreshPoint_ServesCachedAndRefreshesInTheBackground()
    {
        var cache = Cache();
        cache.FindBySmtpAddress("a@contoso.com");
        _inner.Add("a@contoso.com", "Alice Renamed");
        _now += TimeSpan.FromMinutes(50);

        Assert.Equal("Alice", cache.FindBySmtpAddress("a@contoso.com")?.GetValue("displayName"));
        await cache.WhenIdleAsync();

        Assert.Equal("Alice Renamed", cache.FindBySmtpAddress("a@contoso.com")?.GetValue("displayName"));
        Assert.Equal(2, _inner.Lookups);
    }

    [Fact]
    public void FindBySmtpAddress_ExpiredAndDirectoryDown_ServesStaleAndReports()
    {
        var cache = Cache();
        cache.FindBySmtpAddress("a@contoso.com");
        _inner.Down = true;
        _now += TimeSpan.FromHours(2);

        var entry = cache.FindBySmtpAddress("a@contoso.com");

        Assert.Equal("Alice", entry?.GetValue("displayName"));
        var diagnostic = Assert.Single(_events);
        Assert.Equal(DirectoryDiagnosticKind.ServedStale, diagnostic.Kind);
        Assert.IsType<DirectoryUnavailableException>(diagnostic.Exception);
    }

    [Fact]
    public void FindBySmtpAddress_DownAndNothingCached_ReturnsNullAndReports()
    {
        _inner.Down = true;

        Assert.Null(Cache().FindBySmtpAddress("a@contoso.com"));
        Assert.Equal(DirectoryDiagnosticKind.Unavailable, Assert.Single(_events).Kind);
    }

    [Fact]
    public void FindBySmtpAddress_AfterFailure_BacksOffThenRecovers()
    {
        var cache = Cache();
        cache.FindBySmtpAddress("a@contoso.com");
        _inner.Down = true;
        _now += TimeSpan.FromHours(2);
        cache.FindBySmtpAddress("a@contoso.com");
        _inner.Down = false;

        cache.FindBySmtpAddress("a@contoso.com");
        Assert.Equal(2, _inner.Lookups);

        _now += TimeSpan.FromMinutes(1);
        cache.FindBySmtpAddress("a@contoso.com");
        Assert.Equal(3, _inner.Lookups);
        Assert.Contains(_events, e => e.Kind == DirectoryDiagnosticKind.Recovered);
    }

    [Fact]
    public void FindBySmtpAddress_TooStale_IsNotServed()
    {
        var cache = Cache();
        cache.FindBySmtpAddress("a@contoso.com");
        _inner.Down = true;
        _now += TimeSpan.FromDays(3);

        Assert.Null(cache.FindBySmtpAddress("a@contoso.com"));
        Assert.Equal(DirectoryDiagnosticKind.Unavailable, Assert.Single(_events).Kind);
    }

    [Fact]
    public async Task FindBySmtpAddress_StalledDirectory_ReturnsStaleWhenTheBudgetRunsOut()
    {
        var cache = Cache(budget: TimeSpan.FromMilliseconds(50));

        // The first lookup may itself outrun the short budget on a cold thread pool (it then goes on in the
        // background): the entry is cached only once it has finished, before the clock moves on.
        cache.FindBySmtpAddress("a@contoso.com");
        await cache.WhenIdleAsync();
        lock (_events)
        {
            _events.Clear();
        }

        _now += TimeSpan.FromHours(2);
        using var gate = new ManualResetEventSlim(false);
        _inner.Gate = gate;

        var entry = cache.FindBySmtpAddress("a@contoso.com");

        Assert.Equal("Alice", entry?.GetValue("displayName"));
        Assert.Contains(_events, e => e.Kind == DirectoryDiagnosticKind.BudgetExceeded);
        Assert.Contains(_events, e => e.Kind == DirectoryDiagnosticKind.ServedStale);
        gate.Set();
        await cache.WhenIdleAsync();
    }

    [Fact]
    public async Task FindBySmtpAddress_StalledDirectoryNothingCached_ReturnsNullAndLaterCaches()
    {
        var cache = Cache(budget: TimeSpan.FromMilliseconds(50));
        using var gate = new ManualResetEventSlim(false);
        _inner.Gate = gate;

        Assert.Null(cache.FindBySmtpAddress("a@contoso.com"));

        gate.Set();
        await cache.WhenIdleAsync();
        Assert.Equal("Alice", cache.FindBySmtpAddress("a@contoso.com")?.GetValue("displayName"));
        Assert.Equal(1, _inner.Lookups);
    }

    [Fact]
    public void IsMemberOf_IsCachedLikeEntries()
    {
        var cache = Cache();

        Assert.True(cache.IsMemberOf("a@contoso.com", "members"));
        Assert.False(cache.IsMemberOf("a@contoso.com", "others"));
        Assert.True(cache.IsMemberOf("a@contoso.com", "members"));
        Assert.False(cache.IsMemberOf("a@contoso.com", "others"));
        Assert.Equal(2, _inner.Lookups);

        _inner.Down = true;
        _now += TimeSpan.FromHours(2);
        Assert.True(cache.IsMemberOf("a@contoso.com", "members"));
    }

    [Fact]
    public void Store_BeyondMaxEntries_EvictsTheOldest()
    {
        var cache = Cache(maxEntries: 10);
        for (var i = 0; i < 25; i++)
        {
            _now += TimeSpan.FromSeconds(1);
            cache.FindBySmtpAddress($"user{i}@contoso.com");
        }

        Assert.InRange(cache.Count, 1, 10);
        var before = _inner.Lookups;
        cache.FindBySmtpAddress("user24@contoso.com");
        Assert.Equal(before, _inner.Lookups);
    }

    [Fact]
    public void Diagnostic_ThatThrows_DoesNotFailTheLookup()
    {
        _inner.Down = true;
        var cache = new CachingDirectory(_inner, new DirectoryCacheOptions { Diagnostic = _ => throw new InvalidOperationException("sink broken") });

        Assert.Null(cache.FindBySmtpAddress("a@contoso.com"));
    }
}
