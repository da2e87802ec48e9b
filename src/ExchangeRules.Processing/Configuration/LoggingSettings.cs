using Serilog.Events;

namespace ExchangeRules.Processing.Configuration;

/// <summary>Where and how the agent logs.</summary>
internal sealed class LoggingSettings
{
    public string Folder { get; init; } = "Logs";

    public LogEventLevel Level { get; init; } = LogEventLevel.Information;

    public LogFormat Format { get; init; } = LogFormat.Text;

    public long FileSizeLimitBytes { get; init; } = 100L * 1024 * 1024;

    public int RetainedDays { get; init; } = 30;

    public bool EventLog { get; init; } = true;
}
