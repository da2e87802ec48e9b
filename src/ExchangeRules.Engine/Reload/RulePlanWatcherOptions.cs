using System;
using ExchangeRules.Engine.Loading;

namespace ExchangeRules.Engine.Reload;

/// <summary>Settings for <see cref="RulePlanWatcher"/>.</summary>
public sealed class RulePlanWatcherOptions
{
    /// <summary>The limits for loading the rules file.</summary>
    public RuleLoadOptions Load { get; init; } = RuleLoadOptions.Default;

    /// <summary>
    /// A local folder (for example beside the agent) where the last good rules folder is copied; when the rules
    /// file cannot be loaded at start-up (share down, invalid file) the cached copy runs. Null disables the cache.
    /// </summary>
    public string? CacheDirectory { get; init; }

    /// <summary>How long to wait after the last change notification before reloading (default 2 s).</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often to check the files without a change notification, for shares that do not notify (default 30 s).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(30);
}
