using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Evaluation;
using ExchangeRules.Engine.Messages;

namespace ExchangeRules.Engine.Compilation;

/// <summary>
/// The compiled, immutable rule set. Rules run in order; a per-recipient rule is evaluated for each envelope
/// recipient, and recipients that end up with different actions get different copies (a split). The rules that can
/// change recipients form a subset built once here (<see cref="EvaluateRecipientChanges"/>), so the transport event
/// where recipients may be added evaluates only those.
/// </summary>
internal sealed class RulePlan : IRulePlan, IRecipientChangingPlan
{
    private static readonly IReadOnlyList<PlannedAction> _noActions = Array.Empty<PlannedAction>();
    private readonly CompiledRule[] _rules;
    private readonly RuleIndex? _index;
    private readonly RuleTrace[] _stoppedTraces;

    // The recipient stage: for each rule, whether EvaluateRecipientChanges evaluates it (null: no rule changes
    // recipients), the recipient actions it contributes there, and the trace of a rule it leaves out.
    private readonly bool[]? _recipientStage;
    private readonly IReadOnlyList<PlannedAction>[] _recipientActions;
    private readonly RuleTrace[] _notInRecipientStageTraces;

    public RulePlan(IReadOnlyList<CompiledRule> rules, string sourcePath)
        : this(rules, sourcePath, useIndex: true)
    {
    }

    /// <summary>Creates a plan; without the index every rule is evaluated in full (the reference the index is tested against).</summary>
    internal RulePlan(IReadOnlyList<CompiledRule> rules, string sourcePath, bool useIndex)
    {
        _rules = rules.ToArray();
        _index = useIndex ? new RuleIndex(_rules) : null;
        SourcePath = sourcePath;
        _stoppedTraces = _rules.Select(rule => new RuleTrace(rule.Name, false, "not evaluated: an earlier rule stopped processing")).ToArray();
        _recipientActions = _rules.Select(RecipientActionsOf).ToArray();
        _recipientStage = RecipientStage(_rules, _recipientActions);
        MayChangeRecipients = _recipientStage is not null;
        _notInRecipientStageTraces = _rules.Select(rule => new RuleTrace(rule.Name, false, NotInRecipientStage)).ToArray();
    }

    /// <summary>The trace reason of a rule that <see cref="EvaluateRecipientChanges"/> leaves out.</summary>
    internal const string NotInRecipientStage = "not evaluated for recipient changes: the rule adds, copies or redirects no recipient (it is evaluated when the content is processed)";

    /// <summary>An empty plan: no rule applies to any message.</summary>
    public static RulePlan Empty { get; } = new(Array.Empty<CompiledRule>(), string.Empty);

    public IReadOnlyList<CompiledRule> Rules => _rules;

    public string SourcePath { get; }

    /// <inheritdoc />
    public bool MayChangeRecipients { get; }

    public EvaluationResult Evaluate(MessageContext context) => Evaluate(context, recipientStage: null);

    /// <inheritdoc />
    public EvaluationResult EvaluateRecipientChanges(MessageContext context) =>
        _recipientStage is null
            ? new EvaluationResult(new[] { new CopyDecision(context?.Envelope.Recipients ?? throw new ArgumentNullException(nameof(context)), _noActions) }, new EvaluationTrace(_notInRecipientStageTraces), Array.Empty<string>())
            : Evaluate(context, _recipientStage);

    /// <summary>
    /// The rules of the recipient stage: every enabled rule with an add-recipient, BCC or redirect action, and every
    /// enabled stop-processing rule before the last of them (whether it applies decides whether they are reached);
    /// <see langword="null"/> when no rule changes recipients.
    /// </summary>
    private static bool[]? RecipientStage(CompiledRule[] rules, IReadOnlyList<PlannedAction>[] recipientActions)
    {
        var last = rules.Length - 1;
        while (last >= 0 && !(rules[last].Enabled && recipientActions[last].Count > 0))
        {
            last--;
        }

        if (last < 0)
        {
            return null;
        }

        var stage = new bool[rules.Length];
        for (var i = 0; i <= last; i++)
        {
            stage[i] = rules[i].Enabled && (recipientActions[i].Count > 0 || rules[i].StopProcessing);
        }

        return stage;
    }

    private static IReadOnlyList<PlannedAction> RecipientActionsOf(CompiledRule rule)
    {
        var actions = rule.Actions.OfType<FixedAction>().Select(action => action.Action).Where(action => action is RecipientAction).ToArray();
        return actions.Length == 0 ? _noActions : actions;
    }

