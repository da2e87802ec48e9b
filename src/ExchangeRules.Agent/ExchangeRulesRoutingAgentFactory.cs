using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.CompilerServices;
using ExchangeRules.Processing;
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

    /// <summary>Starts the rule processor from the configuration beside the agent DLL.</summary>
    public ExchangeRulesRoutingAgentFactory()
        : this(ProcessorProvider.Create)
    {
    }

    /// <summary>Starts the processor with <paramref name="createProcessor"/> (the seam for tests).</summary>
    internal ExchangeRulesRoutingAgentFactory(Func<string, IMessageProcessor> createProcessor)
    {
        _processor = PassThroughMessageProcessor.Instance;
        try
        {
            string agentDirectory = AgentDirectory();
            DependencyResolver.Register(agentDirectory);
            _processor = StartProcessor(createProcessor, agentDirectory);
        }
        catch (Exception ex)
        {
            Trace.TraceError("ExchangeRules: the rule processor could not be started; messages pass unchanged. {0}", ex);
        }
    }

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
}
