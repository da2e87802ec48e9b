using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;

namespace ExchangeRules.Benchmarks.Tools;

/// <summary>
/// Times steps side by side for the stopwatch profiles: every step is warmed up for three seconds, then the steps take
/// turns for five rounds, each after a full collection, so that a burst of load from other processes on this shared
/// machine spreads over all steps instead of inflating one; each step's median round is printed as a Markdown row.
/// </summary>
internal static class InterleavedStopwatch
{
    private const int _rounds = 5;
    private const int _warmUpMilliseconds = 3000;

    /// <summary>The steps whose name contains one of the '|'-separated texts of <paramref name="filter"/> (all steps without one).</summary>
    public static IReadOnlyList<(string Name, Func<long> Step)> Select(IEnumerable<(string Name, Func<long> Step)> steps, string? filter)
    {
        var texts = filter?.Split('|', StringSplitOptions.RemoveEmptyEntries);
        return steps.Where(s => texts is null || texts.Length == 0 || texts.Any(t => s.Name.Contains(t, StringComparison.OrdinalIgnoreCase))).ToList();
    }

    /// <summary>Prints the table header and one row per step.</summary>
    public static void Print(string title, IReadOnlyList<(string Name, Func<long> Step)> steps, int iterations)
    {
        foreach (var (_, step) in steps)
        {
            // Warm up for a while, not a number of calls: tiered compilation promotes hot code after a delay, and a
            // step measured before that would be timed in unoptimised code. The processor's few thousand methods take
            // several seconds of background compilation on two cores before all of them run at tier 1.
            var warmUp = Stopwatch.StartNew();
            for (var i = 0; i < Math.Max(3, iterations / 5) || warmUp.ElapsedMilliseconds < _warmUpMilliseconds; i++)
            {
                step();
            }
        }

        var micros = steps.Select(_ => new double[_rounds]).ToArray();
        var cpuMicros = steps.Select(_ => new double[_rounds]).ToArray();
        var bytes = new double[steps.Count];
        for (var round = 0; round < _rounds; round++)
        {
            for (var s = 0; s < steps.Count; s++)
            {
                var step = steps[s].Step;

                // Each step starts with an empty young generation, so that it pays for its own collections only.
                GC.Collect();
                var before = GC.GetAllocatedBytesForCurrentThread();
                var cpuBefore = ThreadCpuTime.Microseconds();
                var watch = Stopwatch.StartNew();
                for (var i = 0; i < iterations; i++)
                {
                    step();
                }

                micros[s][round] = watch.Elapsed.TotalMicroseconds / iterations;
                cpuMicros[s][round] = (ThreadCpuTime.Microseconds() - cpuBefore) / iterations;
                bytes[s] = (double)(GC.GetAllocatedBytesForCurrentThread() - before) / iterations;
            }
        }

        // CPU time of this thread (where available) is what the code costs even when other processes take the cores
        // away; wall time on a busy machine also counts the waits.
        Console.WriteLine($"| {title} | µs per call (median of {_rounds} interleaved rounds) | thread CPU µs per call (median) | bytes allocated per call |");
        Console.WriteLine("|---|---:|---:|---:|");
        for (var s = 0; s < steps.Count; s++)
        {
            Array.Sort(micros[s]);
            Array.Sort(cpuMicros[s]);
            var cpu = cpuMicros[s][_rounds / 2] is var median && !double.IsNaN(median) ? median.ToString("0.0", CultureInfo.InvariantCulture) : "n/a";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {steps[s].Name} | {micros[s][_rounds / 2]:0.0} | {cpu} | {bytes[s]:0} |"));
        }
    }
}
