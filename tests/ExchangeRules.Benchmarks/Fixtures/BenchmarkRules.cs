using System;
using System.Collections.Concurrent;
using System.IO;
using ExchangeRules.Engine.Evaluation;
using ExchangeRules.Engine.Loading;
using ExchangeRules.Templates;

namespace ExchangeRules.Benchmarks.Fixtures;

/// <summary>Loads the benchmark rule sets through the product's loader (written once per process to a temporary folder).</summary>
internal static class BenchmarkRules
{
    private static readonly string _folder = Path.Combine(Path.GetTempPath(), "exchangerules-bench-" + Environment.ProcessId);
    private static readonly ConcurrentDictionary<string, IRulePlan> _plans = new(StringComparer.Ordinal);

    /// <summary>The realistic 50-rule set.</summary>
    public static IRulePlan Realistic() =>
        _plans.GetOrAdd("realistic", _ => Load(RuleSetFiles.WriteRealistic(_folder)));

    /// <summary><paramref name="count"/> rules that never match the benchmark message.</summary>
    public static IRulePlan NonMatching(int count) =>
        _plans.GetOrAdd("non-matching-" + count, _ => Load(RuleSetFiles.WriteNonMatching(_folder, count)));

    /// <summary><paramref name="count"/> non-matching rules all of one condition kind (see <see cref="RuleSetFiles.NonMatchingKinds"/>).</summary>
    public static IRulePlan NonMatching(int count, int kind) =>
        _plans.GetOrAdd($"non-matching-{count}-{kind}", _ => Load(RuleSetFiles.WriteNonMatching(_folder, count, kind)));

    private static IRulePlan Load(string path) => RuleSetLoader.Load(path, new FluidTemplateCompiler());
}
