using System;
using System.Runtime.InteropServices;

namespace ExchangeRules.Benchmarks.Tools;

/// <summary>
/// CPU time (user + system, microseconds) from Linux getrusage: of the calling thread, of this process with all its
/// threads, or of its finished child processes; NaN elsewhere.
/// </summary>
internal static class ThreadCpuTime
{
    private const int _rusageSelf = 0;
    private const int _rusageChildren = -1;
    private const int _rusageThread = 1;

    /// <summary>User plus system CPU time of the calling thread, in microseconds.</summary>
    public static double Microseconds() => Read(_rusageThread);

    /// <summary>This process's CPU time (the collector and the JIT's background compilation included).</summary>
    internal static double Process() => Read(_rusageSelf);

    /// <summary>The CPU time of the child processes that have finished and been waited for.</summary>
    internal static double Children() => Read(_rusageChildren);

    private static double Read(int who)
    {
        if (!OperatingSystem.IsLinux())
        {
            return double.NaN;
        }

        return GetRUsage(who, out var usage) == 0
            ? ((usage.UserSeconds + usage.SystemSeconds) * 1_000_000.0) + usage.UserMicroseconds + usage.SystemMicroseconds
            : double.NaN;
    }

    [DllImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static extern int GetRUsage(int who, out ResourceUsage usage);

    /// <summary>struct rusage on 64-bit Linux: two timevals, then fourteen longs.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxResidentSize;
        public long SharedMemory;
        public long UnsharedData;
        public long UnsharedStack;
        public long MinorFaults;
        public long MajorFaults;
        public long Swaps;
        public long BlockInputs;
        public long BlockOutputs;
        public long MessagesSent;
        public long MessagesReceived;
        public long Signals;
        public long VoluntarySwitches;
        public long InvoluntarySwitches;
    }
}
