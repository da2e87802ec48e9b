using System;
using System.Collections.Generic;
using System.Linq;
using ExchangeRules.Cli.Replay;

namespace ExchangeRules.Cli.Cases;

/// <summary>Compares what one recipient received with what the case expects; each difference is one readable line.</summary>
internal static class CaseChecker
{
    public static IReadOnlyList<string> Check(CaseExpectation expected, RecipientResult actual)
    {
        var differences = new List<string>();
        if (expected.Outcome is { } outcome && outcome != actual.Outcome)
        {
            differences.Add($"outcome: expected {Name(outcome)}, got {Name(actual.Outcome)}{(actual.Reason.Length > 0 ? " (" + actual.Reason + ")" : string.Empty)}");
        }

        if (expected.Rules is not null)
        {
            var missing = expected.Rules.Except(actual.Rules, StringComparer.Ordinal).ToList();
            var extra = actual.Rules.Except(expected.Rules, StringComparer.Ordinal).ToList();
            if (missing.Count > 0 || extra.Count > 0)
            {
                differences.Add($"rules: expected [{string.Join(", ", expected.Rules)}], got [{string.Join(", ", actual.Rules)}]");
                differences.AddRange(missing.Select(rule => $"  - {rule}: {ReasonOf(actual, rule)}"));
                differences.AddRange(extra.Select(rule => $"  + {rule}: {ReasonOf(actual, rule)}"));
            }
        }

        if (expected.Blocks is not null)
        {
            var got = actual.Blocks.Select(block => block.Key).ToList();
            if (!SameMultiset(expected.Blocks, got))
            {
                differences.Add($"blocks: expected [{string.Join(", ", expected.Blocks)}], got [{string.Join(", ", got)}]");
            }
        }

        if (expected.Subject is not null && !string.Equals(expected.Subject, actual.Subject, StringComparison.Ordinal))
        {
            differences.Add($"subject: expected \"{expected.Subject}\", got {Quote(actual.Subject)}");
        }

        foreach (var (name, value) in expected.Headers ?? new Dictionary<string, string?>())
        {
            actual.Headers.TryGetValue(name, out var values);
            if (value is null && values is not null)
            {
                differences.Add($"header {name}: expected absent, got \"{string.Join("\", \"", values)}\"");
            }
            else if (value is not null && (values is null || !values.Contains(value, StringComparer.Ordinal)))
            {
                differences.Add($"header {name}: expected \"{value}\", got {(values is null ? "absent" : "\"" + string.Join("\", \"", values) + "\"")}");
            }
        }

        return differences;
    }

    /// <summary>The outcome as the cases file writes it.</summary>
    public static string Name(ReplayOutcome outcome) => outcome.ToString().ToLowerInvariant();

    private static string ReasonOf(RecipientResult actual, string rule) =>
        actual.RuleReasons.TryGetValue(rule, out var reason) ? reason : "no rule of that name in the rules file";

    private static string Quote(string? value) => value is null ? "no Subject" : "\"" + value + "\"";

    private static bool SameMultiset(IReadOnlyList<string> left, List<string> right) =>
        left.Count == right.Count && left.Order(StringComparer.Ordinal).SequenceEqual(right.Order(StringComparer.Ordinal), StringComparer.Ordinal);
}
