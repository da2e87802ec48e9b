using System;
using System.Collections.Concurrent;
using ExchangeRules.Processing.Logging;
using Serilog;

namespace ExchangeRules.Processing.Transport;

/// <summary>Creates <see cref="ITransportDiagnostics"/>: written to the agent's log, or off.</summary>
public static class TransportDiagnostics
{
    /// <summary>Diagnostics that write nothing (the default).</summary>
    public static ITransportDiagnostics Off { get; } = new OffDiagnostics();

    /// <summary>Diagnostics written to <paramref name="logger"/> at Information level with stable event IDs (1100, 1101).</summary>
    /// <param name="logger">The agent's logger (files and, for warnings, the event log).</param>
    public static ITransportDiagnostics WrittenTo(ILogger logger) => new LoggedDiagnostics(logger ?? throw new ArgumentNullException(nameof(logger)));

    private sealed class OffDiagnostics : ITransportDiagnostics
    {
        public bool IsEnabled => false;

        public void Record(TransportEventFacts facts)
        {
        }

        public void RecordAssumption(string assumption, string observed)
        {
        }
    }

    private sealed class LoggedDiagnostics : ITransportDiagnostics
    {
        // Bounded: a lab needs each assumption once per observation, not once per message.
        private const int _maxAssumptions = 256;

        private readonly ILogger _events;
        private readonly ILogger _assumptions;
        private readonly ConcurrentDictionary<string, byte> _reported = new(StringComparer.Ordinal);

        public LoggedDiagnostics(ILogger logger)
        {
            _events = logger.ForEvent(LogEventId.TransportEvent);
            _assumptions = logger.ForEvent(LogEventId.TransportAssumption);
        }

        public bool IsEnabled => true;

        public void Record(TransportEventFacts facts)
        {
            if (facts is null)
            {
                return;
            }

            _events.Safely(log => log.Information(
                "Diagnostics {EventName}: message {MessageId}, content type {ContentType}, TNEF part reported {Tnef}, {RecipientCount} recipient(s), outcome {Outcome}, forked {Forked}, deferred {Deferred}, content written {ContentWritten}, marker present after write {MarkerPresentAfterWrite}, {ElapsedMilliseconds} ms",
                facts.EventName,
                facts.MessageId ?? "(none)",
                facts.TopLevelContentType ?? "(unknown)",
                YesNo(facts.ExchangeReportsTnef),
                facts.RecipientCount,
                facts.Outcome ?? "(none)",
                YesNo(facts.Forked),
                YesNo(facts.Deferred),
                YesNo(facts.ContentWritten),
                YesNo(facts.MarkerPresentAfterWrite),
                facts.Elapsed.HasValue ? (long)facts.Elapsed.Value.TotalMilliseconds : -1));
        }

        public void RecordAssumption(string assumption, string observed)
        {
            var key = assumption + "\n" + observed;
            if (_reported.Count >= _maxAssumptions || !_reported.TryAdd(key, 0))
            {
                return;
            }

            _assumptions.Safely(log => log.Information("Diagnostics assumption: {Assumption}; observed: {Observed}", assumption, observed));
        }

        private static string YesNo(bool? value) => value switch
        {
            true => "yes",
            false => "no",
            null => "unknown",
        };
    }
}