    /// <summary>
    /// Evaluates the rules; with <paramref name="recipientStage"/> only the rules it marks, and of their actions only
    /// the recipient changes (no template is rendered). A rule of the stage stops processing exactly when it would in
    /// a full evaluation, so the recipient changes are the ones a full evaluation would decide.
    /// </summary>
    private EvaluationResult Evaluate(MessageContext context, bool[]? recipientStage)
    {
        if (context is null)
        {
            throw new ArgumentNullException(nameof(context));
        }

        var state = new EvaluationState(context);
        var recipients = context.Envelope.Recipients;
        var slotCount = Math.Max(recipients.Count, 1);
        var perSlot = new List<int>?[slotCount];
        var stopped = new bool[slotCount];
        var stoppedCount = 0;
        IReadOnlyList<PlannedAction>?[]? ruleActions = null;
        var traces = new RuleTrace[_rules.Length];
        List<string>? requiredFailed = null;
        var candidates = _index?.Candidates(state);
        TemplateModelFactory? models = null;
        var appliedSlots = new List<int>(slotCount);
        var cancelled = false;

        for (var i = 0; i < _rules.Length; i++)
        {
            var rule = _rules[i];
            if (!rule.Enabled)
            {
                traces[i] = rule.DisabledTrace;
                continue;
            }

            if (recipientStage is not null && !recipientStage[i])
            {
                traces[i] = _notInRecipientStageTraces[i];
                continue;
            }

            if (stoppedCount == slotCount)
            {
                traces[i] = _stoppedTraces[i];
                continue;
            }

            if (candidates is not null && !RuleIndex.Contains(candidates.Rules, i))
            {
                traces[i] = _index!.SkippedTrace(i, rule, candidates);
                continue;
            }

            if (rule.Schedule is not null && !rule.Schedule.IsActive(context.Now))
            {
                traces[i] = rule.OutsideScheduleTrace;
                continue;
            }

            Rejection rejection;
            IReadOnlyList<PlannedAction> actions;
            string? bodyExemption;
            try
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                EvaluateRule(rule, state, recipients, stopped, appliedSlots, out rejection, out bodyExemption);
                if (appliedSlots.Count == 0)
                {
                    traces[i] = rejection.Trace(rule);
                    continue;
                }

                if (recipientStage is not null)
                {
                    // The same decision as a full evaluation (a rule left with no action neither applies nor stops),
                    // without rendering anything: only the recipient changes are kept.
                    var wouldAct = bodyExemption is null ? rule.Actions.Count > 0 : rule.HasHeaderActions;
                    actions = !wouldAct ? _noActions : bodyExemption is null ? _recipientActions[i] : _noActions;
                    if (!wouldAct)
                    {
                        traces[i] = new RuleTrace(rule.Name, false, bodyExemption + "; the rule has no header-level action");
                        continue;
                    }
                }
                else
                {
                    models ??= new TemplateModelFactory(state);
                    actions = BuildActions(rule, models, headerActionsOnly: bodyExemption is not null);
                }

                if (actions.Count == 0 && recipientStage is null)
                {
                    traces[i] = new RuleTrace(rule.Name, false, bodyExemption + "; the rule has no header-level action");
                    continue;
                }
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // A rule the budget stopped fails like any other: failClosed defers, failOpen is not applied.
                cancelled |= exception is OperationCanceledException && context.CancellationToken.IsCancellationRequested;
                state.Recipient = null;
                state.BodyKindsIgnored = false;
                if (rule.FailurePolicy == FailurePolicy.FailClosed)
                {
                    (requiredFailed ??= new List<string>()).Add(rule.Name);
                }

                traces[i] = new RuleTrace(rule.Name, false, FailureReason(rule, exception), Array.Empty<string>(), true);
                continue;
            }

            (ruleActions ??= new IReadOnlyList<PlannedAction>?[_rules.Length])[i] = actions;
            foreach (var slot in appliedSlots)
            {
                (perSlot[slot] ??= new List<int>()).Add(i);
                if (rule.StopProcessing && !stopped[slot])
                {
                    stopped[slot] = true;
                    stoppedCount++;
                }
            }

            traces[i] = AppliedTrace(rule, recipients, appliedSlots, rejection.Reason, bodyExemption);
        }

