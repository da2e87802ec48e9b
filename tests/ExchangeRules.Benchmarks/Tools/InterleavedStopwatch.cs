using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;

namespace ExchangeRules.Benchmarks.Tools;

/// <summary>
/// Times steps side by side for the stopwatch profiles: every step is warmed up, then the steps take turns for five
/// rounds, so that a burst of load from other processes on this shared machine spreads over all steps instead of
/// inflating one; each step's median round is printed as a Markdown row.
/// </summary>
internal static class InterleavedStopwatch
{
    private const int _rounds = 5;

    /// <summary>Prints the table header and one row per step.</summary>
    public static void Print(string title, IReadOnlyList<(string Name, Func<long> Step)> steps, int iterations)
    {
        foreach (var (_, step) in steps)
        {
            // Warm up for a while, not a number of calls: tiered compilation promotes hot code after a delay, and a
            // step measured before that would be timed in unoptimised code.
            var warmUp = Stopwatch.StartNew();
            for (var i = 0; i < Math.Max(3, iterations / 5) || warmUp.ElapsedMilliseconds < 500; i++)
            {
                step();
            }
        }

        var micros = steps.Select(_ => new double[_rounds]).ToArray();
        var bytes = new double[steps.Count];
        for (var round = 0; round < _rounds; round++)
        {
            for (var s = 0; s < steps.Count; s++)
            {
                var step = steps[s].Step;
                var before = GC.GetAllocatedBytesForCurrentThread();
                var watch = Stopwatch.StartNew();
                for (var i = 0; i < iterations; i++)
                {
                    step();
                }

                micros[s][round] = watch.Elapsed.TotalMicroseconds / iterations;
                bytes[s] = (double)(GC.GetAllocatedBytesForCurrentThread() - before) / iterations;
            }
        }

        Console.WriteLine($"| {title} | µs per call (median of {_rounds} interleaved rounds) | bytes allocated per call |");
        Console.WriteLine("|---|---:|---:|");
        for (var s = 0; s < steps.Count; s++)
        {
            Array.Sort(micros[s]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {steps[s].Name} | {micros[s][_rounds / 2]:0.0} | {bytes[s]:0} |"));
        }
    }
}
