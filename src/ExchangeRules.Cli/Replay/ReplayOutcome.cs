namespace ExchangeRules.Cli.Replay;

/// <summary>What happened to one recipient's copy of a replayed message.</summary>
internal enum ReplayOutcome
{
    /// <summary>Delivered as it came.</summary>
    Unchanged = 0,

    /// <summary>Delivered with changes (content, headers or envelope).</summary>
    Changed = 1,

    /// <summary>Deferred: a fail-closed rule failed; Exchange would retry.</summary>
    Deferred = 2,

    /// <summary>Deleted by a rule.</summary>
    Deleted = 3,
}
