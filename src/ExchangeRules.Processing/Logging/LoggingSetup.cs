using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using ExchangeRules.Processing.Configuration;
using Serilog;
using Serilog.Core;
using Serilog.Formatting.Compact;

namespace ExchangeRules.Processing.Logging;

/// <summary>
/// Builds the agent's logger: size-capped rolling files kept N days (text or compact JSON), and warnings and
/// errors in the Windows event log. Never throws: a folder that cannot be created or written only loses the
/// file log, and says so through the other sinks.
/// </summary>
internal static class LoggingSetup
{
    public const string FilePattern = "ExchangeRules-.log";

    internal const string TextTemplate = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] ({EventId}) {Message:lj}{NewLine}{Exception}";

    public static Logger Create(LoggingSettings settings, IEventLogWriter? eventLog, out IReadOnlyList<string> problems)
    {
        var found = new List<string>();
        problems = found;
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(settings.Level)
            .Enrich.WithProperty(LoggerExtensions.EventIdProperty, 0);

        if (TryPrepareFolder(settings.Folder, out var folderProblem))
        {
            var path = Path.Combine(settings.Folder, FilePattern);
            var retention = TimeSpan.FromDays(settings.RetainedDays);
            if (settings.Format == LogFormat.Json)
            {
                configuration.WriteTo.File(new CompactJsonFormatter(), path, fileSizeLimitBytes: settings.FileSizeLimitBytes, rollingInterval: RollingInterval.Day, rollOnFileSizeLimit: true, retainedFileCountLimit: null, retainedFileTimeLimit: retention);
            }
            else
            {
                configuration.WriteTo.File(path, outputTemplate: TextTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture, fileSizeLimitBytes: settings.FileSizeLimitBytes, rollingInterval: RollingInterval.Day, rollOnFileSizeLimit: true, retainedFileCountLimit: null, retainedFileTimeLimit: retention);
            }
        }
        else
        {
            found.Add(folderProblem);
        }

        if (settings.EventLog && eventLog is not null)
        {
            configuration.WriteTo.Sink(new EventLogSink(eventLog), Serilog.Events.LogEventLevel.Warning);
        }

        return configuration.CreateLogger();
    }

    /// <summary>The real event log on Windows; nothing elsewhere (tests, the CLI on Linux).</summary>
    public static IEventLogWriter? PlatformEventLog() =>
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? new WindowsEventLogWriter() : null;

    private static bool TryPrepareFolder(string folder, out string problem)
    {
        try
        {
            System.IO.Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, ".write-test-" + Guid.NewGuid().ToString("N"));
            File.WriteAllText(probe, string.Empty);
            File.Delete(probe);
            problem = string.Empty;
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            problem = $"The log folder '{folder}' cannot be written ({exception.Message}); file logging is off until the agent restarts.";
            return false;
        }
    }
}
