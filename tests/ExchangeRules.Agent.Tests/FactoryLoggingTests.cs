using System;
using System.IO;
using ExchangeRules.Processing;
using ExchangeRules.Processing.Logging;
using ExchangeRules.Processing.Transport;
using Moq;
using Serilog;
using Xunit;

namespace ExchangeRules.Agent.Tests;

/// <summary>
/// The adapter logs where the admin looks: through the logger the agent's configuration set up (files, event log), and
/// a processor that cannot start is reported there too, not only to Trace.
/// </summary>
public sealed class FactoryLoggingTests
{
    [Fact]
    public void Constructor_ProcessorWithConfiguredLogging_AgentsLogThroughItAndGetItsDiagnostics()
    {
        var logger = new LoggerConfiguration().CreateLogger();
        var diagnostics = TransportDiagnostics.WrittenTo(logger);
        var processor = new Mock<IMessageProcessor>();
        var logging = processor.As<IAgentLogging>();
        logging.Setup(l => l.Logger).Returns(logger);
        logging.Setup(l => l.Diagnostics).Returns(diagnostics);

        var target = new ExchangeRulesRoutingAgentFactory(_ => processor.Object, (_, _) => throw new InvalidOperationException("not expected"));

        Assert.Same(logger, target.Log);
        Assert.Same(diagnostics, target.Diagnostics);
    }

    [Fact]
    public void Constructor_ProcessorFailsToStart_ReportsTheFailureForTheAgentFolderAndKeepsThatLogger()
    {
        var failure = new FileLoadException("Could not load file or assembly 'MimeKit'");
        string? reportedFolder = null;
        Exception? reported = null;
        var logger = new LoggerConfiguration().CreateLogger();

        var target = new ExchangeRulesRoutingAgentFactory(_ => throw failure, (folder, exception) =>
        {
            reportedFolder = folder;
            reported = exception;
            return logger;
        });

        Assert.Equal(Path.GetDirectoryName(typeof(ExchangeRulesRoutingAgentFactory).Assembly.Location), reportedFolder);
        Assert.Same(failure, reported);
        Assert.Same(logger, target.Log);
        Assert.False(target.Diagnostics.IsEnabled);
        target.Close();
    }

    [Fact]
    public void Constructor_ReportingTheFailureFailsToo_StillDoesNotThrowAndAgentsWork()
    {
        var target = new ExchangeRulesRoutingAgentFactory(_ => throw new InvalidOperationException("processor"), (_, _) => throw new FileNotFoundException("Serilog"));

        Assert.NotNull(target.CreateAgent(Mock.Of<Microsoft.Exchange.Data.Transport.SmtpServer>()));
        Assert.NotNull(target.Log);
    }

    [Fact]
    public void Constructor_ProcessorWithoutLogging_UsesTheSilentLoggerAndNoDiagnostics()
    {
        var target = new ExchangeRulesRoutingAgentFactory(_ => Mock.Of<IMessageProcessor>());

        Assert.Same(Serilog.Core.Logger.None, target.Log);
        Assert.False(target.Diagnostics.IsEnabled);
    }
}