        return new EvaluationResult(BuildCopies(recipients, perSlot, ruleActions), new EvaluationTrace(traces), (IReadOnlyList<string>?)requiredFailed ?? Array.Empty<string>()) { Cancelled = cancelled };
    }

    /// <summary>Fills <paramref name="applied"/> (reused across rules to save allocations) with the slots the rule applies to.</summary>
    /// <remarks>
    /// <paramref name="bodyExemption"/> is set when, for at least one recipient, the rule applies only because a body
    /// exemption (see <see cref="Reject"/>) does not remove header-level actions; the rule then keeps only those.
    /// </remarks>
    private static void EvaluateRule(CompiledRule rule, EvaluationState state, IReadOnlyList<string> recipients, bool[] stopped, List<int> applied, out Rejection rejection, out string? bodyExemption)
    {
        applied.Clear();
        rejection = default;
        bodyExemption = null;
        if (!rule.IsPerRecipient || recipients.Count == 0)
        {
            state.Recipient = null;
            rejection = Reject(rule, state, null);
            bodyExemption = rejection.BodyExemption;
            if (rejection.Decider is null)
            {
                for (var slot = 0; slot < stopped.Length; slot++)
                {
                    if (!stopped[slot])
                    {
                        applied.Add(slot);
                    }
                }
            }

            return;
        }

        for (var slot = 0; slot < recipients.Count; slot++)
        {
            if (stopped[slot])
            {
                continue;
            }

            // A slow per-recipient condition (a regex near its timeout, a directory lookup) must not run for every recipient
            // of a large message after the budget is spent.
            state.Context.CancellationToken.ThrowIfCancellationRequested();
            state.Recipient = recipients[slot];
            var reason = Reject(rule, state, recipients.Count > 1 ? recipients[slot] : null);
            if (reason.Decider is null)
            {
                applied.Add(slot);
                bodyExemption ??= reason.BodyExemption;
            }
            else if (rejection.Decider is null)
            {
                rejection = reason;
            }
        }

        state.Recipient = null;
    }

    /// <summary>
    /// No decider when the rule applies; otherwise the condition or exception that rejected it. On mail whose sender's
    /// claims are not trusted (it came from outside), an exception that holds only because of a body kind (signed,
    /// encrypted, report, meeting: <see cref="MessageTypeCondition.BodyKinds"/>) exempts only the body: the rule applies
    /// with its header-level actions, and the rejection carries that exemption as <see cref="Rejection.BodyExemption"/>.
    /// </summary>
    private static Rejection Reject(CompiledRule rule, EvaluationState state, string? recipient)
    {
        state.Decider = null;
        if (!rule.Conditions.Evaluate(state))
        {
            return new Rejection(state.Decider ?? rule.Conditions, false, recipient);
        }

        if (rule.Exceptions.Children.Count > 0 && rule.Exceptions.Evaluate(state))
        {
            var decider = state.Decider ?? rule.Exceptions;
            if (state.Context.Envelope.Origin.TrustsSenderClaims() || !rule.HasHeaderActions)
            {
                return new Rejection(decider, true, recipient);
            }

            state.BodyKindsIgnored = true;
            try
            {
                if (rule.Exceptions.Evaluate(state))
                {
                    return new Rejection(state.Decider ?? rule.Exceptions, true, recipient);
                }
            }
            finally
            {
                state.BodyKindsIgnored = false;
            }

            return Rejection.ForBody("exception met for the body only: " + decider.Description + " (mail from outside the organisation keeps the rule's header-level actions)");
        }

        return default;
    }

    /// <summary>The rule's actions; with <paramref name="headerActionsOnly"/> only subject and header changes.</summary>
    private static IReadOnlyList<PlannedAction> BuildActions(CompiledRule rule, TemplateModelFactory models, bool headerActionsOnly)
    {
        if (rule.Actions.Count == 0)
        {
            return _noActions;
        }

        var actions = new List<PlannedAction>(rule.Actions.Count);
        foreach (var template in rule.Actions)
        {
            if (headerActionsOnly && !(template is FixedAction fixedAction && IsHeaderLevel(fixedAction.Action)))
            {
                // Body templates are not even rendered: nothing of theirs reaches the message.
                continue;
            }

            actions.Add(template.Create(template.NeedsModel ? models.For(rule.Name) : TemplateModelFactory.None));
        }

        return actions;
    }

    /// <summary>Whether an action changes only the top-level header block (the subject or a header), never the body.</summary>
    internal static bool IsHeaderLevel(PlannedAction action) => action is SubjectAction or HeaderAction;

    private static RuleTrace AppliedTrace(CompiledRule rule, IReadOnlyList<string> recipients, List<int> appliedSlots, string? rejection, string? bodyExemption)
    {
        if (bodyExemption is not null)
        {
            var to = recipients.Count == 0 ? Array.Empty<string>() : appliedSlots.Select(slot => recipients[slot]).ToArray();
            return new RuleTrace(rule.Name, true, "applied (header-level actions only): " + bodyExemption, to, false);
        }

        var appliedTo = recipients.Count == 0 ? Array.Empty<string>() : appliedSlots.Select(slot => recipients[slot]).ToArray();
        string reason;
        if (recipients.Count == 0 || appliedSlots.Count == recipients.Count)
        {
            reason = rule.StopProcessing ? "applied: all conditions met, no exception; stops processing" : "applied: all conditions met, no exception";
        }
        else
        {
            reason = string.Format(
                CultureInfo.InvariantCulture,
                "applied to {0} of {1} recipients ({2}); {3}",
                appliedSlots.Count,
                recipients.Count,
                string.Join(", ", appliedTo),
                rejection ?? "the others were stopped by an earlier rule");
        }

        return new RuleTrace(rule.Name, true, reason, appliedTo, false);
    }

    private static string FailureReason(CompiledRule rule, Exception exception) =>
        (rule.FailurePolicy == FailurePolicy.FailClosed
            ? "failed (required rule, the message is deferred): "
            : "failed (not applied, the message is delivered without it): ")
        + (exception is OperationCanceledException ? "evaluation stopped: the processing time budget per message was spent or the host cancelled" : exception.Message);

    private static CopyDecision[] BuildCopies(IReadOnlyList<string> recipients, List<int>?[] perSlot, IReadOnlyList<PlannedAction>?[]? ruleActions)
    {
        if (recipients.Count == 0)
        {
            return new[] { new CopyDecision(recipients, Flatten(perSlot[0], ruleActions)) };
        }

        var groups = new List<(List<int>? Rules, List<string> Recipients)>();
        for (var slot = 0; slot < recipients.Count; slot++)
        {
            var rules = perSlot[slot];
            var group = groups.FindIndex(candidate => SameRules(candidate.Rules, rules));
            if (group < 0)
            {
                groups.Add((rules, new List<string> { recipients[slot] }));
            }
            else
            {
                groups[group].Recipients.Add(recipients[slot]);
            }
        }

        return groups.Select(group => new CopyDecision(group.Recipients, Flatten(group.Rules, ruleActions))).ToArray();
    }

    private static bool SameRules(List<int>? left, List<int>? right) =>
        (left is null || left.Count == 0) ? (right is null || right.Count == 0) : right is not null && left.SequenceEqual(right);

    private static IReadOnlyList<PlannedAction> Flatten(List<int>? rules, IReadOnlyList<PlannedAction>?[]? ruleActions)
    {
        if (rules is null || rules.Count == 0 || ruleActions is null)
        {
            return _noActions;
        }

        var actions = new List<PlannedAction>();
        foreach (var rule in rules)
        {
            actions.AddRange(ruleActions[rule]!);
        }

        return actions;
    }

    /// <summary>Why a rule did not apply (for one recipient): the deciding condition, without allocating in the common case.</summary>
    private readonly struct Rejection
    {
        public Rejection(Condition decider, bool isException, string? recipient)
        {
            Decider = decider;
            IsException = isException;
            Recipient = recipient;
            BodyExemption = null;
        }

        private Rejection(string bodyExemption)
        {
            Decider = null;
            IsException = false;
            Recipient = null;
            BodyExemption = bodyExemption;
        }

        /// <summary>The rule applies, with its header-level actions only, for the reason given.</summary>
        public static Rejection ForBody(string reason) => new(reason);

        /// <summary>When the rule applies only with its header-level actions: why (a body exemption on mail from outside).</summary>
        public string? BodyExemption { get; }

        /// <summary>The condition or exception that decided; null when the rule applied.</summary>
        public Condition? Decider { get; }

        public bool IsException { get; }

        /// <summary>The recipient it was rejected for, when the message has several; else null.</summary>
        public string? Recipient { get; }

        public string? Reason => Decider is null
            ? null
            : (IsException ? Decider.ExceptionReason : Decider.NotMetReason) + (Recipient is null ? string.Empty : " (for " + Recipient + ")");

        public RuleTrace Trace(CompiledRule rule)
        {
            if (Decider is null)
            {
                return new RuleTrace(rule.Name, false, "not applied");
            }

            return Recipient is not null ? new RuleTrace(rule.Name, false, Reason!)
                : IsException ? Decider.ExceptionTrace(rule.Name) : Decider.NotMetTrace(rule.Name);
        }
    }
}
