using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using ExchangeRules.Benchmarks.Fixtures;

namespace ExchangeRules.Benchmarks.Tools;

/// <summary>
/// Scenario 6 by CPU time: warm <c>exrules apply</c> over a folder of copies of the message, in process (the CPU of
/// this whole process, collector and JIT threads included), against alterMIME run as a process per message (the CPU
/// of the finished children), taking turns round by round so a burst of load from other processes falls on both.
/// Per message, apply costs the difference between a run over all copies and a run over one copy, divided by the
/// other copies: what each further message of a folder costs; the run's fixed part (command line, loading the rules)
/// is printed apart. CPU time, not wall time: on a shared machine
/// waiting for a core does not count.
/// </summary>
internal static class ApplyProfile
{
    /// <summary>Runs the comparison for each message whose name contains <paramref name="filter"/>.</summary>
    /// <param name="perRound">Messages processed per side and round (the copies in the folder <c>exrules apply</c> runs over).</param>
    /// <param name="filter">Part of a message name (large, outlook, small...), or <see langword="null"/> for all.</param>
    public static int Run(int perRound, string? filter)
    {
        if (!ApplyJob.AlterMimeInstalled())
        {
            Console.Error.WriteLine("altermime is not installed (apt-get install altermime)");
            return 2;
        }

        const int rounds = 7;
        if (perRound < 2)
        {
            Console.Error.WriteLine("profile-apply needs at least 2 messages per round");
            return 2;
        }

        Console.WriteLine($"| message | alterMIME CPU ms/msg | exrules apply CPU ms/msg | ratio (apply / alterMIME) | apply run over one message, ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (name, mime) in FixtureWriter.Messages(MessageFixtures.ExternalRecipient).Where(m => filter is null || m.Name.Contains(filter, StringComparison.OrdinalIgnoreCase)))
        {
            using var job = ApplyJob.Create(name, mime, perRound);
            var warmUp = Stopwatch.StartNew();
            while (warmUp.Elapsed < TimeSpan.FromSeconds(3))
            {
                Check(job.RunApply(), "exrules apply");
                Check(job.RunAlterMime(), "altermime");
            }

            var alterMime = new List<double>();
            var apply = new List<double>();
            var single = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var children = ProcessCpuTime.Children();
                for (var i = 0; i < perRound; i++)
                {
                    Check(job.RunAlterMime(), "altermime");
                }

                alterMime.Add((ProcessCpuTime.Children() - children) / perRound / 1000);
                var self = ProcessCpuTime.Self();
                Check(job.RunApply(job.SingleMessageFolder), "exrules apply");
                var one = ProcessCpuTime.Self() - self;
                single.Add(one / 1000);
                self = ProcessCpuTime.Self();
                Check(job.RunApply(), "exrules apply");
                apply.Add((ProcessCpuTime.Self() - self - one) / (perRound - 1) / 1000);
            }

            var a = Median(alterMime);
            var e = Median(apply);
            Console.WriteLine($"| {name} | {a:0.00} ({alterMime.Min():0.00}–{alterMime.Max():0.00}) | {e:0.00} ({apply.Min():0.00}–{apply.Max():0.00}) | {e / a:0.00}× | {Median(single):0.0} |");
        }

        Console.WriteLine($"median of {rounds} rounds of {perRound} messages per side (min–max); load average {LoadAverage()}");
        return 0;
    }

    private static void Check(int exitCode, string what)
    {
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{what} exited with {exitCode}");
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[sorted.Count / 2];
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', System.IO.File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (System.IO.IOException)
        {
            return "unknown";
        }
    }
}
