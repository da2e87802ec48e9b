using System;
using System.Diagnostics;

namespace ExchangeRules.Processing;

/// <summary>The real clocks: system time and a process-wide stopwatch.</summary>
internal sealed class SystemProcessingClock : IProcessingClock
{
    private static readonly Stopwatch _monotonic = Stopwatch.StartNew();

    public static SystemProcessingClock Instance { get; } = new();

    public DateTimeOffset Now => DateTimeOffset.Now;

    public TimeSpan Elapsed => _monotonic.Elapsed;
}
