using System;

namespace ExchangeRules.Harness.Exchange;

/// <summary>An agent as agents.config lists it: name, assembly path and factory type (Install-TransportAgent's parameters).</summary>
public sealed class AgentRegistration
{
    /// <summary>Creates a registration.</summary>
    public AgentRegistration(string name, string assemblyPath, string factoryTypeName)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        AssemblyPath = assemblyPath ?? throw new ArgumentNullException(nameof(assemblyPath));
        FactoryTypeName = factoryTypeName ?? throw new ArgumentNullException(nameof(factoryTypeName));
    }

    /// <summary>The agent's registered name (Install-TransportAgent -Name).</summary>
    public string Name { get; }

    /// <summary>The full path of the agent assembly (-AssemblyPath).</summary>
    public string AssemblyPath { get; }

    /// <summary>The full type name of the factory (-TransportAgentFactory).</summary>
    public string FactoryTypeName { get; }
}
