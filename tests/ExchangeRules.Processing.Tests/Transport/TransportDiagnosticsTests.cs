using System;
using System.Linq;
using ExchangeRules.Processing.Configuration;
using ExchangeRules.Processing.Tests.Support;
using ExchangeRules.Processing.Transport;
using Serilog;
using Serilog.Events;
using Xunit;

namespace ExchangeRules.Processing.Tests.Transport;

/// <summary>The lab diagnostics a transport handler records per event, and the configuration switch for them.</summary>
public sealed class TransportDiagnosticsTests : IDisposable
{
    private readonly TemporaryFolder _agent = new();
    private readonly CollectingSink _sink = new();

    public void Dispose() => _agent.Dispose();

    private ITransportDiagnostics Target() =>
        TransportDiagnostics.WrittenTo(new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(_sink).CreateLogger());

    [Fact]
    public void Record_WritesEveryFactALabNeedsWithEventId1100()
    {
        var target = Target();

        target.Record(new TransportEventFacts
        {
            EventName = "OnResolvedMessage",
            MessageId = "<abc@contoso.com>",
            TopLevelContentType = "application/ms-tnef",
            ExchangeReportsTnef = true,
            RecipientCount = 3,
            Outcome = "Split",
            Forked = true,
            Deferred = false,
            ContentWritten = true,
            MarkerPresentAfterWrite = false,
            Elapsed = TimeSpan.FromMilliseconds(42),
        });

        var logged = Assert.Single(_sink.WithEventId(1100));
        Assert.Equal(LogEventLevel.Information, logged.Level);
        var text = logged.RenderMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(
            "Diagnostics \"OnResolvedMessage\": message \"<abc@contoso.com>\", content type \"application/ms-tnef\", TNEF part reported \"yes\", 3 recipient(s), outcome \"Split\", forked \"yes\", deferred \"no\", content written \"yes\", marker present after write \"no\", 42 ms",
            text);
    }

    [Fact]
    public void Record_UnknownFacts_AreWrittenAsUnknown()
    {
        var target = Target();

        target.Record(new TransportEventFacts { EventName = "OnSubmittedMessage", RecipientCount = 1 });

        var text = Assert.Single(_sink.WithEventId(1100)).RenderMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("TNEF part reported \"unknown\"", text, StringComparison.Ordinal);
        Assert.Contains("marker present after write \"unknown\"", text, StringComparison.Ordinal);
        Assert.Contains("content type \"(unknown)\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void RecordAssumption_SameObservationTwice_IsWrittenOnceWithEventId1101()
    {
        var target = Target();

        target.RecordAssumption("MailItem.Message reflects MIME written through GetMimeWriteStream", "marker present after write: yes");
        target.RecordAssumption("MailItem.Message reflects MIME written through GetMimeWriteStream", "marker present after write: yes");
        target.RecordAssumption("MailItem.Message reflects MIME written through GetMimeWriteStream", "marker present after write: no");

        Assert.Equal(2, _sink.WithEventId(1101).Count);
    }

    [Fact]
    public void Record_SinkThatThrows_NeverReachesTheCaller()
    {
        var target = TransportDiagnostics.WrittenTo(new LoggerConfiguration().WriteTo.Sink(new ThrowingSink()).CreateLogger());

        var thrown = Record.Exception(() =>
        {
            target.Record(new TransportEventFacts { EventName = "OnSubmittedMessage" });
            target.RecordAssumption("a", "b");
            target.Record(null!);
        });

        Assert.Null(thrown);
    }

    [Fact]
    public void Off_WritesNothingAndSaysSo()
    {
        Assert.False(TransportDiagnostics.Off.IsEnabled);
        TransportDiagnostics.Off.Record(new TransportEventFacts { EventName = "OnSubmittedMessage" });
        Assert.True(Target().IsEnabled);
    }

    [Fact]
    public void Host_DiagnosticsSwitchOn_GivesDiagnosticsWrittenToTheAgentsLogFile()
    {
        _agent.Write(AgentConfiguration.FileName, "<agentConfiguration xmlns=\"urn:exchangerules:config:v1\">\n  <logging folder=\"logs\" />\n  <diagnostics transportEvents=\"true\" />\n</agentConfiguration>\n");

        using (var host = ProcessingHost.Start(_agent.Path, new FakeComponents(), new CollectingEventLog()))
        {
            Assert.True(host.Diagnostics.IsEnabled);
            host.Diagnostics.Record(new TransportEventFacts { EventName = "OnRoutedMessage", RecipientCount = 2, Forked = true });
            host.Logger.Information("written through the host's logger");
        }

        var log = string.Concat(System.IO.Directory.GetFiles(_agent.Combine("logs")).Select(System.IO.File.ReadAllText));
        Assert.Contains("(1100) Diagnostics OnRoutedMessage: ", log, StringComparison.Ordinal);
        Assert.Contains("written through the host's logger", log, StringComparison.Ordinal);
        Assert.Contains("transport diagnostics on", log, StringComparison.Ordinal);
    }

    [Fact]
    public void Host_NoDiagnosticsElement_HasThemOff()
    {
        _agent.Write(AgentConfiguration.FileName, ProcessingHostTests.ValidConfiguration);

        using var host = ProcessingHost.Start(_agent.Path, new FakeComponents(), new CollectingEventLog());

        Assert.False(host.Diagnostics.IsEnabled);
    }

    [Fact]
    public void Loader_DiagnosticsElement_IsRead()
    {
        var result = AgentConfigurationLoader.Parse(new System.IO.StringReader("<agentConfiguration xmlns=\"urn:exchangerules:config:v1\"><diagnostics transportEvents=\"true\" /></agentConfiguration>"), "c.xml", _agent.Path);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        Assert.True(result.Configuration.Diagnostics.TransportEvents);
    }
}
