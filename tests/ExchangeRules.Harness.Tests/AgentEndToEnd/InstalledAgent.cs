using System;
using System.IO;
using ExchangeRules.Harness.Exchange;

namespace ExchangeRules.Harness.Tests.AgentEndToEnd;

/// <summary>
/// The real agent installed in agent/ beside the tests with an ExchangeRules.config.xml that points at the shipped
/// sample rules and directory: what Install-TransportAgent plus the admin's configuration leave on a server.
/// </summary>
public sealed class InstalledAgent
{
    public InstalledAgent()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "agent");
        AssemblyPath = Path.Combine(folder, "ExchangeRules.Agent.dll");
        var samples = Path.Combine(RepositoryRoot(), "samples");
        File.WriteAllText(Path.Combine(folder, "ExchangeRules.config.xml"), $"""
<?xml version="1.0" encoding="utf-8"?>
<agentConfiguration xmlns="urn:exchangerules:config:v1">
  <rules path="{Path.Combine(samples, "rules", "rules.xml")}" />
  <directory>
    <ldif path="{Path.Combine(samples, "directory", "contoso.ldif")}" />
  </directory>
  <logging folder="{Path.Combine(folder, "logs")}" level="Information" eventLog="false" />
</agentConfiguration>
""");
    }

    public string AssemblyPath { get; }

    public AgentRegistration Registration => new("ExchangeRules", AssemblyPath, "ExchangeRules.Agent.ExchangeRulesRoutingAgentFactory");

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "samples", "rules", "rules.xml")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("samples/rules/rules.xml not found above " + AppContext.BaseDirectory);
    }
}
