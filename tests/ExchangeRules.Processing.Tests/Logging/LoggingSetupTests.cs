using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using ExchangeRules.Processing.Configuration;
using ExchangeRules.Processing.Logging;
using ExchangeRules.Processing.Tests.Support;
using Serilog.Events;
using Xunit;

namespace ExchangeRules.Processing.Tests.Logging;

public sealed class LoggingSetupTests
{
    [Fact]
    public void Create_TextFormat_WritesReadableLinesWithTheEventId()
    {
        using var folder = new TemporaryFolder();
        var settings = new LoggingSettings { Folder = folder.Combine("logs") };

        using (var logger = LoggingSetup.Create(settings, null, out var problems))
        {
            Assert.Empty(problems);
            logger.ForEvent(LogEventId.RulesLoaded).Information("Rules {Path} loaded", "rules.xml");
        }

        var line = ReadSingleLogFile(settings.Folder);
        Assert.Contains("[INF] (4003) Rules rules.xml loaded", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_JsonFormat_WritesCompactJsonWithTheEventId()
    {
        using var folder = new TemporaryFolder();
        var settings = new LoggingSettings { Folder = folder.Combine("logs"), Format = LogFormat.Json };

        using (var logger = LoggingSetup.Create(settings, null, out _))
        {
            logger.ForEvent(LogEventId.MessageProcessed).Information("Message {MessageId} processed", "<m1@contoso.com>");
        }

        using var json = JsonDocument.Parse(ReadSingleLogFile(settings.Folder).Trim());
        Assert.Equal(1000, json.RootElement.GetProperty("EventId").GetInt32());
        Assert.Equal("<m1@contoso.com>", json.RootElement.GetProperty("MessageId").GetString());
    }

    [Fact]
    public void Create_BelowTheLevel_WritesNothing()
    {
        using var folder = new TemporaryFolder();
        var settings = new LoggingSettings { Folder = folder.Combine("logs"), Level = LogEventLevel.Warning };

        using (var logger = LoggingSetup.Create(settings, null, out _))
        {
            logger.Information("Not written");
            logger.Warning("Written");
        }

        var text = ReadSingleLogFile(settings.Folder);
        Assert.DoesNotContain("Not written", text, StringComparison.Ordinal);
        Assert.Contains("Written", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_EventLogOn_SendsOnlyWarningsAndErrors()
    {
        using var folder = new TemporaryFolder();
        var eventLog = new CollectingEventLog();

        using (var logger = LoggingSetup.Create(new LoggingSettings { Folder = folder.Path }, eventLog, out _))
        {
            logger.Information("Routine");
            logger.ForEvent(LogEventId.DirectoryUnavailable).Warning("Directory down");
        }

        var entry = Assert.Single(eventLog.Entries);
        Assert.Equal(4006, entry.EventId);
    }

    [Fact]
    public void Create_EventLogOff_SendsNothingThere()
    {
        using var folder = new TemporaryFolder();
        var eventLog = new CollectingEventLog();

        using (var logger = LoggingSetup.Create(new LoggingSettings { Folder = folder.Path, EventLog = false }, eventLog, out _))
        {
            logger.Error("Failure");
        }

        Assert.Empty(eventLog.Entries);
    }

    [Fact]
    public void Create_LogFolderNotWritable_ReportsItAndLoggingNeverThrows()
    {
        using var folder = new TemporaryFolder();
        var blocker = folder.Write("not-a-folder", "a file where the log folder should be");
        var eventLog = new CollectingEventLog();

        using var logger = LoggingSetup.Create(new LoggingSettings { Folder = Path.Combine(blocker, "logs") }, eventLog, out var problems);
        var exception = Record.Exception(() => logger.Error("Still fine"));

        Assert.Null(exception);
        Assert.Contains("cannot be written", Assert.Single(problems), StringComparison.Ordinal);
        Assert.Single(eventLog.Entries);
    }

    private static string ReadSingleLogFile(string folder)
    {
        var file = Assert.Single(System.IO.Directory.GetFiles(folder, "ExchangeRules-*.log"));
        return File.ReadAllText(file);
    }
}
