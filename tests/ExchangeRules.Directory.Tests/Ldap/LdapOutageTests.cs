using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using ExchangeRules.Directory.Caching;
using ExchangeRules.Directory.Ldap;
using Xunit;

namespace ExchangeRules.Directory.Tests.Ldap;

/// <summary>A real OpenLDAP server that goes down or hangs under the cache; each test owns its server.</summary>
public sealed class LdapOutageTests : IDisposable
{
    private readonly SlapdServer _server = new();
    private readonly LdapDirectory _ldap;
    private readonly List<DirectoryDiagnostic> _events = new();
    private DateTimeOffset _now = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);

    public LdapOutageTests()
    {
        var options = LdapDirectoryTests.Options(_server.Port);
        _ldap = new LdapDirectory(new LdapDirectoryOptions
        {
            Server = options.Server,
            Port = options.Port,
            UseGlobalCatalog = false,
            BindMode = options.BindMode,
            UserName = options.UserName,
            Password = options.Password,
            OperationTimeout = TimeSpan.FromSeconds(3),
        });
    }

    public void Dispose()
    {
        _server.Resume();
        _ldap.Dispose();
        _server.Dispose();
    }

    private CachingDirectory Cache(TimeSpan budget) => new(_ldap, new DirectoryCacheOptions
    {
        Clock = () => _now,
        LookupBudget = budget,
        Diagnostic = e =>
        {
            lock (_events)
            {
                _events.Add(e);
            }
        },
    });

    [Fact]
    public void FindBySmtpAddress_ServerDown_LdapProviderThrowsUnavailable()
    {
        _server.Stop();

        Assert.Throws<DirectoryUnavailableException>(() => _ldap.FindBySmtpAddress("megan.bowen@contoso.com"));
    }

    [Fact]
    public void FindBySmtpAddress_ServerDownThenBack_ServesStaleThenRecovers()
    {
        var cache = Cache(TimeSpan.FromSeconds(30));
        Assert.NotNull(cache.FindBySmtpAddress("megan.bowen@contoso.com"));

        _server.Stop();
        _now += TimeSpan.FromHours(2);
        var stale = cache.FindBySmtpAddress("megan.bowen@contoso.com");
        var unknown = cache.FindBySmtpAddress("adele.vance@contoso.com");

        Assert.Equal("Megan Bowen", stale?.GetValue("displayName"));
        Assert.Null(unknown);
        Assert.Contains(_events, e => e.Kind == DirectoryDiagnosticKind.ServedStale && e.Exception is DirectoryUnavailableException);

        _server.Start();
        _now += TimeSpan.FromMinutes(5);
        Assert.Equal("Adele Vance", cache.FindBySmtpAddress("adele.vance@contoso.com")?.GetValue("displayName"));
        Assert.Contains(_events, e => e.Kind == DirectoryDiagnosticKind.Recovered);
    }

    [Fact]
    public async Task FindBySmtpAddress_ServerHangs_BudgetReturnsStaleAndGroupsToo()
    {
        var cache = Cache(TimeSpan.FromMilliseconds(200));

        // Filling the cache must not depend on the machine's load: each answer is asked for, and when the first lookup
        // overran the 200 ms budget it finishes in the background and the answer is then read from the cache (the
        // test clock has not moved, so it is fresh). No wall-clock race decides what is cached.
        Assert.Equal("Megan Bowen", (await Cached(() => cache.FindBySmtpAddress("megan.bowen@contoso.com"), cache))?.GetValue("displayName"));
        Assert.True(await Cached(() => cache.IsMemberOf("adele.vance@contoso.com", "All Staff"), cache));
        lock (_events)
        {
            // Only what happens while the server hangs counts below.
            _events.Clear();
        }

        // A stopped (SIGSTOP) server accepts nothing and answers nothing: no lookup can finish within any budget, so
        // each one below is cut off by the budget, whatever the load, and the expired answers are served stale.
        _server.Pause();
        _now += TimeSpan.FromHours(2);

        Assert.Equal("Megan Bowen", cache.FindBySmtpAddress("megan.bowen@contoso.com")?.GetValue("displayName"));
        Assert.True(cache.IsMemberOf("adele.vance@contoso.com", "All Staff"));
        lock (_events)
        {
            // The group lookup may instead find the directory in back-off (when the hung entry lookup timed out in
            // between on a very slow machine); either way it is answered from the cache, never "not found".
            Assert.Contains(_events, e => e.Kind == DirectoryDiagnosticKind.BudgetExceeded && e.Key == "entry:megan.bowen@contoso.com");
            Assert.Equal(2, _events.FindAll(e => e.Kind == DirectoryDiagnosticKind.ServedStale).Count);
            Assert.DoesNotContain(_events, e => e.Kind == DirectoryDiagnosticKind.Unavailable);
        }

        _server.Resume();
        await cache.WhenIdleAsync();
    }

    /// <summary>
    /// The answer of <paramref name="lookup"/> from the cache: asked once (it may overrun the budget and go on in the
    /// background), then, once no lookup is running, asked again, which the cache answers.
    /// </summary>
    private static async Task<T> Cached<T>(Func<T> lookup, CachingDirectory cache)
    {
        lookup();
        await cache.WhenIdleAsync();
        return lookup();
    }
}
