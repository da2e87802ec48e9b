using System;
using ExchangeRules.Processing.Logging;
using ExchangeRules.Processing.Tests.Support;
using Serilog;
using Serilog.Events;
using Xunit;

namespace ExchangeRules.Processing.Tests.Logging;

public sealed class EventLogSinkTests
{
    [Fact]
    public void Emit_WarningWithEventId_WritesTheIdAndLevel()
    {
        var eventLog = new CollectingEventLog();
        using var logger = new LoggerConfiguration().WriteTo.Sink(new EventLogSink(eventLog)).CreateLogger();

        logger.ForEvent(LogEventId.RulesRejected).Warning("Rules file {Path} rejected", "rules.xml");

        var entry = Assert.Single(eventLog.Entries);
        Assert.Equal(4004, entry.EventId);
        Assert.Equal(LogEventLevel.Warning, entry.Level);
        Assert.Equal("Rules file \"rules.xml\" rejected", entry.Message);
    }

    [Fact]
    public void Emit_ErrorWithException_IncludesTheException()
    {
        var eventLog = new CollectingEventLog();
        using var logger = new LoggerConfiguration().WriteTo.Sink(new EventLogSink(eventLog)).CreateLogger();

        logger.Error(new InvalidOperationException("boom"), "It failed");

        var entry = Assert.Single(eventLog.Entries);
        Assert.Contains("boom", entry.Message, StringComparison.Ordinal);
        Assert.Equal(0, entry.EventId);
    }

    [Fact]
    public void Emit_VeryLongMessage_IsCutToWhatTheEventLogAccepts()
    {
        var eventLog = new CollectingEventLog();
        using var logger = new LoggerConfiguration().WriteTo.Sink(new EventLogSink(eventLog)).CreateLogger();

        logger.Warning("{Text}", new string('x', 40000));

        Assert.True(Assert.Single(eventLog.Entries).Message.Length < 31839);
    }

    [Fact]
    public void Emit_EventLogUnavailable_TheCallerNeverSeesIt()
    {
        var eventLog = new CollectingEventLog { Unavailable = true };
        using var logger = new LoggerConfiguration().WriteTo.Sink(new EventLogSink(eventLog)).CreateLogger();

        var exception = Record.Exception(() => logger.Error("Something failed"));

        Assert.Null(exception);
    }
}
