using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.CompilerServices;
using ExchangeRules.Processing;
using ExchangeRules.Processing.Logging;
using ExchangeRules.Processing.Transport;
using Microsoft.Exchange.Data.Transport;
using Microsoft.Exchange.Data.Transport.Routing;
using Serilog;

namespace ExchangeRules.Agent;

/// <summary>
/// The ExchangeRules transport agent factory, registered with
/// <c>Install-TransportAgent -TransportAgentFactory "ExchangeRules.Agent.ExchangeRulesRoutingAgentFactory"</c>.
/// </summary>
/// <remarks>
/// Exchange creates it once when the Transport service starts; its constructor never throws, because a throwing
/// factory stops the Transport service from starting. Without a usable configuration messages pass unchanged.
/// </remarks>
public sealed class ExchangeRulesRoutingAgentFactory : RoutingAgentFactory
{
    private readonly IMessageProcessor _processor;

    // Typed object so that the constructor's body never names a Serilog type: the JIT would load Serilog while
    // compiling it, before DependencyResolver is registered.
    private readonly object? _log;
    private readonly IDisposable? _ownedLog;

    /// <summary>Starts the rule processor from the configuration beside the agent DLL.</summary>
    public ExchangeRulesRoutingAgentFactory()
        : this(ProcessorProvider.Create, ProcessorProvider.ReportStartupFailure)
    {
    }

    /// <summary>Starts the processor with <paramref name="createProcessor"/> (the seam for tests).</summary>
    /// <param name="createProcessor">Starts the processor for the agent folder.</param>
    /// <param name="reportStartupFailure">
    /// Writes a start-up failure to the agent's log file and the event log and returns the logger to keep using;
    /// <see cref="ProcessorProvider.ReportStartupFailure"/> when null.
    /// </param>
    internal ExchangeRulesRoutingAgentFactory(Func<string, IMessageProcessor> createProcessor, Func<string, Exception, object>? reportStartupFailure = null)
    {
        _processor = PassThroughMessageProcessor.Instance;
        string agentDirectory = string.Empty;
        try
        {
            agentDirectory = AgentDirectory();
            DependencyResolver.Register(agentDirectory);
            _processor = StartProcessor(createProcessor, agentDirectory);
            _log = LoggerOf(_processor);
        }
        catch (Exception ex)
        {
            Trace.TraceError("ExchangeRules: the rule processor could not be started; messages pass unchanged. {0}", ex);
            _log = ReportStartupFailure(reportStartupFailure, agentDirectory, ex);
            _ownedLog = _log as IDisposable;
        }
    }

    /// <summary>The logger the agents write to: the one the agent's configuration set up (files, event log).</summary>
    internal ILogger Log => _log as ILogger ?? Serilog.Core.Logger.None;

    /// <summary>Per-event lab diagnostics from the configuration, for the transport handler.</summary>
    internal ITransportDiagnostics Diagnostics => (_processor as IAgentLogging)?.Diagnostics ?? TransportDiagnostics.Off;

    /// <summary>Returns a new agent for the session.</summary>
    /// <param name="server">The server the agent runs on.</param>
    public override RoutingAgent CreateAgent(SmtpServer server) =>
        new ExchangeRulesRoutingAgent(server, _processor, Log.ForContext<ExchangeRulesRoutingAgent>());

    /// <summary>Stops the rule processor when the Transport service shuts down.</summary>
    public override void Close()
    {
        try
        {
            (_processor as IDisposable)?.Dispose();
            _ownedLog?.Dispose();
        }
        catch (Exception ex)
        {
            Trace.TraceError("ExchangeRules: stopping the rule processor failed. {0}", ex);
        }
    }

    private static string AgentDirectory() =>
        Path.GetDirectoryName(typeof(ExchangeRulesRoutingAgentFactory).Assembly.Location) ?? AppDomain.CurrentDomain.BaseDirectory;

    // Not inlined: the dependencies it touches are resolved only after DependencyResolver is registered.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IMessageProcessor StartProcessor(Func<string, IMessageProcessor> createProcessor, string agentDirectory) =>
        createProcessor(agentDirectory) ?? PassThroughMessageProcessor.Instance;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static object LoggerOf(IMessageProcessor processor) =>
        (processor as IAgentLogging)?.Logger ?? Serilog.Core.Logger.None;

    /// <summary>Writes the failure where an admin looks (log file, event log); Trace already has it. Never throws.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static object? ReportStartupFailure(Func<string, Exception, object>? report, string agentDirectory, Exception failure)
    {
        try
        {
            return (report ?? ProcessorProvider.ReportStartupFailure)(agentDirectory, failure);
        }
        catch (Exception ex)
        {
            // Serilog or the Processing assembly itself may be what cannot load.
            Trace.TraceError("ExchangeRules: the start-up failure could not be written to the log or the event log. {0}", ex);
            return null;
        }
    }
}
