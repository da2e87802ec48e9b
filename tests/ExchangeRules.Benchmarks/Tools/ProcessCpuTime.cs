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
}
