using System.IO;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace ExchangeRules.Benchmarks.Fixtures;

/// <summary>
/// Formats every event as the agent's log file would (compact JSON) and discards the text, so the benchmarks
/// pay for logging as production does, without disk I/O.
/// </summary>
internal sealed class DiscardingJsonSink : ILogEventSink
{
    private readonly CompactJsonFormatter _formatter = new();

    /// <inheritdoc />
    public void Emit(LogEvent logEvent) => _formatter.Format(logEvent, TextWriter.Null);
}
