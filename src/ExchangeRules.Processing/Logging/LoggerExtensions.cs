using System;
using Serilog;

namespace ExchangeRules.Processing.Logging;

/// <summary>Attaches stable event IDs and keeps logging from ever failing the caller.</summary>
internal static class LoggerExtensions
{
    public const string EventIdProperty = "EventId";

    public static ILogger ForEvent(this ILogger logger, LogEventId eventId) =>
        logger.ForContext(EventIdProperty, (int)eventId);

    /// <summary>Runs a logging call; a broken sink or formatter must never affect mail flow.</summary>
    public static void Safely(this ILogger logger, Action<ILogger> write)
    {
        try
        {
            write(logger);
        }
#pragma warning disable CA1031 // Logging is best effort by design: mail flow never depends on it.
        catch (Exception)
#pragma warning restore CA1031
        {
            // Nothing else to do: the log itself is what failed.
        }
    }
}
