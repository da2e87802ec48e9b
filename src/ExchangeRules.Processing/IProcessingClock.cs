using System;

namespace ExchangeRules.Processing;

/// <summary>The wall clock for rules and the monotonic clock for time budgets; a seam for tests.</summary>
internal interface IProcessingClock
{
    /// <summary>The current time, for schedules and templates.</summary>
    DateTimeOffset Now { get; }

    /// <summary>A monotonic reading for measuring durations.</summary>
    TimeSpan Elapsed { get; }
}
