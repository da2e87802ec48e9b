using System;

namespace ExchangeRules.Directory.Caching;

/// <summary>How long directory answers are kept and how long a lookup may wait.</summary>
public sealed class DirectoryCacheOptions
{
    /// <summary>How long an entry that was found stays valid; default one hour (as CodeTwo refreshes hourly).</summary>
    public TimeSpan TimeToLive { get; init; } = TimeSpan.FromHours(1);

    /// <summary>After this age a valid entry is still served but refreshed in the background; default 45 minutes.</summary>
    public TimeSpan RefreshAfter { get; init; } = TimeSpan.FromMinutes(45);

    /// <summary>How long "no such address" and "not a member" answers are kept; default 5 minutes.</summary>
    public TimeSpan NegativeTimeToLive { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long past expiry an entry may still be served while the directory is down; default 24 hours.</summary>
    public TimeSpan MaxStaleness { get; init; } = TimeSpan.FromHours(24);

    /// <summary>The longest a lookup holds the caller (a transport thread); default 2 seconds.</summary>
    public TimeSpan LookupBudget { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>After a failure, how long expired entries are served stale without asking the directory again; default 30 seconds.</summary>
    public TimeSpan FailureBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The most answers kept (entries and memberships together); the oldest go first; default 50,000.</summary>
    public int MaxEntries { get; init; } = 50_000;

    /// <summary>The clock (UTC); replaceable in tests.</summary>
    public Func<DateTimeOffset> Clock { get; init; } = () => DateTimeOffset.UtcNow;

    /// <summary>Receives events worth logging (stale answers, unavailability, budget exhaustion); must not throw.</summary>
    public Action<DirectoryDiagnostic>? Diagnostic { get; init; }
}
