using System;
using System.Diagnostics;

namespace ExchangeRules.Processing;

/// <summary>The real clocks: system time and a process-wide stopwatch.</summary>
internal sealed class SystemProcessingClock : IProcessingClock
{
    private static readonly Stopwatch Monotonic = Stopwatch.StartNew();

    public static SystemProcessingClock Instance { get; } = new();

    public DateTimeOffset Now => DateTimeOffset.Now;

    public TimeSpan Elapsed => Monotonic.Elapsed;
}
