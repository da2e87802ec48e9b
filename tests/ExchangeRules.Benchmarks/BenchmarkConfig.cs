using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace ExchangeRules.Benchmarks;

/// <summary>
/// One short job for the whole suite (it must finish well under 15 minutes on 2 shared cores) with the
/// memory diagnoser, the baseline ratio column and the allocation ratio. Benchmarks run in process: building
/// a separate boilerplate project per run takes minutes on a busy 2-core machine (and BenchmarkDotNet's
/// two-minute build timeout then fails the run), while in-process emit measures the same code.
/// </summary>
public sealed class BenchmarkConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public BenchmarkConfig()
    {
        AddJob(Job.Default
            .WithId("Short")
            .WithLaunchCount(1)
            .WithIterationCount(10)
            .WithToolchain(InProcessEmitToolchain.Instance));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(BaselineRatioColumn.RatioMean);
        AddColumn(BaselineAllocationRatioColumn.RatioMean);
        SummaryStyle = SummaryStyle.Default.WithRatioStyle(RatioStyle.Value);
    }
}
