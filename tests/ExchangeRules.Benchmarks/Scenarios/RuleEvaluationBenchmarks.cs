using System;
using BenchmarkDotNet.Attributes;
using ExchangeRules.Benchmarks.Fixtures;
using ExchangeRules.Engine.Evaluation;
using ExchangeRules.Engine.Messages;

namespace ExchangeRules.Benchmarks.Scenarios;

/// <summary>
/// Scenario 4: rule evaluation alone (headers already decoded) with 10, 100 and 1,000 rules that do not match,
/// and the realistic 50-rule set on an internal message (nothing applies) and an outgoing one (a signature
/// applies). Target: 1,000 non-matching rules under 50 µs per message.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class RuleEvaluationBenchmarks
{
    private static readonly DateTimeOffset _now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private IRulePlan _plan = null!;
    private MessageContext _context = null!;

    /// <summary>The rule set: N non-matching rules, or the realistic set ("50-internal", "50-outgoing").</summary>
    [Params("10", "100", "1000", "50-internal", "50-outgoing")]
    public string Rules { get; set; } = "1000";

    /// <summary>Loads the plan and builds the message context.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var recipient = Rules == "50-internal" ? MessageFixtures.InternalRecipient : MessageFixtures.ExternalRecipient;
        _plan = Rules.StartsWith("50-", StringComparison.Ordinal)
            ? BenchmarkRules.Realistic()
            : BenchmarkRules.NonMatching(int.Parse(Rules, System.Globalization.CultureInfo.InvariantCulture));
        var envelope = new MessageEnvelope(MessageFixtures.Sender, [recipient], SubmissionOrigin.Authenticated);
        _context = new MessageContext(envelope, new HeaderOnlyContent(recipient), BenchmarkOrganization.Instance, new BenchmarkDirectory(), _now);
        var applied = Evaluate().Copies[0].Actions.Count;
        var expected = Rules == "50-outgoing" ? 1 : 0;
        if (applied != expected)
        {
            throw new InvalidOperationException($"The {Rules} rule set planned {applied} action(s) for the benchmark message; expected {expected}.");
        }
    }

    /// <summary>Evaluates the plan for the message.</summary>
    [Benchmark]
    public EvaluationResult Evaluate() => _plan.Evaluate(_context);
}
