using System;
using System.IO;
using ExchangeRules.Harness.Exchange;
using ExchangeRules.Testing;

namespace ExchangeRules.Harness.Tests.AgentEndToEnd;

/// <summary>
/// The real agent installed in agent/ beside the tests with an ExchangeRules.config.xml that points at the shipped
/// sample rules and directory: what Install-TransportAgent plus the admin's configuration leave on a server. The
/// factory reads the configuration when a transport loads it, so test classes that configure other rules share the
/// <see cref="Collection"/> and never run at the same time.
/// </summary>
public sealed class InstalledAgent
{
    /// <summary>The xunit collection of every test class that configures the installed agent.</summary>
    public const string Collection = "installed agent";

    private readonly string _folder;

    public InstalledAgent()
    {
        _folder = Path.Combine(AppContext.BaseDirectory, "agent");
        AssemblyPath = Path.Combine(_folder, "ExchangeRules.Agent.dll");
        ConfigureSamples();
    }

    public string AssemblyPath { get; }

    public AgentRegistration Registration => new("ExchangeRules", AssemblyPath, "ExchangeRules.Agent.ExchangeRulesRoutingAgentFactory");

    /// <summary>The shipped sample rules and LDIF directory.</summary>
    public void ConfigureSamples()
    {
        var samples = Path.Combine(RepositoryRoot(), "samples");
        Configure(Path.Combine(samples, "rules", "rules.xml"), Path.Combine(samples, "directory", "contoso.ldif"));
    }

    /// <summary>Other rules (and, optionally, an organisation key) for the transports created from now on.</summary>
    public void Configure(string rulesPath, string? ldifPath = null, string? organizationKey = null)
    {
        var directory = ldifPath is null ? string.Empty : $"<directory><ldif path=\"{ldifPath}\" /></directory>";
        var key = organizationKey is null ? string.Empty : $"<organizationKey value=\"{organizationKey}\" />";
        File.WriteAllText(Path.Combine(_folder, "ExchangeRules.config.xml"), $"""
<?xml version="1.0" encoding="utf-8"?>
<agentConfiguration xmlns="urn:exchangerules:config:v1">
  <rules path="{rulesPath}" />
  {directory}
  {key}
  <logging folder="{Path.Combine(_folder, "logs")}" level="Information" eventLog="false" />
</agentConfiguration>
""");
    }

    private static string RepositoryRoot() => TestRepository.Root;
}
