using System;
using System.IO;
using System.Linq;
using System.Threading;
using ExchangeRules.Harness.Exchange;
using ExchangeRules.Harness.Organization;
using ExchangeRules.Harness.Topology;

namespace ExchangeRules.Agent.MonoSmoke;

/// <summary>
/// Usage: <c>mono ExchangeRules.Agent.MonoSmoke.exe ORGANIZATION.xml internet|onprem|cloud SENDER RECIPIENT IN.eml|IN-FOLDER OUT-FOLDER [FAIL-WRITES-AFTER-BYTES | NEW-RULES.xml RULES.xml]</c>.
/// Loads the agent beside this host (its ExchangeRules.config.xml included) the way Exchange does, sends the
/// message through the simulated organisation and writes every delivered copy as OUT-FOLDER/RECIPIENT.eml, then
/// prints one line per copy (recipient, where it went, crossings) and the runtime it ran on. With NEW-RULES.xml and
/// RULES.xml it then copies NEW-RULES.xml over the rules file the agent watches, waits for the reload (the agent's
/// timer threads run it), and sends the message again into OUT-FOLDER/after-reload.
/// With IN-FOLDER every .eml in it is sent in turn and the copy to RECIPIENT is written as OUT-FOLDER/&lt;file name&gt;.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length is not 6 and not 7 and not 8)
        {
            Console.Error.WriteLine("usage: ExchangeRules.Agent.MonoSmoke ORGANIZATION.xml internet|onprem|cloud SENDER RECIPIENT IN.eml|IN-FOLDER OUT-FOLDER [FAIL-WRITES-AFTER-BYTES | NEW-RULES.xml RULES.xml]");
            return 2;
        }

        // No code-page provider is registered here: this host plays Exchange's EdgeTransport.exe, which registers none
        // (.NET Framework has the code pages built in; Mono has them in its I18N assemblies).
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
        System.IO.Directory.CreateDirectory(args[5]);
        if (System.IO.Directory.Exists(args[4]))
        {
            // Batch: every IN-FOLDER/*.eml through the same agent; the copy to RECIPIENT is written as OUT-FOLDER/<file name>.
            foreach (var file in System.IO.Directory.GetFiles(args[4], "*.eml").OrderBy(name => name, StringComparer.Ordinal))
            {
                var copies = topology.Submit(new Submission(entry, args[2], new[] { args[3] }, File.ReadAllBytes(file)), CancellationToken.None);
                foreach (var copy in copies.Where(copy => string.Equals(copy.Recipient, args[3], StringComparison.OrdinalIgnoreCase)))
                {
                    File.WriteAllBytes(Path.Combine(args[5], Path.GetFileName(file)), copy.Mime);
                    Console.WriteLine($"{Path.GetFileName(file)}\t{copy.Target}\t{copy.Passes.Count}\t{string.Join(" | ", copy.Passes.SelectMany(p => p.Events))}");
                }
            }
        }
        else
        {
            var submission = new Submission(entry, args[2], new[] { args[3] }, File.ReadAllBytes(args[4]));
            Deliver(topology, submission, args[5]);
            if (args.Length == 8)
            {
                File.Copy(args[6], args[7], overwrite: true);

                // The agent's watcher debounces the change and reloads on a timer thread; an exception there would end
                // this process the way it would end EdgeTransport.exe.
                Thread.Sleep(TimeSpan.FromSeconds(5));
                Deliver(topology, submission, Path.Combine(args[5], "after-reload"));
            }
        }

        Console.WriteLine("runtime\t" + (Type.GetType("Mono.Runtime") is null ? ".NET Framework" : "Mono") + " " + Environment.Version);
        return 0;
    }

    private static void Deliver(HybridTopology topology, Submission submission, string outFolder)
    {
        var copies = topology.Submit(submission, CancellationToken.None);
        System.IO.Directory.CreateDirectory(outFolder);
        foreach (var copy in copies)
        {
            File.WriteAllBytes(Path.Combine(outFolder, copy.Recipient + ".eml"), copy.Mime);
            Console.WriteLine($"{copy.Recipient}\t{copy.Target}\t{copy.Passes.Count}\t{string.Join(" | ", copy.Passes.SelectMany(p => p.Events))}");
        }
    }
}
