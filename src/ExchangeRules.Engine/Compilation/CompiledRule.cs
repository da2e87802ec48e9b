using System.Collections.Generic;
using System.Linq;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Evaluation;

namespace ExchangeRules.Engine.Compilation;

/// <summary>One rule after compilation: immutable, with its trace entries for the cheap cases prebuilt.</summary>
internal sealed class CompiledRule
{
    public CompiledRule(
        string name,
        bool enabled,
        GroupCondition conditions,
        GroupCondition exceptions,
        IReadOnlyList<ActionTemplate> actions,
        bool stopProcessing,
        FailurePolicy failurePolicy,
        RuleSchedule? schedule,
        SpecialMessagePolicy? specialMessages = null)
    {
        Name = name;
        Enabled = enabled;
        Conditions = conditions;
        Exceptions = exceptions;
        Actions = actions;
        StopProcessing = stopProcessing;
        FailurePolicy = failurePolicy;
        Schedule = schedule;
        SpecialMessages = specialMessages ?? SpecialMessagePolicy.Default;
        IsPerRecipient = conditions.IsPerRecipient || exceptions.IsPerRecipient;
        HasHeaderActions = actions.Any(action => action is FixedAction fixedAction && RulePlan.IsHeaderLevel(fixedAction.Action));
        DisabledTrace = new RuleTrace(name, false, "not applied: the rule is disabled");
        OutsideScheduleTrace = new RuleTrace(name, false, "not applied: outside its schedule (" + (schedule?.Description ?? string.Empty) + ")");
    }

    public string Name { get; }

    public bool Enabled { get; }

    /// <summary>The rule's conditions as an all group, cheapest first.</summary>
    public GroupCondition Conditions { get; }

    /// <summary>The rule's exceptions as an any group, cheapest first.</summary>
    public GroupCondition Exceptions { get; }

    public IReadOnlyList<ActionTemplate> Actions { get; }

    public bool StopProcessing { get; }

    public FailurePolicy FailurePolicy { get; }

    public RuleSchedule? Schedule { get; }

    /// <summary>Which special messages the rule's actions may change (carried on every planned action).</summary>
    public SpecialMessagePolicy SpecialMessages { get; }

    /// <summary>Whether the rule changes the subject or a header (actions a body exemption never removes from mail from outside).</summary>
    public bool HasHeaderActions { get; }

    /// <summary>Whether the rule is evaluated per recipient (and may split the message).</summary>
    public bool IsPerRecipient { get; }

    public RuleTrace DisabledTrace { get; }

    public RuleTrace OutsideScheduleTrace { get; }
}
