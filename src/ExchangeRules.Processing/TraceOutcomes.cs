using System;
using System.Collections.Generic;
using System.Linq;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Engine.Evaluation;

namespace ExchangeRules.Processing;

/// <summary>
/// Makes the trace say what happened to the message rather than what evaluation decided: a rule whose conditions were
/// met but none of whose actions changed anything (skipped by a limit or a policy, failed, or never attempted because
/// the message was deferred) is reported as not applied, with the reason. The agent log, the harness and
/// <c>exrules apply</c> all show this trace, so none of them claims a rule applied when it did not.
/// </summary>
internal static class TraceOutcomes
{
    /// <summary>The trace with every applied rule checked against the actions' outcomes and the message's fate.</summary>
    /// <param name="trace">The evaluation trace, or <see langword="null"/>.</param>
    /// <param name="outcomes">What happened to each action of the copy on this item.</param>
    /// <param name="outcome">What the host does with the message.</param>
    /// <param name="reason">Why, when the message is deferred, rejected or left unchanged after a failure.</param>
    public static EvaluationTrace? Reconcile(EvaluationTrace? trace, IReadOnlyList<ActionOutcome> outcomes, ProcessingOutcome outcome, string reason)
    {
        if (trace is null)
        {
            return null;
        }

        // Usually every applied rule did apply: the new list is made only when the first rule changes.
        RuleTrace[]? rules = null;
        for (var i = 0; i < trace.Rules.Count; i++)
        {
            var rule = trace.Rules[i];
            var reconciled = rule.Applied ? Reconcile(rule, outcomes, outcome, reason) : rule;
            if (rules is null && !ReferenceEquals(reconciled, rule))
            {
                rules = new RuleTrace[trace.Rules.Count];
                for (var j = 0; j < i; j++)
                {
                    rules[j] = trace.Rules[j];
                }
            }

            if (rules is not null)
            {
                rules[i] = reconciled;
            }
        }

        return rules is null ? trace : new EvaluationTrace(rules);
    }

    private static RuleTrace Reconcile(RuleTrace rule, IReadOnlyList<ActionOutcome> outcomes, ProcessingOutcome outcome, string reason)
    {
        if (outcome is ProcessingOutcome.Defer or ProcessingOutcome.Reject)
        {
            var fate = outcome == ProcessingOutcome.Defer ? "deferred" : "rejected";
            return new RuleTrace(rule.RuleName, false, $"conditions met, not applied: the message was {fate} ({reason})", rule.Recipients, rule.Failed);
        }

        var own = outcomes.Where(o => string.Equals(o.Action.RuleName, rule.RuleName, StringComparison.Ordinal)).ToList();
        if (own.Count == 0)
        {
            // Evaluation decided actions but none reached this copy (a split put them on the other copy), or the
            // message was left unchanged after a failure before editing: say which.
            return outcome == ProcessingOutcome.Unchanged && reason.Length > 0
                ? new RuleTrace(rule.RuleName, false, "conditions met, not applied: the message was delivered unchanged (" + reason + ")", rule.Recipients, rule.Failed)
                : rule;
        }

        var applied = own.Where(o => o.Status == ActionStatus.Applied).ToList();
        if (applied.Count == own.Count && outcome != ProcessingOutcome.Unchanged)
        {
            return rule;
        }

        if (applied.Count == 0 || (outcome == ProcessingOutcome.Unchanged && !own.Any(o => o.Action is Engine.Actions.RecipientAction)))
        {
            var why = own.FirstOrDefault(o => o.Status != ActionStatus.Applied)?.Detail ?? reason;
            return new RuleTrace(rule.RuleName, false, "conditions met, not applied: " + why, rule.Recipients, rule.Failed || own.Any(o => o.Status == ActionStatus.Failed));
        }

        var missing = own.First(o => o.Status != ActionStatus.Applied);
        return new RuleTrace(
            rule.RuleName,
            true,
            $"applied in part ({applied.Count} of {own.Count} actions): {rule.Reason}; not applied: {missing.Detail}",
            rule.Recipients,
            rule.Failed);
    }
}
