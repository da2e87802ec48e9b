using System;
using System.Collections.Generic;
using System.Linq;

namespace ExchangeRules.Benchmarks.Tools;

/// <summary>
/// CPU time (user + system, microseconds) of this process with all its threads (the collector and the JIT's
/// background compilation included), and of its finished child processes; read by <see cref="ThreadCpuTime"/>'s
/// getrusage wrapper (Linux; NaN elsewhere).
/// </summary>
internal static class ProcessCpuTime
{
    /// <summary>This process's CPU time.</summary>
    public static double Self() => ThreadCpuTime.Process();

    /// <summary>The CPU time of the child processes that have finished and been waited for.</summary>
    public static double Children() => ThreadCpuTime.Children();

    /// <summary>
    /// The whole process's CPU per call of each step (the server's threads and the collector included), the steps
    /// taking turns for five rounds, each after a full collection: the median round of each step, in microseconds.
    /// </summary>
    public static double[] MedianPerCall(IReadOnlyList<(string Name, Func<long> Step)> steps, int calls)
    {
        const int rounds = 5;
        var cpu = steps.Select(_ => new double[rounds]).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var s = 0; s < steps.Count; s++)
            {
                GC.Collect();
                var before = Self();
                for (var i = 0; i < calls; i++)
                {
                    steps[s].Step();
                }

                cpu[s][round] = (Self() - before) / calls;
            }
        }

        return cpu.Select(c => c.OrderBy(x => x).ElementAt(rounds / 2)).ToArray();
    }
}
