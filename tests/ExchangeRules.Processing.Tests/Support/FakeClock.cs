using System;

namespace ExchangeRules.Processing.Tests.Support;

/// <summary>A clock that only moves when the test says so.</summary>
internal sealed class FakeClock : IProcessingClock
{
    public DateTimeOffset Now { get; set; } = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    public TimeSpan Elapsed { get; private set; }

    public void Advance(TimeSpan by) => Elapsed += by;
}
