using System;
using System.IO;
using System.Linq;
using ExchangeRules.Processing.Configuration;
using ExchangeRules.Processing.Logging;
using ExchangeRules.Processing.Tests.Support;
using Serilog.Events;
using Xunit;

namespace ExchangeRules.Processing.Tests.Logging;

/// <summary>A factory that cannot start the processor says so in the log file and the event log, not only in Trace.</summary>
public sealed class StartupFailureLogTests : IDisposable
{
    private readonly TemporaryFolder _agent = new();
    private readonly CollectingEventLog _eventLog = new();

    public void Dispose() => _agent.Dispose();

    private static string LogText(string folder) =>
        string.Concat(System.IO.Directory.GetFiles(folder).Select(File.ReadAllText));

    [Fact]
    public void Open_WithConfiguration_WritesTheFailureToTheConfiguredFolderAndTheEventLog()
    {
        _agent.Write(AgentConfiguration.FileName, "<agentConfiguration xmlns=\"urn:exchangerules:config:v1\"><logging folder=\"custom-logs\" /></agentConfiguration>");

        var logger = StartupFailureLog.Open(_agent.Path, new FileLoadException("Could not load MimeKit 4.18"), _eventLog);
        ((IDisposable)logger).Dispose();

        var text = LogText(_agent.Combine("custom-logs"));
        Assert.Contains("[ERR] (4099) ExchangeRules could not start its rule processor", text, StringComparison.Ordinal);
        Assert.Contains("Could not load MimeKit 4.18", text, StringComparison.Ordinal);
        var entry = Assert.Single(_eventLog.Entries);
        Assert.Equal(4099, entry.EventId);
        Assert.Equal(LogEventLevel.Error, entry.Level);
        Assert.Contains("Could not load MimeKit 4.18", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_WithoutConfiguration_WritesToTheDefaultFolderBesideTheAgent()
    {
        var logger = StartupFailureLog.Open(_agent.Path, new InvalidOperationException("boom"), _eventLog);
        logger.Warning("a later adapter message");
        ((IDisposable)logger).Dispose();

        var text = LogText(_agent.Combine("Logs"));
        Assert.Contains("(4099)", text, StringComparison.Ordinal);
        Assert.Contains("a later adapter message", text, StringComparison.Ordinal);
        Assert.Equal(2, _eventLog.Entries.Count);
    }

    [Fact]
    public void Open_EventLogDownAndFolderUnwritable_DoesNotThrow()
    {
        var file = _agent.Write("not-a-folder", "x");
        _agent.Write(AgentConfiguration.FileName, $"<agentConfiguration xmlns=\"urn:exchangerules:config:v1\"><logging folder=\"{Path.Combine(file, "logs")}\" /></agentConfiguration>");

        var thrown = Record.Exception(() => StartupFailureLog.Open(_agent.Path, new InvalidOperationException("boom"), new CollectingEventLog { Unavailable = true }));

        Assert.Null(thrown);
    }
}
