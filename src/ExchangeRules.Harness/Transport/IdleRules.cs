using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Engine.Evaluation;
using ExchangeRules.Processing;

namespace ExchangeRules.Harness.Transport;

/// <summary>
/// The rules whose conditions a message met but that changed nothing on it, each with why, for the harness's reports:
/// "no rule matches" would send an admin looking at the conditions when the rule did match and, most often, its
/// rendered block was empty (a template made only of directory fields the sender does not have).
/// </summary>
internal static class IdleRules
{
    private static readonly Regex _markup = new("<[^>]*>|&nbsp;|&#160;", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>One line per rule that matched without effect in <paramref name="result"/>: <c>name (why)</c>.</summary>
    public static IEnumerable<string> Describe(ProcessingResult? result)
    {
        if (result?.Trace is null || result.ActionOutcomes.Count == 0)
        {
            yield break;
        }

        // Actions are planned (and reach the editor) only for a rule whose conditions were met, so only a rule with an
        // outcome can be idle: the other rules of the set (most of them, on every message) are passed over without
        // looking through the outcomes for each.
        var withOutcomes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var outcome in result.ActionOutcomes)
        {
            withOutcomes.Add(outcome.Action.RuleName);
        }

        foreach (var rule in result.Trace.Rules)
        {
            if (rule.Applied || !withOutcomes.Contains(rule.RuleName))
            {
                continue;
            }

            var own = result.ActionOutcomes.Where(o => string.Equals(o.Action.RuleName, rule.RuleName, StringComparison.Ordinal)).ToList();
            if (own.Count > 0)
            {
                yield return $"{rule.RuleName} ({Why(rule, own)})";
            }
        }
    }

    private static string Why(RuleTrace rule, List<ActionOutcome> own)
    {
        var inserts = own.Select(o => o.Action).OfType<InsertContentAction>().ToList();
        if (inserts.Count == own.Count && inserts.All(RenderedEmpty))
        {
            var templates = string.Join(", ", inserts.Select(i => i.TemplateName).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).Select(n => "'" + n + "'"));
            var kind = inserts[0].Kind.ToString().ToLowerInvariant();
            return $"matched, but its {kind} block rendered empty for this message{(templates.Length > 0 ? " (template " + templates + ")" : string.Empty)}: "
                + "a directory field it uses is probably empty for this sender, and lines whose fields are all empty are dropped";
        }

        const string prefix = "conditions met, not applied: ";
        var reason = rule.Reason.StartsWith(prefix, StringComparison.Ordinal) ? rule.Reason.Substring(prefix.Length) : rule.Reason;
        return "matched, but did not act: " + reason;
    }

    private static bool RenderedEmpty(InsertContentAction action) =>
        string.IsNullOrWhiteSpace(action.Text) && string.IsNullOrWhiteSpace(_markup.Replace(action.Html ?? string.Empty, string.Empty));
}
