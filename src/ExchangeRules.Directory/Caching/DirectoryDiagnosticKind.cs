namespace ExchangeRules.Directory.Caching;

/// <summary>What happened in the directory cache that an operator may want in the log.</summary>
public enum DirectoryDiagnosticKind
{
    /// <summary>The directory failed; a cached (stale) answer was served instead.</summary>
    ServedStale = 0,

    /// <summary>The directory failed and nothing was cached: the lookup answered "not found".</summary>
    Unavailable = 1,

    /// <summary>The directory did not answer within the lookup budget; the lookup goes on in the background.</summary>
    BudgetExceeded = 2,

    /// <summary>A background refresh failed; the cached answer stays in use.</summary>
    RefreshFailed = 3,

    /// <summary>The directory answers again after failures.</summary>
    Recovered = 4,
}
