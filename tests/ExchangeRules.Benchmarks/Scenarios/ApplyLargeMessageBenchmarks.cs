using System;
using System.IO;
using BenchmarkDotNet.Attributes;
using ExchangeRules.Benchmarks.Fixtures;

namespace ExchangeRules.Benchmarks.Scenarios;

/// <summary>
/// Scenario 6: warm <c>exrules apply</c> over a folder of ten copies of the 10 MB message (the disclaimer, plain +
/// HTML, at the bottom; the results written to the output folder), against alterMIME 0.3.10 doing the same job on
/// each copy as a content filter runs it (one process per message, stdin to a file). Target: apply at most 1× alterMIME.
/// BenchmarkDotNet times both by the clock, and alterMIME's side includes starting its process; on a shared machine
/// judge the target by CPU time with <c>profile-apply</c>, which also leaves out the apply run's fixed part.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class ApplyLargeMessageBenchmarks
{
    private const int _copies = 10;
    private ApplyJob _job = null!;

    /// <summary>Writes the job; checks that both tools run and that apply stamps the message.</summary>
    [GlobalSetup]
    public void Setup()
    {
        if (!ApplyJob.AlterMimeInstalled())
        {
            throw new InvalidOperationException("altermime is not installed (apt-get install altermime): scenario 6 compares with it.");
        }

        _job = ApplyJob.Create("large-10mb.eml", MessageFixtures.LargeWithAttachments(MessageFixtures.ExternalRecipient), _copies);
        if (AlterMime() != 0 || ExrulesApply() != 0)
        {
            throw new InvalidOperationException("alterMIME or exrules apply failed on the large message.");
        }

        var stamped = File.ReadAllText(Path.Combine(_job.OutputFolder, Path.GetFileName(_job.MessagePath)));
        if (!stamped.Contains("Confidentiality notice", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("exrules apply did not stamp the large message.");
        }
    }

    /// <summary>Deletes the job's folder.</summary>
    [GlobalCleanup]
    public void Cleanup() => _job.Dispose();

    /// <summary>Baseline: alterMIME on each copy, one process per message.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = _copies)]
    public int AlterMime()
    {
        var failed = 0;
        for (var copy = 0; copy < _copies; copy++)
        {
            failed += _job.RunAlterMime() == 0 ? 0 : 1;
        }

        return failed;
    }

    /// <summary><c>exrules apply</c> over the folder of copies, in process (command line, rules loaded, every copy processed and written).</summary>
    [Benchmark(OperationsPerInvoke = _copies)]
    public int ExrulesApply() => _job.RunApply();
}
