using System;
using System.IO;
using System.Linq;
using System.Threading;
using ExchangeRules.Harness.Exchange;
using ExchangeRules.Harness.Organization;
using ExchangeRules.Harness.Topology;

namespace ExchangeRules.Agent.MonoSmoke;

/// <summary>
/// Usage: <c>mono ExchangeRules.Agent.MonoSmoke.exe ORGANIZATION.xml internet|onprem|cloud SENDER RECIPIENT IN.eml OUT-FOLDER [FAIL-WRITES-AFTER-BYTES]</c>.
/// Loads the agent beside this host (its ExchangeRules.config.xml included) the way Exchange does, sends the
/// message through the simulated organisation and writes every delivered copy as OUT-FOLDER/RECIPIENT.eml, then
/// prints one line per copy (recipient, where it went, crossings) and the runtime it ran on.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length is not 6 and not 7)
        {
            Console.Error.WriteLine("usage: ExchangeRules.Agent.MonoSmoke ORGANIZATION.xml internet|onprem|cloud SENDER RECIPIENT IN.eml OUT-FOLDER [FAIL-WRITES-AFTER-BYTES]");
            return 2;
        }

        var organization = OrganizationFile.Load(args[0]);
        var entry = args[1] switch
        {
            "internet" => EntryPoint.Internet,
            "cloud" => EntryPoint.CloudMailbox,
            _ => EntryPoint.OnPremisesMailbox,
        };
        var agentPath = Path.Combine(AppDomain.CurrentDomain.BaseDirectory, "ExchangeRules.Agent.dll");
        long? failWrites = args.Length == 7 ? long.Parse(args[6], System.Globalization.CultureInfo.InvariantCulture) : null;
        using var transport = new ExchangeTransport(new[] { new AgentRegistration("ExchangeRules", agentPath, "ExchangeRules.Agent.ExchangeRulesRoutingAgentFactory") }, failMimeWritesAfterBytes: failWrites);
        var topology = new HybridTopology(organization, transport);
        var copies = topology.Submit(new Submission(entry, args[2], new[] { args[3] }, File.ReadAllBytes(args[4])), CancellationToken.None);

        System.IO.Directory.CreateDirectory(args[5]);
        foreach (var copy in copies)
        {
            File.WriteAllBytes(Path.Combine(args[5], copy.Recipient + ".eml"), copy.Mime);
            Console.WriteLine($"{copy.Recipient}\t{copy.Target}\t{copy.Passes.Count}\t{string.Join(" | ", copy.Passes.SelectMany(p => p.Events))}");
        }

        Console.WriteLine("runtime\t" + (Type.GetType("Mono.Runtime") is null ? ".NET Framework" : "Mono") + " " + Environment.Version);
        return 0;
    }
}
